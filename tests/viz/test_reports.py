"""Reports: their data says what the documents say; HTML is escaped, self-contained and links to source lines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from html import escape
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph import analytics
from graph.ingest import ingest
from graph.store import GraphStore, open_store
from loaders.errors import ConfigError
from policygraph.app import app
from tests.viz.chromium import CHROMIUM, HEADLESS, require_chromium
from viz import charts, pages, reports
from viz.labels import use_lang
from viz.sources import SourceLines

ROOT = Path(__file__).resolve().parents[2]
BAOJI_2018 = "data/corpus/baoji-innovation-city-tasks-2018.txt"
BAOJI_2018_NO = "宝市创新办发〔2018〕4号"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
runner = CliRunner()


def subtasks_per_unit(path: Path) -> Counter[str]:
    """Count the task table by hand: each row is `\\t<n>\\n\\t<sub-tasks ①②…>…\\t<责任单位>`."""
    text = path.read_text(encoding="utf-8").replace("\n\t序号\n\t主  要  任  务\n\t责任单位\n", "\n")
    parts = re.split(r"\n\t(\d+)\n\t", text)
    count: Counter[str] = Counter()
    for body in parts[2::2]:
        unit = [line for line in body.split("\n") if line.startswith("\t")][-1].strip()
        count[unit] += sum(body.count(c) for c in CIRCLED)
    return count


def test_baoji_2018_load_says_what_the_task_table_says(corpus_store: GraphStore) -> None:
    by_hand = subtasks_per_unit(ROOT / BAOJI_2018)
    assert by_hand.most_common(2) == [("科技局", 10), ("各县区", 9)]
    result = reports.load_report(corpus_store, document=BAOJI_2018_NO, as_printed=True)
    rows = result["departments"]
    # by its official name (printed 科技局)
    assert (rows[0]["name"], rows[0]["tasks"], rows[0]["load"]) == ("宝鸡市科学技术局", 10, 10.0)
    assert rows[1]["tasks"] == 9 and rows[1]["name"].startswith("宝鸡市各县")
    assert result["tasks"] == sum(by_hand.values()) == 147
    # one unit per row in this table: every load is its sub-task count, and they add up to the rows
    assert sorted((r["tasks"] for r in rows), reverse=True) == sorted(by_hand.values(), reverse=True)
    assert sum(r["load"] for r in rows) == 147
    # as bodies exist now, 文广局 and 旅游发展委员会 (both printed in this 2018 table) are one 文化和旅游局
    printed = {r["name"]: r["tasks"] for r in rows}
    current = reports.load_report(corpus_store, document=BAOJI_2018_NO)["departments"]
    merged = next(r for r in current if r["id"] == "宝鸡市/文化旅游")
    assert set(merged["former_names"]) == {"宝鸡市文广局", "宝鸡市旅游发展委员会"}
    assert merged["tasks"] <= printed["宝鸡市文广局"] + printed["宝鸡市旅游发展委员会"]
    assert sum(r["load"] for r in current) == 147 and len(current) < len(rows)


def test_load_report_on_the_corpus(corpus_store: GraphStore) -> None:
    printed = reports.load_report(corpus_store, as_printed=True)
    assert printed["assignments"] == 1893 and printed["tasks"] == 624
    result = reports.load_report(corpus_store)
    rows = result["departments"]
    # as bodies exist now, a task given to both a former and a current name (国税局 and 地税局) is one assignment
    assert result["tasks"] == 624 and result["assignments"] < 1893 and len(rows) < len(printed["departments"])
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert all(a["load"] >= b["load"] for a, b in zip(rows, rows[1:], strict=False))
    assert result["betweenness_sample"] is None  # 252 departments: exact
    markdown = reports.load_markdown(result, limit=5)
    # one table per jurisdiction (four in the corpus), its first five: a header, a rule and five rows each
    assert "介数中心性精确计算" in markdown and markdown.count("\n|") == 4 * 7
    data = json.loads(reports.load_json(result))
    assert data["departments"][0]["id"] == rows[0]["id"] and data["weights"]["support"] == 0.5
    baoji = reports.load_report(corpus_store, jurisdiction="宝鸡市")
    assert {r["jurisdiction"] for r in baoji["departments"]} == {"宝鸡市"}
    ids = [r["id"] for r in baoji["departments"]]
    assert ids.index("宝鸡市/科技") < ids.index("宝鸡市/财政")


def test_load_by_period_keeps_the_2018_table_and_the_2022_plans_apart(corpus_store: GraphStore) -> None:
    # document dates: 宝市创新办发〔2018〕4号 2018-05-23 (147 tasks, counted by hand above), the 巴彦淖尔 gazette's
    # documents 2018-04-25 … 2018-06-21, the 青铜峡 gazette's 2021-10-08 … 2021-12-27, the 宝鸡 gazette's
    # 2022-11-07 … 2022-12-20 and 渭政发〔2023〕16号 2023-07-27
    every = reports.load_report(corpus_store)
    by_year = {
        year: reports.load_report(corpus_store, since=year, until=year) for year in ("2018", "2021", "2022", "2023")
    }
    assert sum(r["tasks"] for r in by_year.values()) == every["tasks"]  # every document is dated, none twice
    docs_2018 = {d["doc_id"] for d in reports.load_report(corpus_store, document=BAOJI_2018_NO)["indicators_due"]}
    assert by_year["2018"]["tasks"] > 147 and docs_2018  # the table and the 巴彦淖尔 gazette
    baoji_2018 = reports.load_report(corpus_store, jurisdiction="宝鸡市", until="2018")
    assert sum(r["tasks"] for r in baoji_2018["departments"]) == sum(subtasks_per_unit(ROOT / BAOJI_2018).values())
    baoji_late = reports.load_report(corpus_store, jurisdiction="宝鸡市", since="2022")
    assert {d["date"][:4] for d in baoji_late["documents"].values() if d["jurisdiction"] == "宝鸡市"} == {"2022"}
    assert "卫计局" not in " ".join(r["name"] for r in baoji_late["departments"])  # only the 2018 table names it
    # an ISO date bounds to the day: from 2022-12-08 on, 宝政发〔2022〕17号 (2022-11-07) is out
    december = reports.load_report(corpus_store, since="2022-12-08", until="2022-12-31")
    assert {d["doc_no"] for d in december["documents"].values() if d["date"]} <= {
        "宝政发〔2022〕19号",
        "宝政发〔2022〕20号",
    }
    with pytest.raises(ConfigError, match="no department of '宝鸡市' in documents dated 2019 to 2021"):
        reports.load_report(corpus_store, jurisdiction="宝鸡市", since="2019", until="2021")
    assert "2022-12-08 起" in reports.load_header(december) and "至 2022-12-31" in reports.load_header(december)


def test_compare_bayannur_and_qingtongxia_side_by_side(corpus_store: GraphStore, tmp_path: Path) -> None:
    # the two regulations both gazettes carry out (see tests/queries/test_packs_on_corpus.py for the lines)
    data = reports.compare_report(corpus_store, ["巴彦淖尔市", "青铜峡市"])
    assert {p["policy"] for p in data["policies"]} == {"公路安全保护条例", "中华人民共和国政府信息公开条例"}
    road = next(p for p in data["policies"] if p["policy"] == "公路安全保护条例")
    assert [d["document"] for d in road["jurisdictions"]["巴彦淖尔市"]] == ["巴政办发〔2018〕52号"]
    assert [d["document"] for d in road["jurisdictions"]["青铜峡市"]] == ["青政办发〔2021〕28号"]
    # 巴政办发〔2018〕52号 五、分级负责: 市交通局、市公安局、各旗县区人民政府, in the order printed
    five = next(t for t in road["jurisdictions"]["巴彦淖尔市"][0]["tasks"] if t["task_path"] == "五")
    # by their official names (市交通局 is 巴彦淖尔市交通运输局), in the order printed
    assert [n.removeprefix("巴彦淖尔市") for n in five["responsible"]][:2] == ["交通运输局", "公安局"]
    lines = SourceLines.of(corpus_store)  # the files where the graph records them
    sheet = reports.compare_sheets(data, lines)[0]
    assert {row[1] for row in sheet.rows} == {"巴彦淖尔市", "青铜峡市"} and all(row[10] for row in sheet.rows)
    html = pages.compare_html(data, lines)
    assert "公路安全保护条例" in html and "bayannur-gazette-2018-03.txt:" in html and "<th>青铜峡市</th>" in html
    assert "2 项共同贯彻的上位政策" in html
    assert reports.compare_report(corpus_store, ["巴彦淖尔市", "青铜峡市"], until="2018")["policies"] == []
    with pytest.raises(ConfigError, match="two or more jurisdictions"):
        reports.compare_report(corpus_store, ["巴彦淖尔市"])


def test_document_and_chain_reports(corpus_store: GraphStore, tmp_path: Path) -> None:
    doc = reports.document_report(corpus_store, BAOJI_2018_NO)
    assert len(doc["tasks"]) == 147 and doc["departments"][0]["name"] == "宝鸡市科学技术局"
    lines = SourceLines.of(corpus_store)
    html = pages.document_html(doc, lines)
    line, verbatim = next(
        (i, text)
        for i, text in enumerate((ROOT / BAOJI_2018).read_text(encoding="utf-8").split("\n"), 1)
        if "①加快建设国家创新型城市" in text
    )
    # the evidence travels with the page: file:line as text, the source line itself, no link into the corpus
    assert f"<summary>baoji-innovation-city-tasks-2018.txt:{line}</summary>" in html
    assert f"<blockquote>{escape(verbatim.strip())}</blockquote>" in html
    assert not re.findall(r'href="([^"#]+)"', html)
    assert "<h2>任务 (147)</h2>" in html and 'id="tasks"' in html  # Chinese by default, stable anchors
    with use_lang("en"):
        assert "<h2>Tasks (147)</h2>" in pages.document_html(doc)
    # a plan's goal paragraph (宝政发〔2022〕17号 三、工作目标, baoji-gazette-2023-01.txt) names no unit: its targets
    # are the document's, shown as such in the who column, never as a blank
    plan = reports.document_report(corpus_store, "宝政发〔2022〕17号")
    goal = next(t for t in plan["tasks"] if t["path"] == "三")
    assert not goal["departments"] and goal["indicators"]
    assert "文件目标 · 宝鸡市人民政府" in pages.document_html(plan)
    sheet = next(s for s in reports.document_sheets(plan, lines) if s.title == "sec.tasks")
    assert next(r for r in sheet.rows if r[0] == "三")[2] == "文件目标 · 宝鸡市人民政府"
    # units in printed order: 表1/1's row prints 市市场监管局（知识产权局） as 牵头 before its 配合 units
    first = next(t for t in plan["tasks"] if t["path"] == "表1/1")
    assert [d["position"] for d in first["departments"]] == sorted(d["position"] for d in first["departments"])
    chain = reports.chain_report(corpus_store, BAOJI_2018_NO)
    assert chain["levels"] and all(d["depth"] == 1 for d in chain["levels"][0])
    dept = reports.department_report(corpus_store, "宝鸡市科技局")
    assert dept["department"]["department_id"] == "宝鸡市/科技"
    assert dept["summary"]["documents"]["doc:" + BAOJI_2018_NO]["tasks"] == 10
    assert all(p["id"] != "宝鸡市/科技" for p in dept["partners"])


def hostile_result() -> dict:
    B = nx.Graph()
    B.add_node("x/<script>", kind="department", name="<script>alert(1)</script>局", jurisdiction="x")
    B.add_node("t", kind="task", doc_id="doc:<b>", deadline="2020-01-01", indicator_years=[2020])
    B.add_edge("x/<script>", "t", role="lead")
    result = analytics.analyse(B)
    result.update(
        document=None,
        matrix=analytics.roles_by_document(B),
        indicators_due=[{"doc_id": "doc:<b>", "year": 2020, "indicators": 1}],
        documents={
            "doc:<b>": {"doc_no": "<script>x</script>号", "title": '"><img src=x onerror=alert(1)>', "source": None}
        },
    )
    return result


def test_html_escapes_everything_and_is_self_contained(tmp_path: Path) -> None:
    html = pages.load_html(hostile_result(), dept_href=lambda d: f"reports/{reports.slug(d)}.html")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;局" in html
    assert "<img" not in html
    assert "Noto Sans CJK SC" in html and '<meta charset="utf-8">' in html
    assert not re.search(r'(src|href)\s*=\s*["\']?\s*(https?:)?//', html)
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_corpus_pages_are_self_contained(corpus_store: GraphStore, tmp_path: Path) -> None:
    from viz.site import write_site

    written = write_site(corpus_store, tmp_path, reports.load_report(corpus_store), top=3)
    assert {p.name for p in written} >= {"load.md", "load.html", "load.json", "index.html"}
    for path in written:
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', text), path
            assert "<script" not in text, path
            for href in re.findall(r'href="([^"]+)"', text):  # every link lands on a file that exists
                assert (path.parent / href.split("#")[0]).exists(), (path, href)


def test_source_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("第一行\n第二行\r\n第三行", encoding="utf-8")
    lines = SourceLines(tmp_path)
    assert [lines.line("a.txt", o) for o in (0, 3, 4, 8, 9)] == [1, 1, 2, 2, 3]
    assert lines.label("a.txt", [4, 6]) == "a.txt:2"
    assert lines.line("missing.txt", 0) is None and lines.label("missing.txt", [0, 1]) == "missing.txt"
    assert lines.quote("a.txt", [4, 6]) == "第二行" and lines.quote("a.txt", [0, 12]) == "第一行\n第二行\r\n第三行"
    assert lines.quote("a.txt", [0, 12], max_lines=1) == "第一行" and lines.quote("missing.txt", [0, 1]) == ""


def test_charts_escape_labels() -> None:
    svg = charts.bar_chart([charts.Bar("<科技局>", [("lead", 2.0)], "a&b.html")], {"lead": "#c00"})
    assert "&lt;科技局&gt;" in svg and 'href="a&amp;b.html"' in svg and "xmlns" not in svg
    heat = charts.heat_map(charts.HeatMap([("<r>", None)], [("<c>", "<tip>", None)], [[3.0]]))
    assert "&lt;r&gt;" in heat and "&lt;tip&gt;" in heat
    assert charts.timeline([], {}) == ""
    line = charts.timeline([charts.Event(2018, "a", weight=2), charts.Event(2020, "<b>")], {"indicator": "#0a0"})
    assert ">2019<" in line and "&lt;b&gt;" in line  # years without events stay on the axis


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("report-cli") / "graph.db"
    store = open_store(None, db, mode="create")
    try:
        ingest(store, [ROOT / BAOJI_2018, ROOT / "data/corpus/weinan-standardization-plan-2023.txt"])
    finally:
        store.close()
    return db


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html"])
def test_report_load_cli(small_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"load.{fmt}"
    args = ["report", "load", "--db", str(small_db), "--format", fmt, "--limit", "5"]
    result = runner.invoke(app, args if fmt == "table" else [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = result.output if fmt == "table" else out.read_text(encoding="utf-8")
    assert "宝鸡市科学技术局" in text  # printed 市科技局: shown by its official name


def test_report_cli_commands(small_db: Path, tmp_path: Path) -> None:
    db = ["--db", str(small_db)]
    result = runner.invoke(app, ["report", "department", "宝鸡市科技局", *db])
    assert result.exit_code == 0 and "baoji-innovation-city-tasks-2018.txt:" in result.output
    result = runner.invoke(
        app, ["report", "document", BAOJI_2018_NO, *db, "--format", "html", "-o", str(tmp_path / "d.html")]
    )
    assert result.exit_code == 0 and "宝鸡市科学技术局" in (tmp_path / "d.html").read_text(encoding="utf-8")
    result = runner.invoke(app, ["report", "chain", BAOJI_2018_NO, *db, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["levels"]
    result = runner.invoke(app, ["query", "--help"])  # the CLI still wires every group


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["report", "load", "--format", "pdf"], "unknown format", 2),
        (["report", "load", "--weights", "boss=2"], "--weights", 2),
        (["report", "load", "--jurisdiction", "火星市"], "no department of '火星市'", 2),
        (["report", "load", "--since", "2018年"], "--since takes a year (2018) or an ISO date", 2),
        (["report", "load", "--until", "18-05-23"], "--until takes a year (2018) or an ISO date", 2),
        (["report", "department", "不存在局"], "no department", 1),
        (["report", "document", "国发〔1900〕1号"], "no document", 1),
    ],
)
def test_report_errors_are_one_line(small_db: Path, args: list[str], message: str, code: int) -> None:
    result = runner.invoke(app, [*args, "--db", str(small_db)])
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output


def test_run_writes_load_and_html_reports(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / BAOJI_2018, corpus)
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--gold", str(tmp_path / "no-gold")])
    assert result.exit_code == 0, result.output
    # first ranked row: the body that exists now, its 2018 names folded in
    assert "宝鸡市文化和旅游局（含 宝鸡市文广局" in (out / "load.md").read_text(encoding="utf-8").split("\n")[6]
    assert (out / "load.html").exists() and (out / "reports" / "index.html").exists()
    assert list((out / "reports").glob("document-*.html")) and list((out / "reports").glob("department-*.html"))
    # --as-printed: the names as the 2018 table prints them, 科技局 first (10 sub-tasks), no name folded in
    apart = tmp_path / "apart"
    args = ["run", str(corpus), "--out", str(apart), "--gold", str(tmp_path / "no-gold"), "--as-printed"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    load_md = (apart / "load.md").read_text(encoding="utf-8")
    assert "宝鸡市科学技术局" in load_md.split("\n")[6] and "（含 " not in load_md and "宝鸡市文广局" in load_md


def test_chinese_renders_in_headless_chromium(corpus_store: GraphStore, tmp_path: Path) -> None:
    """A real browser opens the load report offline and draws it (fonts-noto-cjk gives the CJK glyphs)."""
    require_chromium()
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    assert "Noto Sans CJK SC" in fonts or "WenQuanYi" in fonts, "no CJK font installed: apt-get install fonts-noto-cjk"
    page = tmp_path / "load.html"
    page.write_text(pages.load_html(reports.load_report(corpus_store)), encoding="utf-8")
    shot = tmp_path / "load.png"
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [
            str(CHROMIUM),
            *HEADLESS,
            f"--user-data-dir={profile}",
            f"--screenshot={shot}",
            "--window-size=1400,1800",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000  # a drawn page, not blank
    dom = subprocess.run(
        [
            str(CHROMIUM),
            *HEADLESS,
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert "部门任务负荷" in dom and "宝鸡市科学技术局" in dom and "部门负荷排名</h2>" in dom  # Chinese by default
    # a document report copied alone into an empty folder still shows its evidence in the browser
    alone = tmp_path / "mailed" / "document.html"
    alone.parent.mkdir()
    document = reports.document_report(corpus_store, BAOJI_2018_NO)
    alone.write_text(pages.document_html(document, SourceLines.of(corpus_store)), encoding="utf-8")
    dom = subprocess.run(
        [str(CHROMIUM), *HEADLESS, f"--user-data-dir={profile}", "--dump-dom", alone.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert "<h2>任务 (147)</h2>" in dom and "<h2>本文件任务由谁承担</h2>" in dom
    assert re.search(
        r"<summary>baoji-innovation-city-tasks-2018\.txt:\d+</summary><blockquote>①加快建设国家创新型城市", dom
    )


BARE_COLLECTIVES = ("各县(区)人民政府", "各县（区）人民政府", "各镇、街道", "各部门、单位")


def test_collectives_are_qualified_by_place_and_names_are_official_on_the_corpus(corpus_store: GraphStore) -> None:
    rows = corpus_store.read(
        "MATCH (p:Department) RETURN p.department_id AS id, p.name AS name, p.aliases AS aliases, p.kind AS kind"
    )
    collectives = [r for r in rows if r["kind"] == "collective"]
    assert len({r["id"] for r in collectives if r["id"].endswith("/各县区人民政府")}) >= 2  # 宝鸡市's, 巴彦淖尔市's
    for row in collectives:
        place, sep, _ = row["id"].partition("/")
        assert sep and place, row["id"]
        for name in (row["name"], *row["aliases"]):
            assert name.startswith(place), (row["id"], name)
    for row in rows:
        for name in (row["id"].rpartition("/")[2], row["name"], *row["aliases"]):
            assert not name.startswith(BARE_COLLECTIVES), (row["id"], name)
    seen = {name for row in collectives for name in (row["name"], *row["aliases"])}
    assert {"青铜峡市各镇、街道", "青铜峡市各部门、单位"} <= seen
    assert any(name.startswith("宝鸡市各县") for name in seen)
    # a collective has no official name: its most frequent printing (各县区政府 27 times, 各县区人民政府 23,
    # 各县(区)人民政府 20, 各县（区）人民政府 4), every other printing an alias
    [counties] = [r for r in collectives if r["id"] == "宝鸡市/各县区人民政府"]
    assert counties["name"] == "宝鸡市各县区政府" and "宝鸡市各县(区)人民政府" in counties["aliases"]
    # the 巴彦淖尔 human-resources bureau: its official city-level name, the 厅 one line printed kept as an alias
    [hr] = [r for r in rows if r["id"] == "巴彦淖尔市/人力资源社会保障"]
    assert hr["name"] == "巴彦淖尔市人力资源和社会保障局"
    assert {"巴彦淖尔市人力资源社会保障厅", "巴彦淖尔市人社局"} <= set(hr["aliases"])
    assert (
        reports.department_report(corpus_store, "巴彦淖尔市人力资源社会保障厅")["department"]["department_id"]
        == hr["id"]
    )
    # the end of a printing finds it too, as the end of its name does (only 巴彦淖尔 printed the 厅)
    assert reports.facts.find_department(corpus_store, "人力资源社会保障厅") == hr["id"]


def test_the_load_report_ranks_within_each_jurisdiction_unless_asked_for_all_places(
    corpus_store: GraphStore,
) -> None:
    result = reports.load_report(corpus_store)
    sections = reports.ranked_sections(result)
    place, first = sections[0]
    assert place is not None and first and {r["jurisdiction"] for r in first} == {place}
    assert [r["rank"] for r in first] == list(range(1, len(first) + 1))
    assert len(sections) == len({r["jurisdiction"] for r in result["departments"]}) >= 4
    loads = [r["load"] for r in first]
    assert loads == sorted(loads, reverse=True)
    markdown = reports.load_markdown(result)
    assert markdown.index(f"## {reports.section_title(place, False)}") < markdown.index("| 1 |")
    across = reports.load_report(corpus_store, all_places=True)
    [(none, everyone)] = reports.ranked_sections(across)
    assert none is None and len({r["jurisdiction"] for r in everyone}) >= 4
    assert [r["id"] for r in everyone] == [r["id"] for r in result["departments"]]
    csv_rows = reports.load_csv(result).splitlines()[1:]
    assert all(row.split(",")[3] for row in csv_rows)  # every row shows its jurisdiction
