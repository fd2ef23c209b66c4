"""Records → graph: incremental (a file whose sha256 is unchanged is skipped), one transaction per
document, batched `UNWIND $rows … MERGE`; a changed or removed file takes its old content with it, and
nothing that another file still names (a department, a jurisdiction, a cited document).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from graph import cypher
from graph.naming import name_departments
from graph.processes import worker_pool
from graph.rows import DocumentRows, Sent, document_rows
from graph.schema import SCHEMA_VERSION
from graph.sources import SourceNames, input_files
from graph.store import GraphStore, Statement
from loaders import FileResult, extract_file
from loaders.errors import StoreError


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def new_source(path: str, root: str | None = None) -> dict[str, object]:
    """MARK_SOURCE parameters for a source being (re)written: not complete until its last document is in.
    `root`: where its folder is (graph/sources.py); None keeps the one recorded."""
    return {
        "path": path,
        "root": root,
        "sha256": None,
        "complete": False,
        "documents": 0,
        "ingested_at": None,
        "schema_version": SCHEMA_VERSION,
    }


def check_schema(store: GraphStore) -> None:
    """StoreError when a source was written by another version of the schema: removing or updating it
    would need what that version did not record (which file names a department, how a citation reads)."""
    rows = store.read(cypher.OTHER_SCHEMA, {"schema_version": SCHEMA_VERSION})
    if rows:
        raise StoreError(
            f"{store.location}: written by another version of policygraph (graph schema "
            f"{rows[0]['schema_version'] or 1}, this one writes {SCHEMA_VERSION}): ingest (or run) with --rebuild"
        )


def drop_source(path: str) -> list[Statement]:
    """A source's content out: its documents' tasks, indicators and edges, its names of departments.
    Departments it named stay until `Touched.settle` (another source may name them too)."""
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
        (cypher.DROP_NAMES, params),
    ]


@dataclass(slots=True)
class Touched:
    """Nodes other sources may share with the one being written or dropped: what `settle` looks at again."""

    departments: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)  # its documents and those they cite

    def add_rows(self, rows: DocumentRows) -> None:
        self.departments.update(rows.departments)
        self.documents.update(d["doc_id"] for d in rows.documents)
        self.documents.update(c["cited_id"] for c in rows.citations)

    def add_source(self, store: GraphStore, path: str) -> None:
        """What a source holds now (read before its content is dropped)."""
        self.departments.update(r["id"] for r in store.read(cypher.DEPARTMENTS_NAMED_BY, {"path": path}))
        for row in store.read(cypher.SOURCE_DOCUMENTS, {"path": path}):
            self.documents.add(row["id"])
            self.documents.update(row["cited"])

    def settle(self) -> list[Statement]:
        """Departments no source names any more go (with their IN and SUCCEEDED_BY edges); the others take
        name, aliases and known flag from the sources that still name them; stubs take what their first
        citation says. The graph then holds what a clean ingest of the same files gives, in any order."""
        departments, documents = {"ids": sorted(self.departments)}, {"ids": sorted(self.documents)}
        statements: list[Statement] = []
        if departments["ids"]:
            statements += [(cypher.DROP_UNNAMED_DEPARTMENTS, departments), (cypher.REFRESH_DEPARTMENTS, departments)]
        if documents["ids"]:
            statements.append((cypher.REFRESH_STUBS, documents))
        return statements


def restore_task_status(store: GraphStore) -> None:
    """The latest progress reported copied again onto the tasks just written (graph/status.py keeps the record)."""
    rows = store.read(cypher.COUNT_STATUS_REPORTS)
    if rows and rows[0]["count"]:
        store.write([(cypher.RESTORE_TASK_STATUS, {})])


def drop_idle_jurisdictions(store: GraphStore) -> None:
    """Jurisdictions no document, department or jurisdiction in use is in any more go."""
    parents: dict[str, str | None] = {r["name"]: r["parent"] for r in store.read(cypher.JURISDICTION_PARENTS)}
    used: set[str] = set()
    for name in (r["name"] for r in store.read(cypher.JURISDICTIONS_IN_USE)):
        while name and name not in used:
            used.add(name)
            name = parents.get(name)
    idle = sorted(set(parents) - used)
    if idle:
        store.write([(cypher.DROP_JURISDICTIONS, {"names": idle})])


def write_document(store: GraphStore, rows: DocumentRows, batched: bool = True) -> None:
    """One document in one transaction, each statement batched over its rows (`UNWIND $rows`), sent
    write-behind: it runs on the server while the caller prepares the next (`store.sync()` waits).

    `batched=False` is the naive writer the benchmark compares against: one statement and one
    transaction per record, each waited for.
    """
    if not batched:
        for query, batch in rows.records():
            for row in batch:
                store.write([(query, {"rows": [row]})])
        return
    store.write_behind(rows.batches())


PARALLEL_FROM = 4  # files per worker below which extraction stays in this process


def _extracted(targets: list[tuple[Path, str]], jobs: int) -> Iterator[FileResult]:
    """extract_file over `targets` (file, source name), in their order: in `jobs` worker processes when there are enough files
    to repay starting them (extraction is pure Python: the workers run on the other cores while this
    process writes), else here. A bounded number of files is read ahead."""
    if jobs <= 1 or len(targets) < PARALLEL_FROM * jobs:
        for target, name in targets:
            yield extract_file(target, name)
        return
    with worker_pool(jobs) as pool:  # workers die quietly with this process (kill -9 included)
        queue = iter(targets)
        ahead = deque(pool.apply_async(extract_file, t) for t in islice(queue, 2 * jobs))
        while ahead:
            result = ahead.popleft().get()
            following = next(queue, None)
            if following is not None:
                ahead.append(pool.apply_async(extract_file, following))
            yield result


def default_jobs() -> int:
    """Worker processes for extraction: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _write_source(
    store: GraphStore,
    name: str,
    root: str,
    digest: str,
    result: FileResult,
    sent: Sent,
    batched: bool,
    drop: bool,
    settle: bool = True,
) -> set[str]:
    """One extracted file into the graph: its old content first out when `drop` (a source read before).
    Returns the departments it named, before and now (whose names `name_departments` looks at again).

    `settle=False` for a new source after every other in source order: what the batched statements write
    then is what `Touched.settle` would set (the first name and citation are those of the first source),
    and settling costs a read of every source naming each department and citing each stub."""
    touched = Touched()  # what this source holds, before and now
    if drop:  # read before: its old content goes first (a new source has none)
        touched.add_source(store, name)
        store.write_behind(drop_source(name))
        sent.forget()  # what was dropped may include rows this run had sent
    else:
        store.write_behind([(cypher.MARK_SOURCE, new_source(name, root))])
    for rows in document_rows(store, result, digest, sent):
        touched.add_rows(rows)
        write_document(store, rows, batched)
    # complete only once every document of it is in: write() waits for those first, and a failed one
    # stops it here (the source stays incomplete, and the next ingest writes it again)
    printings = sent.printings()
    store.write(
        [
            *(touched.settle() if settle else []),
            *([(cypher.SET_PRINTINGS, {"rows": printings})] if printings else []),
            (
                cypher.MARK_SOURCE,
                {
                    "path": name,
                    "root": root,
                    "sha256": digest,
                    "complete": True,
                    "documents": len(result.documents),
                    "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    "schema_version": SCHEMA_VERSION,
                },
            ),
        ]
    )
    return touched.departments


