"""graph/analytics.py on hand-built graphs with known answers; graph/load.py against a real embedded store."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph import analytics, centrality, load
from graph.analytics_cypher import TOP_BY_LOAD
from graph.ingest import ingest
from graph.store import GraphStore, open_store
from loaders.errors import ConfigError

BAOJI_2018 = Path("data/corpus/baoji-innovation-city-tasks-2018.txt")


def bipartite(assignments: list[tuple[str, str, str]], tasks: dict[str, dict] | None = None) -> nx.Graph:
    """(department, task, role) triples → the bipartite graph graph/load.py builds."""
    B = nx.Graph()
    for dept, task, role in assignments:
        B.add_node(dept, kind="department", name=dept, jurisdiction=dept.split("/")[0] if "/" in dept else None)
        B.add_node(task, kind="task", **(tasks or {}).get(task, {}))
        B.add_edge(dept, task, role=role)
    return B


@pytest.mark.parametrize("module", [analytics, centrality], ids=["analytics", "centrality"])
def test_doctests(module: object) -> None:
    failed, attempted = doctest.testmod(module)  # type: ignore[arg-type]
    assert attempted >= 5 and failed == 0


def test_responsible_weight_is_shared_lead_and_support_are_not() -> None:
    B = bipartite(
        [
            ("a", "t1", "responsible"),
            ("b", "t1", "responsible"),
            ("c", "t1", "responsible"),
            ("a", "t2", "lead"),
            ("b", "t2", "lead"),
            ("c", "t2", "support"),
            ("d", "t2", "responsible"),
        ]
    )
    shares = analytics.assignment_weights(B)
    assert shares["a", "t1"] == pytest.approx(1 / 3)
    assert shares["a", "t2"] == shares["b", "t2"] == 1.0  # two leads: each answerable for the whole task
    assert shares["c", "t2"] == 0.5
    assert shares["d", "t2"] == 1.0  # the only responsible unit of t2
    metrics = analytics.department_metrics(B)
    assert metrics["a"]["load"] == pytest.approx(4 / 3)
    assert metrics["c"]["load"] == pytest.approx(1 / 3 + 0.5)
    assert (metrics["c"]["responsible"], metrics["c"]["support"], metrics["c"]["tasks"]) == (1, 1, 2)
    # the loads add up to what the tasks hand out: t1 one responsible unit's worth, t2 two leads + support + one
    assert sum(m["load"] for m in metrics.values()) == pytest.approx(1 + 2 + 0.5 + 1)


def test_weights_are_configurable() -> None:
    B = bipartite([("a", "t1", "lead"), ("b", "t1", "support"), ("c", "t2", "responsible"), ("b", "t2", "responsible")])
    weights = analytics.parse_weights("lead=2,support=0,responsible=3")
    metrics = analytics.department_metrics(B, weights=weights)
    assert {d: m["load"] for d, m in metrics.items()} == {"a": 2.0, "b": 1.5, "c": 1.5}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("boss=1", "roles lead, responsible, support"),
        ("lead=x", "not a number"),
        ("lead", "role=number"),
        ("support=-1", "non-negative"),
    ],
)
def test_bad_weights(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        analytics.parse_weights(text)


def test_metrics_indicators_deadlines_documents_upstream() -> None:
    tasks = {
        "t1": {"doc_id": "d1", "deadline": "2018-12-31", "indicator_years": [2018, 2018]},
        "t2": {"doc_id": "d1", "deadline": "2020-06-30", "indicator_years": [2020]},
        "t3": {"doc_id": "d2", "deadline": "2018-03-31", "indicator_years": []},
        "t4": {"doc_id": "d3", "deadline": None, "indicator_years": [None]},
    }
    B = bipartite(
        [
            ("科技局", "t1", "lead"),
            ("科技局", "t2", "support"),
            ("科技局", "t3", "responsible"),
            ("财政局", "t4", "responsible"),
            ("财政局", "t1", "support"),
        ],
        tasks,
    )
    C = nx.DiGraph([("d1", "国发〔2016〕1号"), ("d1", "陕政发〔2017〕2号"), ("d2", "国发〔2016〕1号")])
    m = analytics.department_metrics(B, C)
    assert m["科技局"]["indicators"] == 2  # t1's two; t2 is support, owns none
    assert m["科技局"]["deadlines"] == {2018: 2, 2020: 1}
    assert (m["科技局"]["documents"], m["科技局"]["upstream"]) == (2, 2)
    assert m["财政局"]["indicators"] == 1  # an indicator with no due year still counts as owned
    assert (m["财政局"]["documents"], m["财政局"]["upstream"], m["财政局"]["deadlines"]) == (2, 2, {2018: 1})


def test_projection_matches_networkx() -> None:
    B = bipartite(
        [
            (d, t, "responsible")
            for d, t in [("a", "1"), ("b", "1"), ("c", "1"), ("a", "2"), ("b", "2"), ("d", "3"), ("e", "4")]
        ]
    )
    P = analytics.department_projection(B)
    expected = nx.bipartite.weighted_projected_graph(B, analytics.departments_of(B), ratio=False)
    assert sorted(P.nodes) == sorted(expected.nodes)
    assert {frozenset(e): w for *e, w in P.edges(data="weight")} == {
        frozenset(e): w for *e, w in expected.edges(data="weight")
    }
    assert P["a"]["b"]["weight"] == 2 and P.degree("e") == 0


def test_centrality_on_a_star_and_a_path() -> None:
    star = nx.star_graph(4)  # 0 in the middle of 1..4
    c = analytics.centrality(star)
    assert c["betweenness"][0] == 1.0 and c["betweenness"][1] == 0.0
    assert c["degree"][0] == 1.0 and c["degree"][1] == 0.25
    assert c["betweenness_sample"] is None
    path = nx.path_graph(5)  # 0-1-2-3-4: the middle carries 4 of the 6 pairs around it
    b = analytics.centrality(path)["betweenness"]
    assert b == pytest.approx({0: 0.0, 1: 0.5, 2: 4 / 6, 3: 0.5, 4: 0.0})


def test_pagerank_agrees_with_networkx_definition() -> None:
    P = nx.Graph()
    P.add_weighted_edges_from([("a", "b", 3), ("b", "c", 1), ("c", "a", 1), ("c", "d", 2)])
    P.add_node("e")  # dangling
    ours = analytics.pagerank(P, tol=1e-12, max_iter=500)
    theirs = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(P, weight="weight", tol=1e-12, max_iter=500)
    assert ours == pytest.approx(theirs, abs=1e-8)
    assert sum(ours.values()) == pytest.approx(1.0)
    ring = analytics.pagerank(nx.cycle_graph(6))
    assert all(v == pytest.approx(1 / 6) for v in ring.values())


def test_large_projection_samples_betweenness_reproducibly() -> None:
    P = nx.connected_caveman_graph(30, 5)  # 150 nodes
    first = analytics.centrality(P, exact_up_to=100, sample=40, seed=7)
    again = analytics.centrality(P, exact_up_to=100, sample=40, seed=7)
    assert first["betweenness_sample"] == 40
    assert first["betweenness"] == again["betweenness"]
    assert analytics.centrality(P, exact_up_to=1000)["betweenness_sample"] is None


def test_communities_two_cliques_and_an_isolate() -> None:
    P = nx.Graph()
    P.add_weighted_edges_from([(a, b, 3) for a in "abcd" for b in "abcd" if a < b])
    P.add_weighted_edges_from([(a, b, 3) for a in "wxyz" for b in "wxyz" if a < b])
    P.add_edge("d", "w", weight=1)
    P.add_node("q")
    groups = analytics.communities(P, seed=1)
    assert groups == [["a", "b", "c", "d"], ["w", "x", "y", "z"], ["q"]]
    assert analytics.communities(P, seed=1) == groups
    assert analytics.community_of(groups)["q"] == 2
    # a large projection gets label propagation: still the two cliques, still reproducible
    assert analytics.community_method(P, louvain_up_to=5) == "label propagation"
    fast = analytics.communities(P, seed=1, louvain_up_to=5)
    assert fast == analytics.communities(P, seed=1, louvain_up_to=5)
    assert ["a", "b", "c", "d"] in fast and ["q"] in fast


def test_analyse_ranks_and_filters_by_jurisdiction() -> None:
    B = bipartite(
        [
            ("宝鸡市/科技", "t1", "responsible"),
            ("宝鸡市/科技", "t2", "responsible"),
            ("宝鸡市/财政", "t2", "responsible"),
            ("渭南市/科技", "t3", "lead"),
            ("渭南市/科技", "t4", "lead"),
            ("渭南市/科技", "t5", "lead"),
        ]
    )
    result = analytics.analyse(B)
    assert [(r["rank"], r["id"], r["load"]) for r in result["departments"]] == [
        (1, "渭南市/科技", 3.0),
        (2, "宝鸡市/科技", 1.5),
        (3, "宝鸡市/财政", 0.5),
    ]
    assert (result["tasks"], result["assignments"], result["communities"]) == (5, 6, 2)
    baoji = analytics.analyse(B, jurisdiction="宝鸡市")
    assert [(r["rank"], r["id"]) for r in baoji["departments"]] == [(1, "宝鸡市/科技"), (2, "宝鸡市/财政")]


def test_restrict_to_documents() -> None:
    B = bipartite(
        [("a", "t1", "lead"), ("b", "t1", "support"), ("b", "t2", "lead")],
        {"t1": {"doc_id": "d1"}, "t2": {"doc_id": "d2"}},
    )
    part = analytics.restrict(B, ["d1"])
    assert sorted(part.nodes) == ["a", "b", "t1"] and part.number_of_edges() == 2
    assert B.number_of_nodes() == 4  # unchanged


def test_read_and_write_back_on_a_real_store(tmp_path: Path) -> None:
    store = open_store(None, tmp_path / "g.db", mode="create")
    try:
        ingest(store, [BAOJI_2018])
        graphs = load.read_graphs(store, as_printed=True)
        B = graphs.bipartite
        assert len(analytics.tasks_of(B)) == 147 and B.number_of_edges() == 147
        current = load.read_graphs(store).bipartite  # former names folded: fewer departments, no task lost
        assert set(analytics.tasks_of(current)) == set(analytics.tasks_of(B))
        assert len(analytics.departments_of(current)) < len(analytics.departments_of(B))
        # small pages: the same graph whatever the page size
        paged = load.read_bipartite(store, page=3, doc_page=1, edge_page=2)
        assert sorted(paged.edges) == sorted(B.edges)
        assert sum(len(y) for _, y in paged.nodes(data="indicator_years") if y) == sum(
            len(y) for _, y in B.nodes(data="indicator_years") if y
        )
        assert "doc:宝市创新办发〔2018〕4号" in graphs.citations
        result = analytics.analyse(B, graphs.citations)
        assert load.write_scores(store, result, batch=5) == len(result["departments"])
        top = store.read(TOP_BY_LOAD, {"limit": 2})
        assert top[0]["name"] == "宝鸡市科学技术局" and top[0]["load"] == 10.0
        rows = store.read(
            "MATCH (p:Department {department_id: '宝鸡市/科技'}) RETURN p.tasks AS tasks, p.community AS c"
        )
        assert rows[0]["tasks"] == 10 and rows[0]["c"] is not None
    finally:
        store.close()


def test_bench_analytics_small(tmp_path: Path) -> None:
    from graph.analytics_bench import bench_analytics

    db = tmp_path / "bench.db"
    first = bench_analytics(Path("data/corpus"), documents=20, db=db, target=30)
    assert first.built_s is not None and first.sizes["assignments"] > 0
    again = bench_analytics(Path("data/corpus"), documents=20, db=db, target=30)  # reused
    assert again.built_s is None and again.sizes == first.sizes
    names = [name for name, _ in again.rows()]
    assert "communities (louvain)" in names and names[-1] == "analytics total"


def test_betweenness_matches_networkx_exactly_and_sampling_is_unbiased_scale() -> None:
    P = nx.connected_caveman_graph(6, 5)
    P.add_edges_from([("x", "y"), ("y", "z")])  # a second component
    assert analytics.betweenness_centrality(P) == pytest.approx(nx.betweenness_centrality(P), abs=1e-12)
    every = analytics.betweenness_centrality(P, k=P.number_of_nodes())  # k = n: all sources, no scaling
    assert every == pytest.approx(nx.betweenness_centrality(P), abs=1e-12)
    sampled = analytics.betweenness_centrality(P, k=10, seed=3)
    assert sampled == analytics.betweenness_centrality(P, k=10, seed=3)
    assert sum(sampled.values()) == pytest.approx(sum(nx.betweenness_centrality(P).values()), rel=0.6)


# --- current bodies on data/corpus ---


def _corpus_rows(store: GraphStore, as_printed: bool) -> dict[str, dict[str, Any]]:
    from viz.reports import load_report

    return {row["id"]: row for row in load_report(store, jurisdiction="宝鸡市", as_printed=as_printed)["departments"]}


def _tasks_of(store: GraphStore, department_id: str) -> set[str]:
    """The tasks addressed to one department node as the graph holds it (as printed)."""
    B = load.read_bipartite(store)
    return set(B.adj[department_id]) if department_id in B else set()


def test_current_bodies_carry_the_tasks_printed_under_their_former_names(corpus_store: GraphStore) -> None:
    current, printed = _corpus_rows(corpus_store, False), _corpus_rows(corpus_store, True)
    health, tax = "宝鸡市/卫生健康", "宝鸡市/税务"
    # 卫计局 (baoji-innovation-city-tasks-2018.txt) is counted as 卫健委: the union of both bodies' tasks
    former_health = _tasks_of(corpus_store, "宝鸡市/卫生健康@卫计局")
    assert former_health and not _tasks_of(corpus_store, health) >= former_health
    assert current[health]["tasks"] == len(_tasks_of(corpus_store, health) | former_health)
    assert "宝鸡市卫计局" in current[health]["former_names"] and "宝鸡市卫计局" in current[health]["name"]
    assert not any(row["name"] == "宝鸡市卫计局" for row in current.values())
    # 国税局 and 地税局 (3 tasks each, printed side by side) are today's 税务局
    state, local = _tasks_of(corpus_store, "宝鸡市/税务@国税局"), _tasks_of(corpus_store, "宝鸡市/税务@地税局")
    assert state and local and current[tax]["tasks"] == len(state | local | _tasks_of(corpus_store, tax)) > 0
    assert set(current[tax]["former_names"]) == {"宝鸡市国税局", "宝鸡市地税局"}
    # --as-printed: today's separate rows, no former name folded anywhere
    assert printed[health]["tasks"] == len(_tasks_of(corpus_store, health))
    assert printed["宝鸡市/卫生健康@卫计局"]["tasks"] == len(former_health)
    assert printed[tax]["tasks"] == len(_tasks_of(corpus_store, tax))
    assert not any(row["former_names"] for row in printed.values())
    assert len(printed) > len(current)
    # the department report of 卫健委 lists the tasks printed under 卫计局 too, addressed as printed
    from graph import facts

    listed = facts.department_facts(corpus_store, health)["tasks"]
    assert former_health <= {t["task_id"] for t in listed} and "卫计局" in {t["mention"] for t in listed}


def test_report_load_as_printed_switch(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from policygraph.app import app

    db = tmp_path / "g.db"
    store = open_store(None, db, mode="create")
    try:
        ingest(store, [BAOJI_2018])
    finally:
        store.close()
    runner = CliRunner()
    args = ["report", "load", "--db", str(db), "--format", "json"]
    current = runner.invoke(app, args)
    printed = runner.invoke(app, [*args, "--as-printed"])
    assert current.exit_code == 0 and printed.exit_code == 0, current.output + printed.output
    now = {r["id"]: r for r in json.loads(current.output)["departments"]}
    then = {r["id"]: r for r in json.loads(printed.output)["departments"]}
    # the 2018 table addresses 文广局 and 旅游发展委员会: one 文化和旅游局 now, two rows as printed
    assert "宝鸡市/文化旅游@文广局" in then and "宝鸡市/文化旅游@文广局" not in now
    assert now["宝鸡市/文化旅游"]["name"].startswith("宝鸡市文化和旅游局（含 ")
    parts = [r["tasks"] for i, r in then.items() if i.startswith("宝鸡市/文化旅游")]
    assert len(parts) >= 2 and max(parts) < now["宝鸡市/文化旅游"]["tasks"] <= sum(parts)
    assert sum(r["load"] for r in now.values()) == pytest.approx(sum(r["load"] for r in then.values()))
