"""Query benchmark: every canned query on the synthetic corpus in a fresh embedded store, timed.

Parameters: each query's `// bench:` values over its `// example:` ones over its defaults (the synthetic
corpus renumbers 文号 and moves documents to other places); the median of `runs` is kept.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph import synthetic
from graph.falkor import EmbeddedFalkorStore
from graph.ingest import ingest
from queries.packs import Query, registry
from queries.runner import run_query


@dataclass(frozen=True, slots=True)
class QueryTiming:
    name: str
    params: dict[str, str]
    rows: int
    runs_ms: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs_ms)


@dataclass(frozen=True, slots=True)
class QueryBench:
    documents: int
    ingest_seconds: float
    nodes: int
    relationships: int
    budget_ms: float
    timings: list[QueryTiming]

    @property
    def over_budget(self) -> int:
        return sum(1 for t in self.timings if t.median_ms >= self.budget_ms)


def time_query(store: EmbeddedFalkorStore, query: Query, runs: int) -> QueryTiming:
    params = query.bench_params
    times: list[float] = []
    rows = 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(run_query(store, query, params).rows)
        times.append((time.perf_counter() - started) * 1000)
    return QueryTiming(query.name, params, rows, tuple(times))


def bench_queries(
    corpus: Path, documents: int = 1000, runs: int = 5, budget_ms: float = 200.0, queries: list[Query] | None = None
) -> QueryBench:
    """Build and ingest the synthetic corpus, then time every query `runs` times (the first run, which
    parses and plans, counts like the others)."""
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-queries-") as tmp:
        work = Path(tmp)
        synthetic.build(corpus, work / "corpus", documents)
        store = EmbeddedFalkorStore(work / "bench.db")
        try:
            report = ingest(store, [work / "corpus"])
            labels, rels = store.counts()
            timings = []
            for query in queries or list(registry().values()):
                timings.append(time_query(store, query, runs))
        finally:
            store.close()
    return QueryBench(report.documents, report.seconds, sum(labels.values()), sum(rels.values()), budget_ms, timings)