def sharing(store: GraphStore, name: str) -> set[str]:
    """The other sources holding a document this one holds (a reprint)."""
    return {r["path"] for r in store.read(cypher.SHARING_SOURCES, {"path": name})}


def title_citers(store: GraphStore, name: str) -> set[str]:
    """The other sources citing a document of this one by title alone."""
    return {r["path"] for r in store.read(cypher.TITLE_CITERS, {"path": name})}


def _rewrite_sharing(store: GraphStore, names: Iterable[str], report: IngestReport, batched: bool) -> set[str]:
    """Sources that share documents, and every source sharing one with them, dropped and read again in
    source order, as a clean ingest writes them: a document two files hold is the version of the last one
    with the tasks of both, whatever order they were written or removed in; a citation by title finds what
    the graph now holds. A file gone stays incomplete. Returns the departments they named, before and now."""
    pending, group = sorted(names), set()
    departments: set[str] = set()
    while pending:
        name = pending.pop()
        if name in group:
            continue
        group.add(name)
        pending += sorted(sharing(store, name))  # read before its links go
        touched = Touched()
        touched.add_source(store, name)
        store.write([*drop_source(name), *touched.settle()])
        departments |= touched.departments
    sent = Sent()
    files = SourceNames.of(store)
    for name in sorted(group):
        path = files.file(name)
        result = extract_file(path, name) if path.is_file() else None
        if result is None or result.error:
            report.errors.append(
                result.error
                if result and result.error
                else f"{name}: shares documents with a file that changed or "
                "went, and cannot be read again: ingest it again"
            )
            continue
        departments |= _write_source(store, name, files.roots[name], sha256_of(path), result, sent, batched, drop=False)
    return departments


