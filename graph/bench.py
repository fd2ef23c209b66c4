"""Ingest benchmark on the synthetic corpus: documents/s, nodes+relationships/s, peak memory, and the
batched writer against writing record by record, measured in the same run.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph import cypher, synthetic
from graph.falkor import EmbeddedFalkorStore
from graph.ingest import ingest, new_source, sha256_of, write_document
from graph.rows import Sent, document_rows
from loaders import extract_file


@dataclass(frozen=True, slots=True)
class IngestRun:
    documents: int
    seconds: float
    elements: int  # nodes + relationships in the graph afterwards
    python_peak_mb: float
    server_peak_mb: float
    workers_peak_mb: float = 0.0  # largest child reaped so far: extraction workers (or an earlier run's server)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def elements_per_s(self) -> float:
        return self.elements / self.seconds


def _server_peak_mb(store: EmbeddedFalkorStore) -> float:
    info = store.client.info("memory")
    return float(info.get("used_memory_peak", 0)) / 2**20


def run_size(corpus: Path, documents: int, work: Path) -> IngestRun:
    files_dir = work / f"corpus-{documents}"
    synthetic.build(corpus, files_dir, documents)
    store = EmbeddedFalkorStore(work / f"bench-{documents}.db")
    try:
        started = time.perf_counter()
        report = ingest(store, [files_dir])
        seconds = time.perf_counter() - started
        labels, rels = store.counts()
        return IngestRun(
            report.documents,
            seconds,
            sum(labels.values()) + sum(rels.values()),
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            _server_peak_mb(store),
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        )
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class WriterTime:
    wall_s: float
    cpu_s: float  # this process + the FalkorDB server: the work itself, whatever else the machine runs


def _server_cpu(store: EmbeddedFalkorStore) -> float:
    info = store.client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


WRITERS = ("batched", "batched-merge", "records")


def writer_time(corpus_dir: Path, db: Path, writer: str = "batched") -> WriterTime:
    """Time spent writing `corpus_dir` into a fresh store, extraction done beforehand (the same for every
    writer, it would only dilute the comparison). The clock covers everything else: the reads that
    resolve citations, building the rows, the writes and waiting for the last of them.

    writer: "batched" (what ingest does: a transaction per document, fresh documents created, sent
    write-behind), "batched-merge" (the same transactions with every element merged, waited for: what
    batching alone gives) or "records" (a statement and a transaction per record, merged, waited for).
    """
    if writer not in WRITERS:
        raise ValueError(f"writer must be one of {', '.join(WRITERS)}")
    store = EmbeddedFalkorStore(db)
    try:
        store.ensure_schema()
        results = [(p, extract_file(p), sha256_of(p)) for p in sorted(corpus_dir.glob("*.txt"))]
        sent = Sent()
        started, cpu_started, server_started = time.perf_counter(), time.process_time(), _server_cpu(store)
        for path, result, digest in results:
            store.write([(cypher.MARK_SOURCE, new_source(str(path), "."))])
            for rows in document_rows(store, result, digest, sent):
                if writer == "batched":
                    write_document(store, rows)
                elif writer == "batched-merge":
                    rows.fresh = False
                    store.write(rows.batches())
                else:
                    write_document(store, rows, batched=False)
        store.sync()
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu_started + _server_cpu(store) - server_started
        return WriterTime(wall, cpu)
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class IngestBench:
    runs: list[IngestRun]
    writers: dict[str, WriterTime]  # by WRITERS name: the best of `rounds` turns
    compare_documents: int
    rounds: int = 1

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for run in self.runs:
            out.append(
                (
                    f"{run.documents:,} documents",
                    (
                        f"{run.seconds:.1f} s, {run.docs_per_s:.0f} docs/s, {run.elements:,} nodes+rels "
                        f"({run.elements_per_s:,.0f}/s), peak memory {run.python_peak_mb:.0f} MB python + "
                        f"{run.server_peak_mb:.0f} MB server + {run.workers_peak_mb:.0f} MB largest finished child process (extraction workers)"
                    ),
                )
            )
        b, m, r = (self.writers[w] for w in WRITERS)
        out += [
            (
                f"writer on {self.compare_documents} documents (best of {self.rounds})",
                (
                    f"record by record (a statement and transaction per record): {r.wall_s:.2f} s wall, "
                    f"{r.cpu_s:.2f} s CPU (client + server)"
                ),
            ),
            (
                "batched (as ingest writes)",
                (
                    f"{b.wall_s:.2f} s wall, {b.cpu_s:.2f} s CPU: {r.wall_s / b.wall_s:.1f}× faster by the clock, "
                    f"{r.cpu_s / b.cpu_s:.1f}× less CPU than record by record"
                ),
            ),
            (
                "batched, all merged, waited for",
                (
                    f"{m.wall_s:.2f} s wall, {m.cpu_s:.2f} s CPU: {r.wall_s / m.wall_s:.1f}× by the clock, "
                    f"{r.cpu_s / m.cpu_s:.1f}× by CPU (batching alone)"
                ),
            ),
        ]
        return out


def bench_ingest(
    corpus: Path, sizes: tuple[int, ...] = (100, 1000, 10000), compare: int = 100, rounds: int = 3
) -> IngestBench:
    """`rounds`: the writers take turns this many times, each into a fresh store; the best wall clock and
    the best CPU of each are kept (this machine is shared: the best is the least disturbed)."""
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-") as tmp:
        work = Path(tmp)
        runs = [run_size(corpus, n, work) for n in sizes]
        compare_dir = work / "compare"
        synthetic.build(corpus, compare_dir, compare)
        times: dict[str, list[WriterTime]] = {w: [] for w in WRITERS}
        for k in range(max(1, rounds)):
            for w in WRITERS:
                times[w].append(writer_time(compare_dir, work / f"writer-{w}-{k}.db", w))
        writers = {
            w: WriterTime(min(t.wall_s for t in runs_), min(t.cpu_s for t in runs_)) for w, runs_ in times.items()
        }
    return IngestBench(runs, writers, compare, max(1, rounds))
