"""Network views through their data: the node and edge records read from data/corpus and handed to pyvis, the page
built around them (self-contained, escaped), reduction of large views, `write_views` and the `view` commands.

Where a test cites a line, it is the line of the corpus file that says so.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import view_cypher as q
from graph.ingest import ingest
from graph.store import GraphStore, open_store
from loaders.errors import QueryError
from policygraph.app import app
from viz import network, views
from viz.labels import use_lang
from viz.views import dept_node_id, doc_node_id, task_node_id

ROOT = Path(__file__).resolve().parents[2]
BAOJI_IP = "doc:宝政发〔2022〕17号"  # baoji-gazette-2023-01.txt:35
BAOJI_STANDARDS = "doc:宝政发〔2022〕19号"  # baoji-gazette-2023-01.txt:211
WEINAN_STANDARDS = "doc:渭政发〔2023〕16号"  # weinan-standardization-plan-2023.txt:7
SHAANXI_OPINION = "doc:陕政发〔2022〕16号"  # cited by both plans, not in the corpus
MARKET = "宝鸡市/市场监管"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
runner = CliRunner()


def ids(view: views.View, kind: str) -> set[str]:
    return {n.id for n in view.nodes if n.kind == kind}


def edges(view: views.View, role: str | None = None) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in view.edges if role is None or e.role == role}


def assert_consistent(view: views.View) -> None:
    """Every edge joins two nodes of the view; ids are unique; kinds and roles are known."""
    node_ids = [n.id for n in view.nodes]
    assert len(node_ids) == len(set(node_ids))
    assert all(e.source in node_ids and e.target in node_ids for e in view.edges)
    assert {n.kind for n in view.nodes} <= set(views.NODE_KINDS)
    assert {e.role for e in view.edges} <= set(views.EDGE_ROLES)


# --- document ----------------------------------------------------------------------------------------------------------


def test_document_view_of_the_baoji_ip_plan(corpus_store: GraphStore) -> None:
    view = views.document_view(corpus_store, "宝政发〔2022〕17号")
    assert_consistent(view)
    me = doc_node_id(BAOJI_IP)
    assert view.nodes[0].id == me and view.nodes[0].focus
    tasks = ids(view, "task")
    assert len(tasks) == 29 and edges(view, "task") == {(me, t) for t in tasks}
    # the responsibility table (lines 183–207): 市市场监管局（知识产权局） 牵头 task 表1/1
    assert (dept_node_id(MARKET), task_node_id(f"{BAOJI_IP}#表1/1")) in edges(view, "lead")
    assert dept_node_id(MARKET) in ids(view, "department")
    first = view.node(task_node_id(f"{BAOJI_IP}#表1/1"))
    assert "产出高价值发明专利500件以上" in first.tooltip  # line 184
    assert "出处：baoji-gazette-2023-01.txt:" in first.tooltip
    # its units as the row prints them, 牵头 column first; a goal paragraph's targets show their owner
    assert "责任单位（按原文顺序）：宝鸡市市场监督管理局" in first.tooltip  # by its official name
    goal = view.node(task_node_id(f"{BAOJI_IP}#三"))
    assert "目标责任方：文件目标 · 宝鸡市人民政府" in goal.tooltip
    indicator = next(n for n in view.nodes if n.kind == "indicator" and n.name == "产出高价值发明专利500件以上")
    assert indicator.label == "≥500件" and "出处：baoji-gazette-2023-01.txt:184" in indicator.tooltip
    # it implements 国知发运字〔2022〕33号 (line 37) and is issued by 宝鸡市人民政府
    assert (me, doc_node_id("doc:国知发运字〔2022〕33号")) in edges(view, "implements")
    assert any(role == "issued" for role in (e.role for e in view.edges))
    # 人行宝鸡市中心支行 and 宝鸡银保监分局, abolished by the 2023 reform, are drawn as the bodies that took their work
    assert view.counts() == {"document": 1, "upstream": 3, "department": 30, "task": 29, "indicator": 47}
    bank = view.node(dept_node_id("宝鸡市/人民银行"))
    assert "（含 人行宝鸡市中心支行）" in bank.details[0] and "责任分配数 2" in bank.tooltip  # lines 115 and 193
    assert not view.reduced and view.note is None


def test_document_view_finds_by_title_and_lists_close_matches(corpus_store: GraphStore) -> None:
    by_title = views.document_view(corpus_store, "宝鸡市人民政府印发宝鸡市国家知识产权强市建设试点工作方案的通知")
    assert by_title.subject == BAOJI_IP
    with pytest.raises(QueryError, match=r"no document '宝政发〔2022〕99号'.*close matches: .*宝政发〔2022〕19号"):
        views.document_view(corpus_store, "宝政发〔2022〕99号")


# --- department ----------------------------------------------------------------------------------------------------------


def test_department_view_of_baoji_market_regulation(corpus_store: GraphStore) -> None:
    view = views.department_view(corpus_store, "宝鸡市市场监督管理局")  # by a name as written
    assert_consistent(view)
    me = dept_node_id(MARKET)
    assert view.subject == MARKET and view.node(me).focus
    own = {t for s, t in edges(view) if s == me}
    assert task_node_id(f"{BAOJI_IP}#表1/1") in own
    # every task of the view is its own (or a predecessor's), with its document drawn
    assert {t for _, t in edges(view, "task")} == ids(view, "task")
    assert {doc_node_id(BAOJI_IP), doc_node_id(BAOJI_STANDARDS)} <= ids(view, "document")
    # co-responsible departments and the upstream policies of its documents
    assert dept_node_id("宝鸡市/科技") in ids(view, "department")
    assert doc_node_id(SHAANXI_OPINION) in ids(view, "upstream")
    # 工商局 (baoji-innovation-city-tasks-2018.txt:273), abolished in 2018: its tasks are 市场监管局's own, printed so
    printed = {e.target: e.detail for e in view.edges if e.source == me and e.detail.startswith("原文作：")}
    assert printed and "原文作：宝鸡市工商局" in printed.values()
    assert not ids(view, "former") and not edges(view, "succeeded")
    # --as-printed: the former name is its own node, succeeded by the current body
    apart = views.department_view(corpus_store, "宝鸡市市场监督管理局", as_printed=True)
    succeeded = {s for s, t in edges(apart, "succeeded") if t == me}
    assert succeeded and all(apart.node(s).kind == "former" for s in succeeded)
    assert set(printed) <= {t for s, t in edges(apart) if s in succeeded}


def test_views_count_the_bodies_that_exist_now(corpus_store: GraphStore) -> None:
    health, former = dept_node_id("宝鸡市/卫生健康"), dept_node_id("宝鸡市/卫生健康@卫计局")
    # a former name leads to the body that exists now, which carries the tasks printed under 卫计局
    view = views.department_view(corpus_store, "宝鸡市卫计局")
    assert_consistent(view)
    assert view.subject == "宝鸡市/卫生健康" and view.node(health).focus
    apart = views.department_view(corpus_store, "宝鸡市卫计局", as_printed=True)
    assert apart.subject == "宝鸡市/卫生健康@卫计局" and apart.node(former).kind == "former"
    former_tasks = {t for s, t in edges(apart) if s == former}
    assert former_tasks and former_tasks <= {t for s, t in edges(view) if s == health}
    assert former not in ids(view, "former") | ids(view, "department")
    node = view.node(health)
    assert "宝鸡市卫生健康委员会（含 宝鸡市卫计局）" in node.tooltip and "卫计局" in node.name  # found by either name
    # 国税局 and 地税局, printed side by side, are today's 税务局 in the jurisdiction view: one edge per task
    place = views.jurisdiction_view(corpus_store, "宝鸡市")
    assert_consistent(place)
    tax = dept_node_id("宝鸡市/税务")
    printed_as = {e.detail for e in place.edges if e.source == tax}
    assert {"原文作：宝鸡市国税局", "原文作：宝鸡市地税局"} <= printed_as
    folded = views.folding(corpus_store)
    assert not {dept_node_id(k) for k in folded} & {n.id for n in place.nodes}
    pairs = [(e.source, e.target) for e in place.edges if e.role in ("lead", "responsible", "support")]
    assert len(pairs) == len(set(pairs))
    # as printed, the two former names are their own nodes again
    split = views.jurisdiction_view(corpus_store, "宝鸡市", as_printed=True)
    assert {dept_node_id("宝鸡市/税务@国税局"), dept_node_id("宝鸡市/税务@地税局")} <= ids(split, "former")


def test_department_sizes_follow_load_or_assignments(corpus_store: GraphStore) -> None:
    view = views.department_view(corpus_store, MARKET)
    assert view.ranked_by == "assignments"  # the corpus store has no analytics scores
    records = {r["n_id"]: r for r in network.node_records(view)}
    departments = [n for n in view.nodes if n.kind == "department"]
    heaviest = max(departments, key=lambda n: n.weight)
    lightest = min(departments, key=lambda n: n.weight)
    assert records[heaviest.id]["size"] > records[lightest.id]["size"]
    # 52 printed under its own name, 8 under 工商局, 质监局 and 食品药品监督局 (2018)
    assert "责任分配数 60" in view.node(dept_node_id(MARKET)).tooltip


def test_department_view_shows_only_the_policies_behind_its_own_tasks(corpus_store: GraphStore) -> None:
    view = views.department_view(corpus_store, "宝鸡市/教育")
    cited = {t for _, t in edges(view, "cites") | edges(view, "implements")}
    # 《国家知识产权示范园区规划》 is cited inside another department's task (baoji-innovation-city-tasks-2018.txt:78),
    # in a document that holds 教育's tasks too: not behind them
    park = doc_node_id("doc:国家知识产权示范园区规划")
    assert park not in cited
    assert park not in ids(view, "upstream")
    # what its documents cite in their preambles stays: 陕政发〔2022〕16号 behind the standards plan it shares
    assert doc_node_id(SHAANXI_OPINION) in cited
    # fewer upstream policies than every citation of its documents (each cited policy counted once)
    documents = [n.id.removeprefix("document:") for n in view.nodes if n.kind == "document"]
    every = {r["cited"] for r in corpus_store.read(q.CITATIONS_FROM, {"ids": documents})}
    assert 0 < len(cited) < len(every)


def test_unknown_or_ambiguous_department(corpus_store: GraphStore) -> None:
    # names are official (宝鸡市市场监督管理局 …): the end of one names the bodies of every place
    with pytest.raises(QueryError, match=r"names \d departments: .*渭南市/市场监管"):
        views.department_view(corpus_store, "市场监督管理局")
    with pytest.raises(QueryError, match=r"no department '宝鸡市科技厅'.*close matches: .*宝鸡市科学技术局"):
        views.department_view(corpus_store, "宝鸡市科技厅")


# --- chain -------------------------------------------------------------------------------------------------------------------


def test_chain_of_the_national_standardisation_outline(corpus_store: GraphStore) -> None:
    view = views.chain_view(corpus_store, "国家标准化发展纲要")
    assert_consistent(view)
    outline = doc_node_id("doc:国家标准化发展纲要")
    assert view.node(outline).focus and view.node(outline).kind == "upstream"
    # 陕政发〔2022〕16号 is a stub titled after the outline: one step below it
    assert (doc_node_id(SHAANXI_OPINION), outline) in edges(view, "titled_after")
    implements = edges(view, "implements")
    for plan in (BAOJI_STANDARDS, WEINAN_STANDARDS):  # both plans implement the opinion and the outline
        assert (doc_node_id(plan), doc_node_id(SHAANXI_OPINION)) in implements
        assert (doc_node_id(plan), outline) in implements
    # down to the answerable departments of each plan
    weinan = {t for s, t in edges(view, "responsible") if s == doc_node_id(WEINAN_STANDARDS)}
    assert dept_node_id("渭南市/市场监管") in weinan
    detail = next(
        e.detail for e in view.edges if e.target == dept_node_id("渭南市/市场监管") and e.role == "responsible"
    )
    assert re.match(r"责任 \d+ 项任务：", detail)
    assert ids(view, "document") == {doc_node_id(BAOJI_STANDARDS), doc_node_id(WEINAN_STANDARDS)}


def test_chain_of_a_plan_goes_upstream(corpus_store: GraphStore) -> None:
    view = views.chain_view(corpus_store, "宝政发〔2022〕19号")
    up = {t for s, t in edges(view, "implements") if s == doc_node_id(BAOJI_STANDARDS)}
    assert {doc_node_id(SHAANXI_OPINION), doc_node_id("doc:国家标准化发展纲要")} <= up


# --- jurisdiction ----------------------------------------------------------------------------------------------------------------


def test_jurisdiction_view_of_baoji(corpus_store: GraphStore) -> None:
    view = views.jurisdiction_view(corpus_store, "宝鸡")  # the start of its name is enough
    assert_consistent(view)
    assert view.subject == "宝鸡市"
    departments = ids(view, "department") | ids(view, "former")
    assert departments and all(n.removeprefix("department:").startswith("宝鸡市/") for n in departments)
    assert {doc_node_id(BAOJI_IP), doc_node_id(BAOJI_STANDARDS)} <= ids(view, "document")
    assert not {d for d in ids(view, "document") if "渭政" in d or "青" in d}
    roles = Counter(e.role for e in view.edges)
    assert roles["lead"] and roles["responsible"] and roles["task"] == len(ids(view, "task"))
    with pytest.raises(QueryError, match=r"no jurisdiction '西安市'.*all: .*宝鸡市"):
        views.jurisdiction_view(corpus_store, "西安市")


def test_large_views_are_reduced_to_the_top_departments(corpus_store: GraphStore) -> None:
    full = views.jurisdiction_view(corpus_store, "青铜峡市")
    small = views.jurisdiction_view(corpus_store, "青铜峡市", max_nodes=120)
    assert not full.reduced and small.reduced and len(small.nodes) <= 120
    assert small.total_nodes == len(full.nodes)
    kept = [n for n in small.nodes if n.kind in views.DEPARTMENT_KINDS]
    ranked = sorted((n for n in full.nodes if n.kind in views.DEPARTMENT_KINDS), key=lambda n: (-n.weight, n.id))
    assert [n.id for n in kept][: small.top_departments] == [n.id for n in ranked][: small.top_departments]
    top, cap = small.top_departments, small.tasks_per_department
    left = Counter(n.kind for n in full.nodes) - Counter(n.kind for n in small.nodes)
    assert left["task"] > 0 and left["department"] > 0
    assert small.note.startswith(f"显示 {len(small.nodes)} / {len(full.nodes)} 个节点（按责任分配数取前 {top} 个部门，")
    assert f"每个部门至多 {cap} 项任务）；未显示：" in small.note
    assert f"部门 {left['department']}" in small.note and f"任务 {left['task']}" in small.note
    with use_lang("en"):  # the note is worded when read: in the language in use
        assert small.note.startswith(
            f"showing {len(small.nodes)} of {len(full.nodes)} nodes (top {top} departments by assignments, "
            f"at most {cap} tasks each); left out: "
        )
        assert f"{left['task']} tasks" in small.note
    kept_ids = {n.id for n in small.nodes}
    assert all(e.source in kept_ids and e.target in kept_ids for e in small.edges)


def test_a_reduced_view_is_balanced(corpus_store: GraphStore) -> None:
    # 青铜峡市 at 150 nodes: many departments with a few tasks each, not five with all of theirs
    full = views.jurisdiction_view(corpus_store, "青铜峡市")
    small = views.jurisdiction_view(corpus_store, "青铜峡市", max_nodes=150)
    assert small.reduced and 140 <= len(small.nodes) <= 150
    kept = [n for n in small.nodes if n.kind in views.DEPARTMENT_KINDS]
    tasks = [n for n in small.nodes if n.kind == "task"]
    assert len(kept) >= 20 and len(tasks) <= 4 * len(kept)
    assert small.tasks_per_department is not None and small.tasks_per_department <= views.BALANCE
    # every kept department keeps tasks, leads first: none is left with only the tasks others brought in
    kept_ids, task_ids = {n.id for n in kept}, {n.id for n in tasks}
    for dept in kept_ids:
        own = [e.target for e in full.edges if e.source == dept and e.target.startswith("task:")]
        assert own and set(own) & task_ids, dept
    # each task kept is drawn with its document
    assert {t for _, t in edges(small, "task")} == task_ids
    # every node is labelled on the page, tasks with a short text
    records = network.node_records(small)
    assert all(r["label"].strip() for r in records)
    assert all(len(r["label"]) <= 8 for r in records if r["kind"] == "task")


def test_smallest_view_is_never_empty_when_one_department_overflows_it() -> None:
    # a jurisdiction view (no focus) whose heaviest department has more tasks than --max-nodes allows
    dept = views.ViewNode("department:d1", "department", "d1", "d1", weight=5.0)
    tasks = [views.ViewNode(f"task:t{i}", "task", f"t{i}", f"t{i}") for i in range(30)]
    edges = tuple(views.ViewEdge(dept.id, t.id, "lead") for t in tasks)
    view = views.View("jurisdiction", "x", "x", (dept, *tasks), edges, 31)
    small = views.reduce_view(view, views.MIN_NODES)
    assert len(small.nodes) == views.MIN_NODES and small.nodes[0].id == dept.id and small.top_departments == 1
    assert len(small.edges) == views.MIN_NODES - 1


# --- what pyvis gets, and the page ----------------------------------------------------------------------------------------------------


def test_records_handed_to_pyvis(corpus_store: GraphStore) -> None:
    view = views.document_view(corpus_store, BAOJI_IP)
    nodes, links = network.node_records(view), network.edge_records(view)
    assert [r["n_id"] for r in nodes] == [n.id for n in view.nodes]
    by_kind = {r["kind"]: r for r in nodes}
    assert by_kind["document"]["shape"] == "diamond" and by_kind["task"]["shape"] == "square"
    assert len({r["color"] for r in nodes}) == len(view.counts())  # one colour per kind
    assert all(isinstance(r["title"], str) for r in nodes)  # plain text: vis-network shows it with innerText
    lead = next(r for r in links if r["role"] == "lead")
    support = next(
        r for r in network.edge_records(views.jurisdiction_view(corpus_store, "宝鸡市")) if r["role"] == "support"
    )
    assert lead["width"] > support["width"] and support["dashes"] and not lead["dashes"]
    assert next(r for r in links if r["role"] == "implements")["arrows"] == "to"
    net = network.build_network(view)
    assert len(net.nodes) == len(view.nodes) and len(net.edges) == len(view.edges)
    physics = network.options(view)["physics"]
    assert physics["stabilization"]["fit"] and physics["stabilization"]["iterations"] <= 600


def test_page_is_self_contained(corpus_store: GraphStore) -> None:
    page = network.render_html(views.chain_view(corpus_store, "国家标准化发展纲要"))
    assert network.remote_references(page) == []
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page
    assert "vis.Network" in page and len(page) > 400_000  # vis-network inline
    assert network.library_files()["vis-network.min.js"] in page and "<script src=" not in page
    assert "stabilizationIterationsDone" in page and "physics: {enabled: false}" in page
    assert 'id="pg-legend"' in page and 'id="pg-search"' in page and 'id="pg-note"' not in page
    assert "innerHTML" not in page.split("drawGraph();")[-1]  # our script builds DOM from text only


@pytest.fixture
def hostile_store(tmp_path: Path) -> GraphStore:
    store = open_store(None, tmp_path / "g.db", mode="create")
    store.write(
        [
            (
                "CREATE (d:Document {doc_id: 'doc:测政发〔2024〕1号', doc_no: '测政发〔2024〕1号', title: $title, "
                "title_key: $title, jurisdiction: '测试市', stub: false})"
                "-[:HAS_TASK]->(t:Task {task_id: 'doc:测政发〔2024〕1号#一', doc_id: 'doc:测政发〔2024〕1号', "
                "path: '一', text: $text, deadline_text: $title}) "
                "CREATE (p:Department {department_id: '测试市/科技', name: $title, jurisdiction: '测试市'})"
                "-[:RESPONSIBLE_FOR {role: 'lead', mention: $title}]->(t) "
                "CREATE (p)-[:IN]->(:Jurisdiction {name: '测试市', level: 'prefecture'}) "
                "CREATE (t)-[:HAS_INDICATOR]->(:Indicator {indicator_id: 'doc:测政发〔2024〕1号#一@1', text: $title}) "
                "CREATE (d)-[:CITES {relation: 'implements'}]->(:Document {doc_id: 'doc:上位', title: $title, "
                "title_key: '上位', stub: true})",
                {"title": HOSTILE, "text": f'see <a href="javascript:alert(3)">here</a> {HOSTILE}'},
            )
        ]
    )
    return store


@pytest.mark.parametrize("kind", ["document", "department", "chain", "jurisdiction"])
def test_hostile_text_is_escaped(hostile_store: GraphStore, kind: str) -> None:
    key = {
        "document": "测政发〔2024〕1号",
        "department": "测试市/科技",
        "chain": "测政发〔2024〕1号",
        "jurisdiction": "测试市",
    }
    view = views.VIEWS[kind](hostile_store, key[kind])
    page = network.render_html(view)
    assert "<script>alert" not in page and "<img" not in page and 'href="javascript' not in page
    if kind in ("document", "department"):
        assert html.escape(HOSTILE) in page  # the title, as text
    # the node data reaches the page as JSON whose strings still hold the text exactly
    data = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert data and HOSTILE in {n["search"] for n in json.loads(data.group(1))}


# --- the corpus's views, and the commands ---------------------------------------------------------------------------------------------


def test_write_views_for_the_corpus(corpus_store: GraphStore, tmp_path: Path) -> None:
    written = network.write_views(corpus_store, tmp_path, top_departments=3, top_cited=2)
    folder = tmp_path / "views"
    assert written[-1] == folder / "index.html" and all(p.parent == folder and p.exists() for p in written)
    names = {p.name for p in written}
    assert "document-宝政发-2022-17号.html" in names and "jurisdiction-宝鸡市.html" in names
    assert sum(n.startswith("document-") for n in names) == 30  # the documents with tasks
    assert sum(n.startswith("chain-") for n in names) == 2 and sum(n.startswith("collaboration-") for n in names) == 4
    # the top 3 departments, and every department a collaboration view draws (double-click opens it)
    assert {n for n in names if n.startswith("department-")} >= {
        network.default_path("department", n.id.removeprefix("department:"), Path()).name
        for place in ("宝鸡市", "青铜峡市")
        for n in views.collaboration_view(corpus_store, place).nodes
    }
    pages = [p for p in written[:-1] if p.suffix == ".html"]
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{html.escape(p.name)}"' in index for p in pages)
    # one copy of vis-network beside the views, which load it by a relative reference and hold no copy of their own
    library = network.library_files()
    assert sorted(p.name for p in written if p.suffix != ".html") == sorted(library)
    script = library["vis-network.min.js"]
    assert (folder / "vis-network.min.js").read_text(encoding="utf-8") == script
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<script src="vis-network.min.js"></script>' in text and script[:2000] not in text, page.name
        assert '<link rel="stylesheet" href="vis-network.css">' in text
        assert network.remote_references(text) == []
    # the folder is the views' pages plus one library: well under what 35 inline copies weighed
    pages_size = sum(p.stat().st_size for p in pages)
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert pages_size < len(pages) * 200_000 and total - pages_size < 800_000
    assert total < len(pages) * len(script.encode())


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("view-corpus")
    shutil.copy(ROOT / "data/corpus/baoji-gazette-2023-01.txt", corpus)
    db = tmp_path_factory.mktemp("view-cli") / "graph.db"
    with open_store(None, db, mode="create") as store:
        ingest(store, [corpus])
    return db


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("department", "宝鸡市科技局"),
        ("document", "宝政发〔2022〕17号"),
        ("chain", "国家标准化发展纲要"),
        ("jurisdiction", "宝鸡市"),
    ],
)
def test_view_commands_write_a_page_and_print_its_path(small_db: Path, tmp_path: Path, kind: str, key: str) -> None:
    out = tmp_path / f"{kind}.html"
    result = runner.invoke(app, ["view", kind, key, "--db", str(small_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out) and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_view_command_errors_are_one_line(small_db: Path) -> None:
    result = runner.invoke(app, ["view", "department", "宝鸡市科技厅", "--db", str(small_db)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.fullmatch(
        r"error: no department '宝鸡市科技厅' in the graph; close matches: .*宝鸡市科学技术局.*\n", result.stderr
    )
    result = runner.invoke(app, ["view", "document", "宝政发〔2022〕17号", "--db", str(small_db), "--max-nodes", "0"])
    assert result.exit_code == 2 and "--max-nodes must be at least 1" in result.stderr


@pytest.mark.parametrize(
    "command", [["view"], ["view", "department"], ["view", "document"], ["view", "chain"], ["view", "jurisdiction"]]
)
def test_view_commands_have_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout


# --- collaboration ---------------------------------------------------------------------------------------------------------


def test_collaboration_view_draws_who_works_with_whom(corpus_store: GraphStore) -> None:
    view = views.collaboration_view(corpus_store, "青铜峡")
    assert_consistent(view)
    assert view.kind == "collaboration" and view.subject == "青铜峡市" and not view.reduced
    # every department of the place with a task is a labelled node, whether or not it shares one
    rows = corpus_store.read(q.JURISDICTION_ASSIGNMENTS, {"name": "青铜峡市"})
    folded = views.folding(corpus_store)
    expected = {dept_node_id(folded.get(r["department"], r["department"])) for r in rows}
    drawn = {n.id for n in view.nodes}
    assert drawn == expected and all(n.label.strip() for n in view.nodes)
    assert {n.kind for n in view.nodes} <= set(views.DEPARTMENT_KINDS)
    # an edge joins two departments that share tasks; its weight is how many, its tooltip lists them
    tasks: dict[str, set[str]] = {}
    for r in rows:
        tasks.setdefault(dept_node_id(folded.get(r["department"], r["department"])), set()).add(r["task"])
    assert view.edges and all(e.role == "shares" for e in view.edges)
    for e in view.edges:
        assert e.weight == len(tasks[e.source] & tasks[e.target]) > 0
        assert e.detail.startswith(f"共同承担 {int(e.weight)} 项任务：")
    sharing = {(a, b) for a in tasks for b in tasks if a < b and tasks[a] & tasks[b]}
    assert {tuple(sorted((e.source, e.target))) for e in view.edges} == sharing
    # coloured by community: every department in exactly one, largest first
    groups = [n.group for n in view.nodes]
    assert None not in groups and sum(len(c) for c in view.communities) == len(view.nodes)
    assert [len(c) for c in view.communities] == sorted((len(c) for c in view.communities), reverse=True)
    records = {r["n_id"]: r for r in network.node_records(view)}
    first = next(n for n in view.nodes if n.group == 0)
    assert records[first.id]["color"] == network.community_colour(0)
    heavy = max(view.edges, key=lambda e: e.weight)
    widths = {(r["source"], r["to"]): r["width"] for r in network.edge_records(view)}
    assert widths[heavy.source, heavy.target] > min(widths.values())
    page = network.render_html(view)
    assert "社区 1" in page and "共同承担任务" in page


def test_views_find_a_department_by_any_printing(corpus_store: GraphStore) -> None:
    hr = dept_node_id("巴彦淖尔市/人力资源社会保障")
    # the end of a printing only one line used (巴彦淖尔市人力资源社会保障厅) opens the body's view
    view = views.department_view(corpus_store, "人力资源社会保障厅")
    assert view.subject == "巴彦淖尔市/人力资源社会保障" and view.node(hr).focus
    node = view.node(hr)
    assert node.details[0] == "巴彦淖尔市人力资源和社会保障局"  # shown by its official name
    # the page's search box finds it by any printing: its search text holds them all
    assert {"巴彦淖尔市人力资源和社会保障局", "巴彦淖尔市人力资源社会保障厅", "巴彦淖尔市人社局"} <= set(node.name.split())
    with pytest.raises(QueryError, match=r"no department '巴彦淖尔市人社厅'.*close matches: .*巴彦淖尔市人社局"):
        views.department_view(corpus_store, "巴彦淖尔市人社厅")
