"""Responsibility patterns on small hand-made documents: one rule each."""

from __future__ import annotations

from loaders import extract_text

HEAD = "某市人民政府关于印发某市某某工作方案的通知\n\n某政发〔2023〕1号\n\n各县区人民政府，市政府各部门：\n\n现将《某市某某工作方案》印发给你们。\n\n某市人民政府\n\n2023年3月1日\n\n某市某某工作方案\n\n"


def _tasks(body: str) -> dict[str, dict[str, str]]:
    result = extract_text(HEAD + body, "t.txt")
    return {t.path: {d.name: d.role for d in t.departments} for t in result.tasks if t.departments}


def test_own_line_slot_after_a_group_covers_every_item_since_the_last_slot() -> None:
    body = (
        "一、重点任务\n\n（一）建设平台。建设全市统一平台。\n\n（二）完善制度。出台管理办法。\n\n"
        "（三）加强监管。开展专项检查。\n\n牵头单位：市发展改革委  配合单位：市财政局\n\n"
        "（四）强化宣传。开展宣传活动。（责任单位：市委宣传部）\n"
    )
    tasks = _tasks(body)
    for path in ("一/（一）", "一/（二）", "一/（三）"):
        assert tasks[path] == {"市发展改革委": "lead", "市财政局": "support"}
    assert tasks["一/（四）"] == {"市委宣传部": "responsible"}


def test_first_listed_is_lead_and_xiatong_carries_it() -> None:
    body = (
        "一、主要任务\n\n1.做好甲项工作。（市卫生健康委、市医保局、市财政局负责。列第一位者为牵头单位，下同）\n\n"
        "2.做好乙项工作。（市医保局、市卫生健康委负责）\n"
    )
    tasks = _tasks(body)
    assert tasks["一/1"] == {"市卫生健康委": "lead", "市医保局": "responsible", "市财政局": "responsible"}
    assert tasks["一/2"] == {"市医保局": "lead", "市卫生健康委": "responsible"}


def test_prose_lead_support_and_elided_list() -> None:
    body = (
        "一、主要任务\n\n1.推进改造。加快老旧小区改造。（市住建局牵头，市财政局、自然资源局配合）\n\n"
        "2.强化督查。由市政府督查室负责。\n\n"
        "3.落实保障。本办法由市司法局负责解释。\n"
    )
    tasks = _tasks(body)
    assert tasks["一/1"] == {"市住建局": "lead", "市财政局": "support", "市自然资源局": "support"}
    assert tasks["一/2"] == {"市政府督查室": "responsible"}
    assert "一/3" not in tasks


def test_brackets_of_every_kind_and_a_list_with_parentheses() -> None:
    body = (
        "一、任务\n\n1.甲。〔责任单位：各县（区）人民政府、市财政局〕\n\n2.乙。【牵头单位：市商务局；配合单位：市税务局】\n\n"
        "3.丙。[牵头单位:市科技局;责任单位:市工信局、市教育局]\n"
    )
    tasks = _tasks(body)
    assert tasks["一/1"] == {"各县（区）人民政府": "responsible", "市财政局": "responsible"}
    assert tasks["一/2"] == {"市商务局": "lead", "市税务局": "support"}
    assert tasks["一/3"] == {"市科技局": "lead", "市工信局": "responsible", "市教育局": "responsible"}


def test_table_rows_merge_cells_and_skip_people() -> None:
    table = (
        "序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\t责任领导\n"
        "1\t建设智慧平台\t建成数据中台\t市数据局\t市财政局、市发改委\t2023年12月底前\t张三\n"
        "\t\t完善平台功能\t\t市工信局\t2024年6月底前\t张三\n"
        "2\t开展专项培训\t分批培训干部\t\t市人社局 市教育局\t每季度\t李四\n"
    )
    result = extract_text(HEAD + "附件\n\n重点任务分解表\n\n" + table, "t.txt")
    tasks = {t.path: t for t in result.tasks}
    first = tasks["表1/1"]
    assert {d.name: d.role for d in first.departments} == {
        "市数据局": "lead",
        "市财政局": "support",
        "市发改委": "support",
        "市工信局": "support",
    }
    assert "完善平台功能" in first.text and first.deadline == "2024-06-30"
    second = tasks["表1/2"]
    assert {d.name: d.role for d in second.departments} == {
        "市数据局": "lead",
        "市人社局": "support",
        "市教育局": "support",
    }
    assert second.recurring
    assert not any(d.name in ("张三", "李四") for t in result.tasks for d in t.departments)


