"""Query benchmark: every canned query on the synthetic corpus in a fresh embedded store, timed; and the
commands themselves, end to end in cold processes, beside `policygraph --help` as the floor.

The synthetic graph carries progress reports (graph/status.seed_reports: three quarters of the tasks reported,
some twice) for the supervision pack. Parameters: each query's `// bench:` values over its `// example:` ones over its defaults (the synthetic
corpus renumbers 文号 and moves documents to other places); the median of `runs` is kept.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph import synthetic
from graph.falkor import EmbeddedFalkorStore
from graph.ingest import ingest
from graph.status import seed_reports
from loaders.errors import PolicyGraphError
from queries.packs import Query, get, registry
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
class CommandTiming:
    command: str
    runs_s: tuple[float, ...]

    @property
    def median_s(self) -> float:
        return statistics.median(self.runs_s)


@dataclass(frozen=True, slots=True)
class QueryBench:
    documents: int
    ingest_seconds: float
    nodes: int
    relationships: int
    budget_ms: float
    timings: list[QueryTiming]
    commands: list[CommandTiming]
    commands_store: str
    status_reports: int = 0

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


COMMAND_QUERY = "documents/most-cited"  # the canned query the commands' timing runs: an analyst's first question


def _policygraph() -> list[str]:
    """The `policygraph` command installed beside this Python (else `python -m policygraph`)."""
    script = Path(sys.executable).with_name("policygraph")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "policygraph"]


def time_commands(db: Path, query: Query, runs: int) -> list[CommandTiming]:
    """`policygraph --help` (the floor: starting Python and the CLI), `policygraph info` and `policygraph query
    run QUERY` on `db`, each a cold process timed end to end, `runs` times; the runs take turns, so that a
    busy moment of the machine falls on all three alike."""
    params = [f"--param={k}={v}" for k, v in query.bench_params.items()]
    commands = {
        "policygraph --help": ["--help"],
        "policygraph info": ["info", "--db", str(db)],
        f"policygraph query run {query.name}": ["query", "run", query.name, *params, "--db", str(db)],
    }
    env = {k: v for k, v in os.environ.items() if k not in ("POLICYGRAPH_STORE", "NEO4J_URI")}
    runs_s: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            started = time.perf_counter()
            done = subprocess.run(
                [*_policygraph(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
            )
            runs_s[name].append(time.perf_counter() - started)
            if done.returncode:
                said = done.stderr.decode("utf-8", "replace").strip().splitlines()
                raise PolicyGraphError(f"`{name}` failed: {said[-1] if said else f'exit {done.returncode}'}")
    return [CommandTiming(name, tuple(times)) for name, times in runs_s.items()]


def bench_queries(
    corpus: Path,
    documents: int = 1000,
    runs: int = 5,
    budget_ms: float = 200.0,
    queries: list[Query] | None = None,
    commands_db: Path | None = None,
) -> QueryBench:
    """Build and ingest the synthetic corpus, then time every query `runs` times (the first run, which
    parses and plans, counts like the others), then the commands end to end (`time_commands`) on that
    store, or on `commands_db` when given (e.g. out/graph.db)."""
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-queries-") as tmp:
        work = Path(tmp)
        synthetic.build(corpus, work / "corpus", documents)
        store = EmbeddedFalkorStore(work / "bench.db")
        try:
            report = ingest(store, [work / "corpus"])
            reports = seed_reports(store)  # the supervision queries read progress reports
            labels, rels = store.counts()
            timings = []
            for query in queries or list(registry().values()):
                timings.append(time_query(store, query, runs))
        finally:
            store.close()
        db = commands_db or work / "bench.db"
        commands = time_commands(db, get(COMMAND_QUERY), runs)
    return QueryBench(
        report.documents,
        report.seconds,
        sum(labels.values()),
        sum(rels.values()),
        budget_ms,
        timings,
        commands,
        str(commands_db) if commands_db else f"the bench's {report.documents:,}-document store",
        reports,
    )
