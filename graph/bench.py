"""Ingest benchmark on the synthetic corpus: documents/s, nodes+relationships/s, peak memory, and the
batched writer against writing record by record, measured in the same run.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graph import synthetic
from graph.falkor import EmbeddedFalkorStore
from graph.ingest import drop_source, ingest, sha256_of, source_name, write_document
from graph.rows import document_rows
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


def writer_seconds(corpus_dir: Path, db: Path, batched: bool) -> float:
    """Time spent writing (extraction done beforehand) with the batched or the row-by-row writer."""
    store = EmbeddedFalkorStore(db)
    try:
        store.ensure_schema()
        results = [(p, extract_file(p), sha256_of(p)) for p in sorted(corpus_dir.glob("*.txt"))]
        places: set[str] = set()
        started = time.perf_counter()
        for path, result, digest in results:
            store.write(drop_source(source_name(path)))
            for rows in document_rows(store, result, digest, places):
                write_document(store, rows, batched=batched)
        return time.perf_counter() - started
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class IngestBench:
    runs: list[IngestRun]
    batched_s: float
    row_by_row_s: float
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
        out.append(
            (
                f"writer on {self.compare_documents} documents",
                (
                    f"batched (a transaction per document) {self.batched_s:.2f} s, record by record (a statement and "
                    f"transaction per record) {self.row_by_row_s:.2f} s: {self.row_by_row_s / self.batched_s:.1f}× faster batched"
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
        batched = writer_seconds(compare_dir, work / "batched.db", batched=True)
        row_by_row = writer_seconds(compare_dir, work / "rows.db", batched=False)
    return IngestBench(runs, batched, row_by_row, compare)
