"""Quantitative targets: comparators, units, numerals, ranges, deltas, exclusions, due years; gold recall."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from loaders.indicators import Target, find_indicators

ROOT = Path(__file__).resolve().parent.parent.parent


def _one(text: str, year: int | None = 2018) -> Target:
    found = find_indicators(text, year=year)
    assert len(found) == 1, found
    return found[0]


def _triples(text: str, year: int | None = 2018) -> list[tuple[float, str, str]]:
    return [(i.value, i.unit, i.comparator) for i in find_indicators(text, year=year)]


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("年内落实产学研合作项目30项以上", 30, "项", ">="),
        ("年内报送工作信息不少于12条", 12, "条", ">="),
        ("比例不低于73.3%", 73.3, "%", ">="),
        ("权利人满意度超过90%", 90, "%", ">="),
        ("每个镇至少建成1个法治文化广场", 1, "个", ">="),
        ("确保年度发明专利申请量1000件以上", 1000, "件", ">="),
        ("力争10个项目获得省级资金支持", 10, "个", ">="),
        ("争取2家获得省级星创天地命名", 2, "家", ">="),
        ("力争区内企业新增专利申请量达到35件", 35, "件", ">="),
        ("年内报送工作信息不少6条", 6, "条", ">="),
        ("电子商务企业数量达到1300多家", 1300, "家", ">="),
        ("市级公立医院药占比控制在30%以内", 30, "%", "<="),
        ("劣V类断面比例不高于13.3%", 13.3, "%", "<="),
        ("会议人数不超过150人", 150, "人", "<="),
        ("化肥施用总量25万吨以下", 25, "万吨", "<="),
        ("城镇调查失业率低于5.5%", 5.5, "%", "<="),
        ("嘉陵江流域水质优良比例达到100%", 100, "%", "="),
        ("绿色建筑占新建建筑比例达30%", 30, "%", "="),
        ("全年完成技术合同成交额达到29.94亿元", 29.94, "亿元", "="),
        ("年内新增高新技术企业7户", 7, "户", "="),
        ("县级公立医院医药占比控制在35%左右", 35, "%", "~"),
        ("全市森林覆盖率约45%", 45, "%", "~"),
        ("占当年销售收入的比重增长20%以上", 20, "%", "delta"),
        ("单位工业增加值能耗比2020年下降4%", 4, "%", "delta"),
        ("战略性新兴产业比重提高3个百分点", 3, "个百分点", "delta"),
        ("质押融资金额年均增幅达到20%以上", 20, "%", "delta"),
        ("比重提高到65%", 65, "%", "="),
        ("能耗降至5%", 5, "%", "<="),
        ("筹集保障性租赁住房5000套（间）以上", 5000, "套", ">="),
        ("布局建设100个左右国家骨干冷链物流基地", 100, "个", "~"),
        # FORMAT.md (issue 12): time limits and committed amounts are targets
        ("3个工作日内办结", 3, "个工作日", "<="),
        ("全流程审批时间压缩至90个工作日以内", 90, "个工作日", "<="),
        ("对新认定的企业给予10万元奖励", 10, "万元", "="),
        ("一次性给予30万元资金奖励", 30, "万元", "="),
        ("安排资金4000万元", 4000, "万元", "="),
        ("平均生存周期达到5年", 5, "年", "="),
        ("粮食产量500亿斤左右", 500, "亿斤", "~"),
    ],
)
def test_comparators(text: str, value: float, unit: str, comparator: str) -> None:
    ind = _one(text)
    assert (ind.value, ind.unit, ind.comparator) == (value, unit, comparator)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("确保1-2家企业通过贯标试点验收", 1, 2, "家"),
        ("全年开展重大产学研活动5—10项", 5, 10, "项"),
        ("创建2-3个省级创新工作室", 2, 3, "个"),
        ("建设3至5个示范基地", 3, 5, "个"),
        ("联席会议每年召开一至两次", 1, 2, "次"),
        ("培育10～20个重点品牌", 10, 20, "个"),
        ("推广面积10万—20万亩", 10, 20, "万亩"),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    ind = _one(text)
    assert (ind.value, ind.value_max, ind.unit, ind.comparator) == (low, high, unit, "range")


def test_a_delta_range_stays_a_delta() -> None:
    ind = _one("报销比例提高15%到20%")
    assert (ind.value, ind.value_max, ind.comparator) == (15, 20, "delta")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("组织市级义务植树活动不少于两次", 2, "次"),
        ("每个村配备不少于一名保洁员", 1, "名"),
        ("培育十余个特色小镇", 10, "个"),
        ("交易额达到五千亿元", 5000, "亿元"),
        ("完成造林绿化三十万亩", 30, "万亩"),
        ("新增就业两万人以上", 2, "万人"),
        ("培训不少于百人", 100, "人"),
        ("完成造林绿化35万亩", 35, "万亩"),
        ("改善提升68.92万人饮水条件", 68.92, "万人"),
        ("服务3万人次以上", 3, "万人次"),
        ("设立5千万元引导基金", 5000, "万元"),
        ("铺设管网840公里", 840, "公里"),
        ("完成生物堆肥1200立方米", 1200, "立方米"),
        ("全年举办健康宣传30场次以上", 30, "场次"),
        ("开展培训不少于4期", 4, "期"),
        ("新建幼儿园5所", 5, "所"),
        ("建设污水处理厂3座", 3, "座"),
        ("配置健身器材200套", 200, "套"),
        ("婴儿死亡率控制在5‰以内", 5, "‰"),
        ("细颗粒物浓度控制在35微克/立方米以内", 35, "微克/立方米"),
        ("人均预期寿命达到78.5岁", 78.5, "岁"),
        ("空气质量优良天数达到300天", 300, "天"),
        ("比例达到１５％", 15, "%"),
    ],
)
def test_numerals_and_units(text: str, value: float, unit: str) -> None:
    ind = _one(text)
    assert (ind.value, ind.unit) == (value, unit)


def test_number_split_across_a_page_break_is_joined() -> None:
    ind = _one("年内落实合作项目30\n\n项以上")
    assert (ind.value, ind.unit, ind.comparator) == (30, "项", ">=")
    assert ind.text == "年内落实合作项目30\n\n项以上"


def test_a_page_break_inside_a_word_does_not_cut_the_clause() -> None:
    ind = _one("2023年，推\n\n动30家工业企业上云上平台。", year=None)
    assert ind.text == "推\n\n动30家工业企业上云上平台" and ind.year == 2023


@pytest.mark.parametrize(
    "text",
    [
        "加快5G基站建设",
        "根据宝政发〔2022〕17号文件精神",
        "一、总体要求（二）发展目标 3.主要任务",
        "2025年10月底前完成",
        "改造G30连霍高速和S210省道",
        "严格执行GB 5749标准",
        "围绕工业强市“1553”行动计划",
        "编制“十四五”规划",
        "年满60周岁的老人",
        "60岁以上老年人免费乘车",
        "注册资本50万元以上的企业可申请",
        "全市现有A级景区15个",
        "已建成标准化厂房20万平方米",
        "截至2022年底，全市共有高新技术企业120家",
        "全市生产总值同比增长5.2%",
        "联系电话：0917-3261234",
        "保存期限不得少于6个月",
        "培训时间不少于3个工作日",
        "每期培训5天",
        "凤翔彪角年产15万立方米蒸压加气混凝土砌块项目",
        "培育集中连片4万亩以上的药材基地",
        "执行上网电价0.65元/度",
        "第三十二条 市人民政府应当",
        "第3期工作简报",
        "每万人口拥有律师",
        "分为四个阶段推进",
        "将已取得许可证的两所制剂中心",
        "被监管部门发现两次以上的",
        "涉及两个以上部门职权范围的事项",
        "依托“三防两治”等8项绿色防控技术模式",
        "重点推动5000万元以上（含5000万元）技术改造项目",
        "在7个旗县区筛选确定了19户经营门店",
        "“十三五”以来，市场规模快速增长，2020年冷链物流市场规模超过3800亿元，分别是“十二五”期末的2.4倍和2.6倍左右",
    ],
)
def test_not_targets(text: str) -> None:
    assert find_indicators(text, year=2018) == []


def test_a_subject_count_gives_way_to_the_target() -> None:
    text = "7个平原县区新建3个以上、5个山区县建设2个以上现代农业科技示范园"
    assert _triples(text) == [(3, "个", ">="), (2, "个", ">=")]
    assert _triples("7个平原县区实施重大科技项目不少于2项") == [(2, "项", ">=")]


def test_objects_and_lists_all_count() -> None:
    assert _triples("对29个镇248个村实施城市化供水") == [(29, "个", "="), (248, "个", "=")]
    text = "年底评选推广革新成果100项、优胜单位10户、创新标兵20人"
    assert _triples(text) == [(100, "项", "="), (10, "户", "="), (20, "人", "=")]
    text = "今年计划再选树10个市级示范创新工作室、创建2-3个省级、1个国家级创新工作室"
    assert [(v, c) for v, _, c in _triples(text)] == [(10, "="), (2, "range"), (1, "=")]


def test_a_comparing_word_before_a_list_governs_it() -> None:
    assert [c for _, _, c in _triples("覆盖率分别不低于80%、60%")] == [">=", ">="]
    assert [c for _, _, c in _triples("分别增长20%和10%以上")] == ["delta", "delta"]
    assert [c for _, _, c in _triples("分别达到80件、30件")] == ["=", "="]


def test_a_lead_in_clause_strives_for_the_clauses_after_it() -> None:
    found = find_indicators("力争到2020年，全市电商企业达到1300家，交易额达到50亿元。")
    assert [(i.comparator, i.year) for i in found] == [(">=", 2020), (">=", 2020)]
    found = find_indicators("力争10个项目获得省级资金支持，年内命名市级星创天地5家。", year=2018)
    assert [i.comparator for i in found] == [">=", "="]


@pytest.mark.parametrize(
    ("text", "context", "year"),
    [
        ("年内建设企业技术研发机构3个", 2018, 2018),
        ("年内建设企业技术研发机构3个", None, None),
        ("到2025年，制定发布地方标准280项以上", None, 2025),
        ("到2025年，制定发布地方标准280项以上", 2018, 2025),
        ("2022年底前建成示范村12个", 2018, 2022),
        ("建成示范村12个", 2025, 2025),
        ("其中2018年达到40%，2019年达到70%", None, 2018),
        ("2023年6月30日前完成改造2个", None, 2023),
        ("试点期间新增贯标企业30家以上", 2023, 2023),
        ("每年组织1次病媒生物孳生地调查", 2023, 2023),
        ("截至2025年底，累计建成50个", 2023, 2025),
    ],
)
def test_due_year(text: str, context: int | None, year: int | None) -> None:
    assert find_indicators(text, year=context)[0].year == year


def test_each_clause_takes_its_own_deadline() -> None:
    found = find_indicators("其中2018年达到40%，2019年达到70%，2020年达到100%。", year=None)
    assert [(i.value, i.year) for i in found] == [(40, 2018), (70, 2019), (100, 2020)]


def test_clause_text_and_offsets() -> None:
    text = "②围绕畜粮果菜推广现代农业主推技术10项，研发或引进新优品种5个。"
    found = find_indicators(text, offset=100, year=2018)
    assert [i.text for i in found] == ["围绕畜粮果菜推广现代农业主推技术10项", "研发或引进新优品种5个"]
    for ind in found:
        assert text[ind.start - 100 : ind.end - 100] == ind.text


def test_pathological_inputs_finish_quickly() -> None:
    inputs = [
        "1" * 100_000,
        "、" * 100_000,
        "1个、" * 30_000,
        " " * 100_000 + "1个、" * 30_000,
        "两个以上" * 25_000,
        "1-" * 50_000 + "2个",
        "“" * 100_000,
        "第" * 100_000 + "1个",
        " \n" * 50_000,
        "力争到2025年，年内完成10个以上，" * 5_000,
    ]
    for text in inputs:
        started = time.perf_counter()
        find_indicators(text, year=2018)
        assert time.perf_counter() - started < 5, text[:20]


# --- gold: every annotated indicator is found in its file -------------------------------------


def _gold(name: str) -> list[dict[str, Any]]:
    lines = (ROOT / "data" / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["kind"] == "indicator"]


def _predict(name: str) -> list[Target]:
    """The file in parts, each with its context year: the Baoji file is the 2018 annual plan;
    the Weinan plan's 发展目标 section (up to 二、) is governed by its 到2025年."""
    text = (ROOT / "data" / "corpus" / f"{name}.txt").read_text(encoding="utf-8")
    parts: list[tuple[int, int, int | None]]
    if name.startswith("baoji"):
        parts = [(0, len(text), 2018)]
    else:
        goals = text.index("发展目标")
        after = text.index("\n二、", goals)
        parts = [(0, goals, None), (goals, after, 2025), (after, len(text), None)]
    found: list[Target] = []
    for start, end, year in parts:
        found.extend(find_indicators(text[start:end], start, year))
    return found