def test_tab_led_cells_with_circled_items_and_a_name_over_two_lines() -> None:
    table = (
        "\t序号\n\t主要任务\n\t责任单位\n\n\t1\n\t①开展科普活动2场次。\n②编印科普读本。\n\t市委\n\n宣传部\n\n"
        "\t2\n\t①建设创新平台3个以上。\n\t市科技局\n"
    )
    result = extract_text(HEAD + table, "t.txt")
    tasks = {t.path: t for t in result.tasks}
    assert {d.name for d in tasks["表1/1/①"].departments} == {"市委宣传部"}
    assert tasks["表1/1/②"].departments[0].mention == "市委\n\n宣传部"
    assert [(i.value, i.unit, i.comparator) for i in result.indicators if i.task_id.endswith("表1/2")] == [
        (3, "个", ">=")
    ]


def test_a_goal_heading_gives_its_year_to_the_target_paragraphs_below_it() -> None:
    body = (
        "一、基本要求\n\n（一）总体要求。坚持统筹推进。\n\n（二）发展目标。到2027年，标准体系基本完善。\n\n"
        "——制修订地方标准50项以上。\n\n二、重点任务\n\n（一）推进改造。到2026年完成改造。\n\n"
        "新建企业研发中心10家以上。（责任单位：市工信局）\n"
    )
    result = extract_text(HEAD + body, "t.txt")
    years = {ind.text: ind.year for ind in result.indicators}
    assert years["——制修订地方标准50项以上"] == 2027  # a goal item whose heading says 发展目标。到2027年
    # an ordinary task's heading date is its own deadline, not a goal year for the paragraphs below it
    assert years["新建企业研发中心10家以上"] != 2026


def test_long_unit_list_keeps_its_task() -> None:
    """Issue 13 item 5: a 责任单位 list of 200 names once dropped its task (the bracket was given up at 600
    characters); a labelled bracket is read whole, however many units it names."""
    units = "、".join(f"第{k}分中心" for k in range(200))
    body = f"一、主要任务\n\n1.做好甲项工作。（责任单位：市财政局、{units}）\n\n2.做好乙项工作。（市医保局负责）\n"
    tasks = _tasks(body)
    assert len(tasks["一/1"]) == 201
    assert tasks["一/1"]["市财政局"] == "responsible"
    assert tasks["一/2"] == {"市医保局": "responsible"}


def test_unclosed_bracket_does_not_swallow_later_slots() -> None:
    body = (
        "一、主要任务\n\n1.做好甲项工作（见附表。"
        + "具体安排另行通知。" * 80
        + "\n\n2.做好乙项工作。（市医保局负责）\n"
    )
    assert _tasks(body)["一/2"] == {"市医保局": "responsible"}


def test_slot_after_the_last_sub_item_closes_the_item_above() -> None:
    """1.完善体系 (1)…(4) then （责任单位：…） on its own line: one task, item 1 (FORMAT.md: the slot
    names who answers for the group); a part heading (一、) still only groups its items."""
    body = (
        "一、主要任务\n\n1.完善应急预案体系\n(1)加强应急预案管理。\n(2)加强应急预案演练。\n"
        "(责任单位：市应急局、各县区人民政府)\n\n2.强化队伍建设。（市消防救援支队负责）\n"
    )
    tasks = _tasks(body)
    assert tasks["一/1"] == {"市应急局": "responsible", "各县区人民政府": "responsible"}
    assert "一/1/（1）" not in tasks and "一/1/（2）" not in tasks
    assert tasks["一/2"] == {"市消防救援支队": "responsible"}


def test_units_said_for_everything_below_join_every_later_slot() -> None:
    """(责任单位：A。以下…均需B、C落实，不再单独列出): B and C answer for this task and every later one."""
    body = (
        "一、主要任务\n\n1.争取专项资金。（责任单位：市工信局、市财政局。以下政策措施均需各县区人民政府、"
        "园区管委会落实，不再单独列出）\n\n2.成立工作专班。（责任单位：市工信局）\n"
    )
    tasks = _tasks(body)
    carried = {"各县区人民政府": "responsible", "园区管委会": "responsible"}
    assert tasks["一/1"] == {"市工信局": "responsible", "市财政局": "responsible", **carried}
    assert tasks["一/2"] == {"市工信局": "responsible", **carried}


