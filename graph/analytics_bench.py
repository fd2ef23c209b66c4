"""Analytics benchmark on the synthetic corpus: each stage timed (read into NetworkX, metrics, projection,
centrality, communities, write-back) and the total against a target, on a fresh or a reused embedded graph.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph import analytics, synthetic
from graph import analytics_cypher as q
from graph.embedded import store_exists
from graph.falkor import EmbeddedFalkorStore
from graph.ingest import ingest
from graph.load import paused_gc, read_bipartite, read_citations, write_scores


@dataclass(slots=True)
class AnalyticsBench:
    documents: int
    elements: int  # nodes + relationships in the graph
    built_s: float | None  # build + ingest, None when the graph was reused
    stages: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    betweenness_sample: int | None = None
    community_method: str = ""
    target_s: float = 30.0

    @property
    def total_s(self) -> float:
        return sum(self.stages.values())

    def rows(self) -> list[tuple[str, str]]:
        out = [
            ("graph", f"{self.documents:,} Document nodes (stubs included), {self.elements:,} nodes+rels"),
            ("build + ingest", f"{self.built_s:.1f} s" if self.built_s is not None else "reused (--db)"),
            (
                "sizes",
                ", ".join(f"{k} {v:,}" for k, v in self.sizes.items()),
            ),
        ]
        out += [(name, f"{seconds:.2f} s") for name, seconds in self.stages.items()]
        sample = self.betweenness_sample
        out.append(("betweenness", f"sampled, k={sample} source departments" if sample else "exact"))
        verdict = "within" if self.total_s <= self.target_s else "OVER"
        out.append(("analytics total", f"{self.total_s:.2f} s ({verdict} the {self.target_s:g} s target)"))
        return out


def _timed[T](stages: dict[str, float], name: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = work()
    stages[name] = time.perf_counter() - started
    return value


def run_analytics(store: EmbeddedFalkorStore, bench: AnalyticsBench) -> None:
    """Time every stage of `policygraph report load` on `store`, writing the scores back."""
    s = bench.stages
    B = _timed(s, "read bipartite graph", lambda: read_bipartite(store))
    C = _timed(s, "read citation graph", lambda: read_citations(store))
    metrics = _timed(s, "per-department metrics", lambda: analytics.department_metrics(B, C))
    P = _timed(s, "department projection", lambda: analytics.department_projection(B))
    scores = _timed(s, "centrality (degree, betweenness, pagerank)", lambda: analytics.centrality(P))
    groups = _timed(s, f"communities ({analytics.community_method(P)})", lambda: analytics.communities(P))
    result = {
        "departments": analytics.rank_departments(metrics, scores, analytics.community_of(groups)),
    }
    _timed(s, "write scores back", lambda: write_scores(store, result))
    bench.betweenness_sample = scores["betweenness_sample"]
    bench.sizes = {
        "departments": P.number_of_nodes(),
        "tasks": B.number_of_nodes() - P.number_of_nodes(),
        "assignments": B.number_of_edges(),
        "projection edges": P.number_of_edges(),
        "communities": len(groups),
    }
    bench.community_method = analytics.community_method(P)


def bench_analytics(
    corpus: Path, documents: int = 10000, db: Path | None = None, target: float = 30.0
) -> AnalyticsBench:
    """Build the synthetic corpus and ingest it (unless `db` already holds a graph), then time the analytics."""
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-") as tmp:
        path = db or Path(tmp) / f"analytics-{documents}.db"
        built: float | None = None
        if not store_exists(path):  # a file that is not a store is refused, untouched
            started = time.perf_counter()
            files = synthetic.build(corpus, Path(tmp) / f"corpus-{documents}", documents)
            store = EmbeddedFalkorStore(path)
            try:
                ingest(store, files)
            finally:
                store.close()
            built = time.perf_counter() - started
        store = EmbeddedFalkorStore(path)
        try:
            elements = sum(int(store.read(query)[0]["count"]) for query in (q.COUNT_NODES, q.COUNT_EDGES))
            documents_found = int(store.read(q.COUNT_DOCUMENTS)[0]["count"])
            bench = AnalyticsBench(documents_found, elements, built, target_s=target)
            with paused_gc():  # as `report load` runs it
                run_analytics(store, bench)
        finally:
            store.close()
    return bench
