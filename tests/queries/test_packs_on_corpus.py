"""Every canned query on data/corpus (the session's `corpus_store`), answers checked against the documents.

Where a test cites a line, it is the line of the corpus file that says so.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.store import GraphStore
from loaders.errors import QueryError
from loaders.names import lookup
from loaders.reforms import level_of, lineage, reforms
from queries.packs import registry
from queries.runner import run_query

BAOJI_STANDARDS = "宝政发〔2022〕19号"  # baoji-gazette-2023-01.txt:211
WEINAN_STANDARDS = "渭政发〔2023〕16号"  # weinan-standardization-plan-2023.txt:7
BAOJI_IP = "宝政发〔2022〕17号"  # baoji-gazette-2023-01.txt:35
SHAANXI_OPINION = "陕政发〔2022〕16号"  # cited by both plans, not in the corpus


def plain(name: str | None) -> str:
    """A department name with ASCII brackets: which printed variant names the node is not the point here."""
    return (name or "").replace("（", "(").replace("）", ")")


def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(store, name, {k: str(v) for k, v in params.items()}).rows


def test_every_query_runs_with_its_example_and_returns_its_declared_columns(corpus_store: GraphStore) -> None:
    for query in registry().values():
        result = run_query(corpus_store, query, dict(query.example))
        assert result.rows, f"{query.name} found nothing on data/corpus with {query.example}"
        assert result.columns == list(query.returns), query.name


# --- responsibility ---


def test_department_baoji_market_regulation_leads_the_ip_plan(corpus_store: GraphStore) -> None:
    # the responsibility list of 宝政发〔2022〕17号 names 市市场监管局 (知识产权局) 牵头部门 (lines 183–207)
    rows = run(corpus_store, "responsibility/department", department="市市场监管局", jurisdiction="宝鸡市", role="lead")
    assert rows and {r["role"] for r in rows} == {"lead"}
    assert BAOJI_IP in {r["document"] for r in rows}
    assert {plain(r["department"]) for r in rows} == {"宝鸡市市场监督管理局"}  # its official name, printed 市市场监管局
    first = next(r for r in rows if r["document"] == BAOJI_IP and r["task_path"] == "表1/1")
    assert "产出高价值发明专利500件以上" in first["indicators"]  # line 184


def test_department_by_alias_and_by_former_name(corpus_store: GraphStore) -> None:
    by_name = run(corpus_store, "responsibility/department", department="宝鸡市市场监管局(知识产权局)")
    by_alias = run(corpus_store, "responsibility/department", department="宝鸡市市场监督管理局")
    assert by_name == by_alias and len(by_name) > 10
    # the 2018 innovation-city table addresses 工商局 (baoji-innovation-city-tasks-2018.txt:273), abolished in 2018
    # and succeeded by 市场监管局: its tasks count among the successor's, addressed as printed
    assert "工商局" in {r["addressed_as"] for r in by_name}


def test_no_lead_tasks_of_the_weinan_plan(corpus_store: GraphStore) -> None:
    # the Weinan plan lists 责任单位 only, never 牵头 (weinan-standardization-plan-2023.txt)
    rows = run(corpus_store, "responsibility/no-lead", document=WEINAN_STANDARDS)
    assert len(rows) > 10 and all(r["units"] >= 2 for r in rows)
    ip_rows = run(corpus_store, "responsibility/no-lead", document=BAOJI_IP)
    assert not any(r["task_path"] == "表1/1" for r in ip_rows)  # that row has a 牵头部门


def test_diffused_responsibility(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "responsibility/diffused", min_units=15)
    top = rows[0]
    # (二十四)开展公共安全标准化建设 names 17 units (baoji-gazette-2023-01.txt, 宝政发〔2022〕19号)
    assert (top["document"], top["units"]) == (BAOJI_STANDARDS, 17)
    assert top["task"].startswith("(二十四)开展公共安全标准化建设")
    # the units in the order the slot prints them (市委网信办、市公安局、市司法局、市人社局 … 各县区政府、宝鸡高新区管委会)
    assert [plain(d) for d in top["departments"][:4]] == [
        "宝鸡市委网络安全和信息化委员会办公室",  # official name; printed 市委网信办
        "宝鸡市公安局",
        "宝鸡市司法局",
        "宝鸡市人力资源和社会保障局",
    ]
    assert [plain(d) for d in top["departments"][-2:]] == ["宝鸡市各县区政府", "宝鸡高新区管委会"]
    assert all(r["units"] >= 15 for r in rows)


def test_lead_support_counts(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "responsibility/lead-support", jurisdiction="宝鸡市", limit=500)
    market = next(r for r in rows if plain(r["department"]) == "宝鸡市市场监督管理局")
    # 牵头部门 of items 1–6 of the 宝政发〔2022〕17号 responsibility list (baoji-gazette-2023-01.txt:183–207)
    assert market["lead"] >= 6 and market["tasks"] == market["lead"] + market["support"] + market["responsible"]
    assert all(isinstance(r["lead"], int) for r in rows)  # counts are integers on every backend


def test_shared_tasks_pairs(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "responsibility/shared", jurisdiction="渭南市", limit=5)
    assert len(rows) == 5 and rows[0]["shared_tasks"] >= rows[-1]["shared_tasks"]
    # 市市场监管局 is answerable in nearly every task of the Weinan plan, beside 市发改委 and others
    assert any("渭南市市场监督管理局" in (r["department_a"], r["department_b"]) for r in rows)


# --- chain ---


def test_both_standardisation_plans_are_downstream_of_the_national_outline_through_shaanxi(
    corpus_store: GraphStore,
) -> None:
    # both plans implement 《国家标准化发展纲要》 and 陕政发〔2022〕16号, itself 关于贯彻落实〈国家标准化发展纲要〉的实施意见
    rows = run(corpus_store, "chain/downstream", policy="国家标准化发展纲要")
    routes = {r["document"]: r["route"] for r in rows}
    assert routes == {
        BAOJI_STANDARDS: [BAOJI_STANDARDS, SHAANXI_OPINION, "国家标准化发展纲要"],
        WEINAN_STANDARDS: [WEINAN_STANDARDS, SHAANXI_OPINION, "国家标准化发展纲要"],
    }
    weinan = [r for r in rows if r["document"] == WEINAN_STANDARDS]
    enterprise = next(r for r in weinan if r["task"] and "推动企业实施标准化战略" in r["task"])
    assert {"渭南市市场监督管理局", "渭南市工业和信息化局"} <= set(
        enterprise["responsible"]
    )  # gold: 市市场监管局、市工业和信息化局
    goals = [i for r in weinan for i in r["indicators"]]
    assert "制定发布地方标准280项以上" in goals  # weinan-standardization-plan-2023.txt:30


def test_upstream_of_the_baoji_plan(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "chain/upstream", document=BAOJI_STANDARDS)
    found = {r["upstream"]: r for r in rows}
    # line 225: 为贯彻落实《国家标准化发展纲要》和《…实施意见》(陕政发〔2022〕16号)
    assert {"国家标准化发展纲要", SHAANXI_OPINION} <= set(found)
    assert found[SHAANXI_OPINION]["level"] == "provincial" and found[SHAANXI_OPINION]["relation"] == "implements"
    assert not found[SHAANXI_OPINION]["in_corpus"]
    by_title = run(
        corpus_store, "chain/upstream", document="宝鸡市人民政府关于印发贯彻落实《国家标准化发展纲要》实施方案的通知"
    )
    assert by_title == rows


def test_path_from_the_outline_to_market_regulation(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "chain/to-department", policy="国家标准化发展纲要", department="市市场监管局")
    assert {plain(r["department"]) for r in rows} == {"宝鸡市市场监督管理局", "渭南市市场监督管理局"}
    assert {r["document"] for r in rows} == {BAOJI_STANDARDS, WEINAN_STANDARDS}
    baoji = run(
        corpus_store, "chain/to-department", policy=SHAANXI_OPINION, department="市市场监管局", jurisdiction="宝鸡市"
    )
    assert baoji and {r["document"] for r in baoji} == {BAOJI_STANDARDS}
    assert baoji[0]["route"] == [BAOJI_STANDARDS, SHAANXI_OPINION]


def test_missing_upstream(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "chain/missing-upstream", limit=500)
    found = {r["upstream"]: r for r in rows}
    assert found[SHAANXI_OPINION]["citing"] and set(found[SHAANXI_OPINION]["citing"]) == {
        BAOJI_STANDARDS,
        WEINAN_STANDARDS,
    }
    assert BAOJI_STANDARDS not in found  # in the corpus
    provincial = run(corpus_store, "chain/missing-upstream", level="provincial", limit=500)
    assert provincial and {r["level"] for r in provincial} == {"provincial"}


# --- indicators ---


def test_targets_due_by_2025_in_weinan(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "indicators/due-by", year=2025, since=2025, jurisdiction="渭南市")
    texts = {r["indicator"] for r in rows}
    # weinan-standardization-plan-2023.txt:28-30: 到2025年 … 制定发布地方标准280项以上
    assert "制定发布地方标准280项以上" in texts and {r["year"] for r in rows} == {2025}
    local = next(r for r in rows if r["indicator"] == "制定发布地方标准280项以上")
    assert (local["value"], local["unit"], local["comparator"]) == (280, "项", ">=")


def test_every_target_due_has_an_owner(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "indicators/due-by", year=2025, since=2025)
    assert len(rows) > 40 and all(r["owner"] and r["owner_kind"] for r in rows)
    # a target in a task with units is its first-listed lead's; one outside any such task is the document's own
    assert all(r["owner_kind"] == "task" for r in rows if r["departments"])
    assert all(r["owner_kind"] in ("document", "section") for r in rows if not r["departments"])
    # weinan-standardization-plan-2023.txt:28: (二)发展目标 … 到2025年: targets of 渭南市人民政府, which issued it
    local = next(r for r in rows if r["indicator"] == "制定发布地方标准280项以上")
    assert (local["owner_kind"], local["owner"]) == ("document", "渭南市人民政府")


def test_targets_of_one_department(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "indicators/department", department="市科技局", jurisdiction="宝鸡市")
    # baoji-innovation-city-tasks-2018.txt: 全年完成技术合同成交额达到29.94亿元 (市科技局)
    contract = next(r for r in rows if "29.94亿元" in r["indicator"])
    assert (contract["value"], contract["unit"], contract["year"]) == (29.94, "亿元", 2018)


def test_local_standards_baoji_vs_weinan(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "indicators/compare", policy=SHAANXI_OPINION, keyword="地方标准")
    side = {r["jurisdiction"]: (r["value"], r["unit"], r["comparator"]) for r in rows}
    # Baoji (baoji-gazette-2023-01.txt:235) 制修订宝鸡市地方标准50项以上; Weinan (line 30) 制定发布地方标准280项以上
    assert side == {"宝鸡市": (50, "项", ">="), "渭南市": (280, "项", ">=")}


def test_targets_without_deadline(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "indicators/no-deadline", document="宝政办发〔2022〕73号")
    # 第八条: 不低于激励资金的50% — a standing rule, no year
    assert any(r["indicator"].startswith("受激励的镇人民政府") and r["value"] == 50 for r in rows)
    assert all(r["document"] == "宝政办发〔2022〕73号" for r in rows)


# --- documents ---


def test_documents_by_issuer_level_and_year(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "documents/by-issuer", issuer="宝鸡市人民政府", year=2022)
    issued = {no for r in rows for no in r["doc_nos"]}
    assert {BAOJI_IP, BAOJI_STANDARDS} <= issued  # signed 2022-11-07 and 2022 (baoji-gazette-2023-01.txt)
    assert all(r["year"] == 2022 and "宝鸡市人民政府" in r["issuer"] for r in rows)
    county = run(corpus_store, "documents/by-issuer", level="county")
    assert county and {r["level"] for r in county} == {"county"}


def test_most_cited(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "documents/most-cited", limit=100)
    found = {r["upstream"]: r for r in rows}
    assert found["国家标准化发展纲要"]["cited_by"] == 2 and found["国家标准化发展纲要"]["implemented_by"] == 2
    assert rows[0]["cited_by"] >= rows[-1]["cited_by"]


# --- reform ---


def test_obligations_addressed_to_abolished_bodies(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "reform/abolished", jurisdiction="宝鸡市")
    pairs = {(plain(r["addressed_to"]), plain(r["successor"])) for r in rows}
    # 2018 reform: 工商局 (baoji-innovation-city-tasks-2018.txt:273) → 市场监管局
    assert ("宝鸡市工商局", "宝鸡市市场监督管理局") in pairs
    assert all(r["jurisdiction"] == "宝鸡市" for r in rows)


def test_abolished_shows_the_whole_chain_and_says_when_nothing_succeeded(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "reform/abolished")
    by_name = {r["addressed_to"]: r for r in rows}
    # 扶贫办 → 乡村振兴局 (2021) → 农业农村局 (2023): two steps, both years and the 2023 plan named
    chain = by_name["巴彦淖尔市扶贫办"]
    assert chain["successor"] == "巴彦淖尔市农业农村局"
    assert (
        "乡村振兴局（2021" in chain["lineage"]
        and "农业农村局（2023，《党和国家机构改革方案》(2023)" in chain["lineage"]
    )
    # a county sub-branch of the People's Bank: abolished in 2023, its work moved up to the city branch
    county = by_name["人行青铜峡支行"]
    assert county["successor"] == "（撤销，本级无承接机构）" and "无承接机构" in county["lineage"]
    assert not any("青铜峡市中国人民银行" in (r["successor"] or "") for r in rows)
    # every successor is the end of a chain of data/reforms.tsv, in the former body's jurisdiction
    table = reforms()
    for r in rows:
        found = lineage(r["addressed_to"], lookup(r["addressed_to"])[0].function, True, level_of(r["jurisdiction"]))
        if found is None:  # a current name the reform merged away (乡村振兴局)
            found = lineage(r["addressed_to"], lookup(r["addressed_to"])[0].function, False)
        assert found is not None, r["addressed_to"]
        if found.final is None:
            assert r["successor"] == "（撤销，本级无承接机构）"
        else:
            assert found.final.function not in table.by_function
            assert plain(r["successor"]).startswith(r["jurisdiction"])
        assert r["lineage"] == found.text(r["addressed_to"])


# --- quality ---


def test_departments_known_by_form_only(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "quality/unknown-departments", jurisdiction="宝鸡市")
    # 宝鸡文理学院 (line 186) is a university, not in data/departments.tsv
    assert "宝鸡文理学院" in {r["department"] for r in rows}


def test_stub_documents(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "quality/stubs")
    ids = {r["doc_id"] for r in rows}
    assert {"doc:陕政发〔2022〕16号", "doc:国家标准化发展纲要"} <= ids
    title_only = run(corpus_store, "quality/stubs", title_only="true")
    assert title_only and all(r["doc_no"] is None for r in title_only)
    assert "doc:陕政发〔2022〕16号" not in {r["doc_id"] for r in title_only}


def test_tasks_without_departments(corpus_store: GraphStore) -> None:
    rows = run(corpus_store, "quality/no-department", document="宝政办发〔2022〕73号")
    # 第七条 of the farmland-protection measures names no unit
    assert "第七条" in {r["task_path"] for r in rows}
    # goal paragraphs and rules of procedure are no accountability gaps: (二) 发展目标 (baoji-gazette-2023-01.txt:233)
    # and 青政发〔2021〕66号's 工作规则 (第九条 市长外出期间…) are not listed, while 三/（七）/19 of 巴政办发〔2018〕46号
    # (a task of the 蒙医药 plan naming no unit) is
    every = {(r["document"], r["task_path"]) for r in run(corpus_store, "quality/no-department")}
    assert (BAOJI_STANDARDS, "一/（二）") not in every
    assert not {path for doc, path in every if doc == "青政发〔2021〕66号"}
    assert ("巴政办发〔2018〕46号", "三/（七）/19") in every
    responsible = run(corpus_store, "responsibility/department", department="市市场监管局", jurisdiction="宝鸡市")
    assert not {(r["document"], r["task_path"]) for r in responsible} & {(r["document"], r["task_path"]) for r in rows}


@pytest.mark.parametrize("value", ["市场'监管}局", 'a"b\\c', "{x: 1}) MATCH (n) DETACH DELETE n //"])
def test_values_are_parameters_not_text(corpus_store: GraphStore, value: str) -> None:
    before = corpus_store.counts()
    assert run(corpus_store, "responsibility/department", department=value) == []
    assert corpus_store.counts() == before


# --- comparison across jurisdictions, time filters ---


def test_the_two_regulations_bayannur_and_qingtongxia_both_implement(corpus_store: GraphStore) -> None:
    # found by reading both gazettes: 巴政办发〔2018〕52号 (bayannur-gazette-2018-03.txt:426) and 青政办发〔2021〕28号
    # (qingtongxia-gazette-2021-04.txt:1145) carry out 《公路安全保护条例》; 巴政办发〔2018〕51号 (line 298) and
    # 青政发〔2021〕66号 (line 649) 《中华人民共和国政府信息公开条例》. No other upstream document is cited by both.
    rows = run(corpus_store, "compare/jurisdictions", jurisdictions="巴彦淖尔市, 青铜峡市")
    assert {r["policy"] for r in rows} == {"公路安全保护条例", "中华人民共和国政府信息公开条例"}
    by_policy: dict[str, set[tuple[str, str]]] = {}
    for r in rows:
        by_policy.setdefault(r["policy"], set()).add((r["jurisdiction"], r["document"]))
    assert by_policy["公路安全保护条例"] == {
        ("巴彦淖尔市", "巴政办发〔2018〕52号"),
        ("青铜峡市", "青政办发〔2021〕28号"),
    }
    assert by_policy["中华人民共和国政府信息公开条例"] == {
        ("巴彦淖尔市", "巴政办发〔2018〕51号"),
        ("青铜峡市", "青政发〔2021〕66号"),
    }
    # side by side: who each assigned the work to, units in printed order
    assigned = [r for r in rows if r["leads"] or r["responsible"] or r["support"]]
    assert {r["jurisdiction"] for r in assigned} == {"巴彦淖尔市", "青铜峡市"}
    # a third place that shares neither: nothing in common with all three
    assert run(corpus_store, "compare/jurisdictions", jurisdictions="巴彦淖尔市,青铜峡市,宝鸡市") == []
    # the time filter applies to the implementing documents: up to 2018 only Bayannur is left, so nothing is shared
    assert run(corpus_store, "compare/jurisdictions", jurisdictions="巴彦淖尔市,青铜峡市", until="2018") == []


def test_responsibility_queries_keep_the_2018_table_and_the_2022_plans_apart(corpus_store: GraphStore) -> None:
    # 宝市创新办发〔2018〕4号 is dated 2018-05-23 (baoji-innovation-city-tasks-2018.txt); 宝政发〔2022〕17号, 19号, 20号 and
    # 宝政办发〔2022〕73号 2022-11-07 … 2022-12-20 (baoji-gazette-2023-01.txt)
    every = run(corpus_store, "responsibility/department", department="市市场监管局", jurisdiction="宝鸡市")
    early = run(corpus_store, "responsibility/department", department="市市场监管局", jurisdiction="宝鸡市", until=2018)
    late = run(corpus_store, "responsibility/department", department="市市场监管局", jurisdiction="宝鸡市", since=2022)
    assert {r["document"] for r in early} == {"宝市创新办发〔2018〕4号"}
    assert {r["document"] for r in late} <= {
        "宝政发〔2022〕17号",
        "宝政发〔2022〕19号",
        "宝政发〔2022〕20号",
        "宝政办发〔2022〕73号",
    }
    assert early and late and len(early) + len(late) == len(every)
    # an ISO date bounds to the day: 2022-12-08 (宝政发〔2022〕19号) onwards leaves out 17号 (11-07)
    december = run(
        corpus_store, "responsibility/department", department="市市场监管局", jurisdiction="宝鸡市", since="2022-12-08"
    )
    assert december and "宝政发〔2022〕17号" not in {r["document"] for r in december}
    # counts per department: the 2018 table alone has 147 tasks in 宝鸡市
    counts = run(corpus_store, "responsibility/lead-support", jurisdiction="宝鸡市", until=2018, limit=500)
    total = run(corpus_store, "responsibility/lead-support", jurisdiction="宝鸡市", limit=500)
    assert sum(r["tasks"] for r in counts) < sum(r["tasks"] for r in total)
    no_lead_2018 = run(corpus_store, "responsibility/no-lead", jurisdiction="宝鸡市", until=2018)
    assert {r["document"] for r in no_lead_2018} <= {"宝市创新办发〔2018〕4号"}
    assert run(corpus_store, "responsibility/diffused", min_units=2, since=2023, until=2023, limit=500)
    assert {
        r["document"] for r in run(corpus_store, "responsibility/diffused", min_units=2, since=2023, limit=500)
    } == {"渭政发〔2023〕16号"}
    assert run(corpus_store, "responsibility/shared", jurisdiction="渭南市", until=2022) == []
    assert run(corpus_store, "responsibility/shared", jurisdiction="渭南市", since=2023)
    # a date parameter takes a year or an ISO date, nothing that would silently match no document
    for bad in ("2018年", "18-05-23", "2018/05/23"):
        with pytest.raises(QueryError, match="takes a year"):
            run(corpus_store, "responsibility/department", department="市市场监管局", until=bad)