def test_main_responsible_units_lead_where_the_document_says_so() -> None:
    body = (
        "一、主要目标\n\n1.地区生产总值增长5%以上。\n\n牵头领导：常务副市长\n\n主要责任单位：市发展改革委\n\n"
        "2.城镇新增就业1万人。\n\n主要责任单位：市人力资源社会保障局\n\n"
        "二、工作要求\n\n各主要责任单位要充分发挥牵头抓总作用。\n"
    )
    tasks = _tasks(body)
    assert tasks["一/1"] == {"市发展改革委": "lead"}
    assert tasks["一/2"] == {"市人力资源社会保障局": "lead"}


def test_main_responsible_units_are_responsible_by_default() -> None:
    body = "一、主要目标\n\n1.地区生产总值增长5%以上。\n\n主要责任单位：市发展改革委\n"
    assert _tasks(body)["一/1"] == {"市发展改革委": "responsible"}


def test_bodies_named_by_function_with_the_level_written_once() -> None:
    """县经贸、统计、工商、税务等部门要…: each is a body of the county (prefix restored); a list of
    things that are not bodies is left alone."""
    body = (
        "一、重点领域\n\n1.发展商贸业。市经贸、统计、工商、税务等部门要培育限上企业。\n\n"
        "2.改善环境。市城乡、道路、水系等部门要统筹推进。\n"
    )
    tasks = _tasks(body)
    assert tasks["一/1"] == {n: "responsible" for n in ("市经贸", "市统计", "市工商", "市税务")}
    assert "一/2" not in tasks


def test_targets_have_owners_and_goal_paragraphs_are_marked() -> None:
    body = (
        "一、总体要求\n\n（一）指导思想。坚持系统推进。\n\n（二）发展目标。到2025年，建成示范基地10个以上。\n\n"
        "二、重点任务\n\n（一）建设平台。到2024年建成平台3个。（市工信局牵头，市财政局配合）\n\n"
        "（二）培育企业。到2025年培育企业20家以上。\n"
    )
    result = extract_text(HEAD + body, "t.txt")
    parts = {t.path: t.part for t in result.tasks}
    assert parts["一/（二）"] == "goals" and parts["二/（一）"] == "tasks" and parts["二/（二）"] == "tasks"
    owners = {i.task_id.split("#")[1]: (i.owner_kind, i.owner) for i in result.indicators}
    assert owners["一/（二）"] == ("document", "某市人民政府")  # the goal paragraph: the issuer's
    assert owners["二/（一）"] == (
        "task",
        "市工信局",
    )  # the task's first-listed lead (qualified when the place is known)
    assert owners["二/（二）"] == ("document", "某市人民政府")  # an item naming no unit: still owned


def test_a_box_under_a_section_lead_is_owned_by_that_lead() -> None:
    # a 专栏 box inherits no responsibility (it illustrates), but its targets belong to the section's lead
    body = (
        "一、推进制造业升级（市工信局牵头）\n\n（一）实施技术改造。推动企业技改。\n\n"
        "专栏1 重点工程\n\n1.智能工厂工程。到2025年建成智能工厂5个。\n\n"
    )
    result = extract_text(HEAD + body, "t.txt")
    boxed = [i for i in result.indicators if "专栏" in i.task_id]
    assert boxed and all((i.owner_kind, i.owner) == ("section", "市工信局") for i in boxed)


def test_rules_of_procedure_are_marked_as_such() -> None:
    head = HEAD.replace("某市某某工作方案", "某市人民政府工作规则")
    body = "第一章　总则\n\n第一条　市长外出期间，由常务副市长主持政府工作。\n\n第二条　市政府办公室负责会务。\n"
    result = extract_text(head + body, "t.txt")
    assert result.tasks and {t.part for t in result.tasks} == {"procedure"}


def test_a_collective_takes_the_documents_place_and_stays_bare_with_a_warning_where_none_is_known() -> None:
    body = "一、主要任务\n\n1.做好甲项工作。（责任单位：各县（区）人民政府、各镇、街道）\n"
    placed = extract_text(HEAD.replace("某市", "宝鸡市").replace("某政发", "宝政发") + body, "t.txt")
    [task] = [t for t in placed.tasks if t.departments]
    assert [(d.department_id, d.qualified) for d in task.departments] == [
        ("宝鸡市/各县区人民政府", "宝鸡市各县（区）人民政府"),
        ("宝鸡市/各镇街道", "宝鸡市各镇、街道"),
    ]
    assert "W302" not in {w.code for w in placed.warnings}
    unplaced = extract_text(body, "t.txt")
    [task] = [t for t in unplaced.tasks if t.departments]
    assert [d.qualified for d in task.departments] == ["各县（区）人民政府", "各镇、街道"]
    assert [w.code for w in unplaced.warnings].count("W302") == 2