def _match(gold: list[dict[str, Any]], found: list[Target], complete: bool) -> int:
    """One-to-one greedy matching on (value, unit), plus comparator, year and value_max when complete."""
    used: set[int] = set()
    for g in gold:
        for k, p in enumerate(found):
            if k in used or abs(p.value - g["value"]) > 1e-9 or p.unit != g["unit"]:
                continue
            if complete and (p.comparator != g["comparator"] or p.year != g["year"]):
                continue
            if complete and g["comparator"] == "range" and p.value_max != g.get("value_max"):
                continue
            used.add(k)
            break
    return len(used)


@pytest.mark.parametrize("name", ["baoji-innovation-city-tasks-2018", "weinan-standardization-plan-2023"])
def test_gold_recall(name: str) -> None:
    gold, found = _gold(name), _predict(name)
    assert gold
    assert _match(gold, found, complete=False) / len(gold) >= 0.9
    assert _match(gold, found, complete=True) / len(gold) >= 0.85
    assert _match(gold, found, complete=False) / len(found) >= 0.9  # precision: few numbers that are no target


def test_gold_clauses_are_verbatim() -> None:
    name = "baoji-innovation-city-tasks-2018"
    text = (ROOT / "data" / "corpus" / f"{name}.txt").read_text(encoding="utf-8")
    for ind in _predict(name):
        assert text[ind.start : ind.end] == ind.text