def ingest(
    store: GraphStore,
    paths: Iterable[Path],
    rebuild: bool = False,
    batched: bool = True,
    on_file: Callable[[Path, FileResult | None], None] | None = None,
    jobs: int | None = None,
) -> IngestReport:
    """Bring the graph in line with the files under `paths`.

    `jobs`: processes extracting files (None: one per core; 1: none besides this one). The graph is
    the same whatever the number: files are written in their order.
    """
    started = time.perf_counter()
    report = IngestReport()
    store.ensure_schema()
    if rebuild:  # the progress reports stay: user data, not read from the files (graph/status.py)
        store.write([(cypher.CLEAR_CONTENT, {})])
    check_schema(store)
    report.nodes_before, report.rels_before = store.counts()
    known = {r["path"]: (r["sha256"], r["complete"]) for r in store.read(cypher.SOURCE_STATE)}
    names = SourceNames.of(store)
    sent = Sent()
    dropped = False
    shared: set[str] = set()  # sources written here that share a document with another, and those others
    named: set[str] = set()  # departments a source written or dropped here names (their names are chosen again)
    changed: list[tuple[Path, str, str]] = []  # (path, source name, sha256) of every file to (re)write
    latest = max(known, default="")  # the last source in source order
    seen: set[str] = set()
    for path, folder in input_files(paths):
        name = names.name(path, folder)
        if name in seen:  # one file named twice (a folder and a file in it, two spellings): read once
            continue
        seen.add(name)
        report.files += 1
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
        changed.append((path, name, digest))
    targets = [(path, name) for path, name, _ in changed]
    results = _extracted(targets, default_jobs() if jobs is None else jobs)
    for (path, name, digest), result in zip(changed, results, strict=True):
        if result.error:
            report.errors.append(result.error)
            if on_file:
                on_file(path, result)
            continue
        report.warnings.update(w.code for w in result.warnings)
        before = sharing(store, name) | title_citers(store, name) if name in known else set()
        in_order = batched and name not in known and name > latest
        latest = max(latest, name)
        root = names.roots[name]
        named |= _write_source(
            store, name, root, digest, result, sent, batched, drop=name in known, settle=not in_order
        )
        dropped = dropped or name in known
        after = sharing(store, name)
        if before or after:
            shared |= {name, *before, *after}
        report.ingested += 1
        report.documents += len(result.documents)
        if on_file:
            on_file(path, result)
    if shared:
        named |= _rewrite_sharing(store, shared, report, batched)
    if dropped or shared:
        drop_idle_jurisdictions(store)
    if report.ingested or shared:
        restore_task_status(store)
    name_departments(store, named)
    store.flush()
    report.nodes_after, report.rels_after = store.counts()
    report.seconds = time.perf_counter() - started
    return report


def remove(store: GraphStore, paths: Iterable[Path]) -> IngestReport:
    """Take sources out of the graph (their documents stay as stubs while something cites them, and stay
    whole while another source holds them: that source is read again)."""
    report = IngestReport()
    check_schema(store)
    report.nodes_before, report.rels_before = store.counts()
    names = SourceNames.of(store)
    removed: set[str] = set()
    named: set[str] = set()  # departments the removed (or re-read) sources name
    shared: set[str] = set()
    for path in paths:
        name = str(path)
        targets = [k for k in names.matching(path) if k not in removed]
        for target in targets:
            touched = Touched()
            touched.add_source(store, target)
            shared |= sharing(store, target) | title_citers(store, target)
            store.write([*drop_source(target), (cypher.DELETE_SOURCE_NODE, {"path": target}), *touched.settle()])
            named |= touched.departments
            removed.add(target)
            report.removed += 1
        if not targets:
            report.errors.append(f"{name}: not in the graph")
    if shared - removed:
        named |= _rewrite_sharing(store, shared - removed, report, batched=True)
        restore_task_status(store)
    if report.removed:
        drop_idle_jurisdictions(store)
    name_departments(store, named)
    store.flush()
    report.nodes_after, report.rels_after = store.counts()
    return report


__all__ = [
    "IngestReport",
    "Touched",
    "check_schema",
    "drop_idle_jurisdictions",
    "drop_source",
    "ingest",
    "new_source",
    "remove",
    "sha256_of",
    "write_document",
]
