"""Records → graph: incremental (a file whose sha256 is unchanged is skipped), one transaction per
document, batched `UNWIND $rows … MERGE`; a changed or removed file takes its old content with it.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph import cypher
from graph.rows import DocumentRows, Sent, document_rows
from graph.store import GraphStore, Statement
from loaders import FileResult, extract_file
from loaders.reader import iter_input_files


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    skipped: int = 0
    ingested: int = 0
    removed: int = 0
    documents: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    nodes_before: dict[str, int] = field(default_factory=dict)
    nodes_after: dict[str, int] = field(default_factory=dict)
    rels_before: dict[str, int] = field(default_factory=dict)
    rels_after: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def changes(self) -> list[tuple[str, int, int]]:
        """(label or type, before, after) for everything that changed."""
        rows = []
        for before, after in ((self.nodes_before, self.nodes_after), (self.rels_before, self.rels_after)):
            for name in sorted(set(before) | set(after)):
                if before.get(name, 0) != after.get(name, 0):
                    rows.append((name, before.get(name, 0), after.get(name, 0)))
        return rows


def source_name(path: Path) -> str:
    """How a file is known in the graph: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(resolved)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def new_source(path: str) -> dict[str, object]:
    """MARK_SOURCE parameters for a source being (re)written: not complete until its last document is in."""
    return {"path": path, "sha256": None, "complete": False, "documents": 0, "ingested_at": None}


def drop_source(path: str) -> list[Statement]:
    params = {"path": path}
    return [
        (cypher.MARK_SOURCE, new_source(path)),
        (cypher.DROP_INDICATORS, params),
        (cypher.DROP_TASKS, params),
        (cypher.DROP_CITATIONS, params),
        (cypher.DROP_ISSUERS, params),
        (cypher.DROP_SOURCE_LINKS, params),
        (cypher.DEMOTE_DOCUMENTS, params),
        (cypher.DROP_UNCITED_STUBS, {}),
        (cypher.DROP_IDLE_DEPARTMENTS, {}),
    ]


def write_document(store: GraphStore, rows: DocumentRows, batched: bool = True) -> None:
    """One document in one transaction, each statement batched over its rows (`UNWIND $rows`).

    `batched=False` is the naive writer the benchmark compares against: one statement and one
    transaction per record.
    """
    if not batched:
        for query, batch in rows.records():
            for row in batch:
                store.write([(query, {"rows": [row]})])
        return
    store.write([(query, {"rows": batch}) for query, batch in rows.batches() if batch])


def ingest(
    store: GraphStore,
    paths: Iterable[Path],
    rebuild: bool = False,
    batched: bool = True,
    on_file: Callable[[Path, FileResult | None], None] | None = None,
) -> IngestReport:
    """Bring the graph in line with the files under `paths`."""
    started = time.perf_counter()
    report = IngestReport()
    store.ensure_schema()
    if rebuild:
        store.clear()
    report.nodes_before, report.rels_before = store.counts()
    known = {r["path"]: (r["sha256"], r["complete"]) for r in store.read(cypher.SOURCE_STATE)}
    sent = Sent()
    for path in iter_input_files(paths):
        report.files += 1
        name = source_name(path)
        try:
            digest = sha256_of(path)
        except OSError as exc:
            report.errors.append(f"{path}: {exc.strerror}")
            continue
        if known.get(name) == (digest, True):
            report.skipped += 1
            if on_file:
                on_file(path, None)
            continue
        result = extract_file(Path(name) if not os.path.isabs(name) else path)
        if result.error:
            report.errors.append(result.error)
            if on_file:
                on_file(path, result)
            continue
        report.warnings.update(w.code for w in result.warnings)
        if name in known:  # read before: its old content goes first (a new source has none)
            store.write(drop_source(name))
            sent.forget()  # what was dropped may include rows this run had sent
        else:
            store.write([(cypher.MARK_SOURCE, new_source(name))])
        for rows in document_rows(store, result, digest, sent):
            write_document(store, rows, batched)
        store.write(
            [
                (
                    cypher.MARK_SOURCE,
                    {
                        "path": name,
                        "sha256": digest,
                        "complete": True,
                        "documents": len(result.documents),
                        "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    },
                )
            ]
        )
        report.ingested += 1
        report.documents += len(result.documents)
        if on_file:
            on_file(path, result)
    store.flush()
    report.nodes_after, report.rels_after = store.counts()
    report.seconds = time.perf_counter() - started
    return report


def remove(store: GraphStore, paths: Iterable[Path]) -> IngestReport:
    """Take sources out of the graph (their documents stay as stubs while something cites them)."""
    report = IngestReport()
    report.nodes_before, report.rels_before = store.counts()
    known = {r["path"] for r in store.read(cypher.SOURCE_STATE)}
    for path in paths:
        name = source_name(path)
        targets = [k for k in known if k == name or k.startswith(name.rstrip("/") + "/")]
        for target in targets:
            store.write([*drop_source(target), (cypher.DELETE_SOURCE_NODE, {"path": target})])
            report.removed += 1
        if not targets:
            report.errors.append(f"{name}: not in the graph")
    store.flush()
    report.nodes_after, report.rels_after = store.counts()
    return report


__all__ = [
    "IngestReport",
    "drop_source",
    "ingest",
    "new_source",
    "remove",
    "sha256_of",
    "source_name",
    "write_document",
]
