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
from graph.ingest import ingest, new_source, sha256_of, source_name, write_document
from graph.rows import Sent, document_rows
from loaders import extract_file


@dataclass(frozen=True, slots=True)
class IngestRun:
    documents: int
    seconds: float
    elements: int  # nodes + relationships in the graph afterwards
    python_peak_mb: float
    server_peak_mb: float

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


def writer_time(corpus_dir: Path, db: Path, batched: bool) -> WriterTime:
    """Time spent in the writer alone, batched or record by record, over a fresh store.

    Extraction, hashing and the reads that resolve citations happen outside the clock: they are the
    same for both writers and would only dilute the comparison.
    """
    store = EmbeddedFalkorStore(db)
    try:
        store.ensure_schema()
        results = [(p, extract_file(p), sha256_of(p)) for p in sorted(corpus_dir.glob("*.txt"))]
        sent = Sent()
        wall = cpu = 0.0
        for path, result, digest in results:
            store.write([(cypher.MARK_SOURCE, new_source(source_name(path)))])
            for rows in document_rows(store, result, digest, sent):
                started, cpu_started, server_started = time.perf_counter(), time.process_time(), _server_cpu(store)
                write_document(store, rows, batched=batched)
                wall += time.perf_counter() - started
                cpu += time.process_time() - cpu_started + _server_cpu(store) - server_started
        return WriterTime(wall, cpu)
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class IngestBench:
    runs: list[IngestRun]
    batched: WriterTime
    row_by_row: WriterTime
    compare_documents: int

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for run in self.runs:
            out.append(
                (
                    f"{run.documents:,} documents",
                    (
                        f"{run.seconds:.1f} s, {run.docs_per_s:.0f} docs/s, {run.elements:,} nodes+rels "
                        f"({run.elements_per_s:,.0f}/s), peak memory {run.python_peak_mb:.0f} MB python + "
                        f"{run.server_peak_mb:.0f} MB server"
                    ),
                )
            )
        b, r = self.batched, self.row_by_row
        out.append(
            (
                f"writer on {self.compare_documents} documents",
                (
                    f"batched (a transaction per document): {b.wall_s:.2f} s wall, {b.cpu_s:.2f} s CPU; "
                    f"record by record (a statement and transaction per record): {r.wall_s:.2f} s wall, "
                    f"{r.cpu_s:.2f} s CPU; batched {r.wall_s / b.wall_s:.1f}× faster by the clock, "
                    f"{r.cpu_s / b.cpu_s:.1f}× less CPU (client + server)"
                ),
            )
        )
        return out


def bench_ingest(corpus: Path, sizes: tuple[int, ...] = (100, 1000, 10000), compare: int = 100) -> IngestBench:
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-") as tmp:
        work = Path(tmp)
        runs = [run_size(corpus, n, work) for n in sizes]
        compare_dir = work / "compare"
        synthetic.build(corpus, compare_dir, compare)
        batched = writer_time(compare_dir, work / "batched.db", batched=True)
        row_by_row = writer_time(compare_dir, work / "rows.db", batched=False)
    return IngestBench(runs, batched, row_by_row, compare)
