"""Typed records of one file → the rows each Cypher statement of a document write takes.

Keys come from content: doc_id from the 文号 or title, department_id from jurisdiction + function.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph import cypher
from graph.store import GraphStore, Statement
from loaders import FileResult
from loaders.departments import department_key, split_units
from loaders.extract import title_key
from loaders.jurisdiction import places_by_name
from loaders.names import lookup, qualify
from loaders.records import Citation, Document, Responsibility
from loaders.reforms import level_of, lineage


@dataclass(slots=True)
class Sent:
    """What one ingest run has written already and need not send again: jurisdiction names and
    (source, department_id, name) triples (each source names its departments itself: see NAMED_IN).

    Valid while nothing is deleted: ingest forgets it whenever a changed file's old content goes.
    """

    jurisdictions: set[tuple[str, str | None]] = field(default_factory=set)  # (name, level as read)
    departments: set[tuple[str, str, str]] = field(default_factory=set)
    # how often each source prints each name of each department: source → department_id → name → count
    # (every printing counted, sent or not; graph/naming.py picks the most frequent as the display name)
    printed: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)

    def forget(self) -> None:
        self.jurisdictions.clear()
        self.departments.clear()

    def printings(self) -> list[dict[str, Any]]:
        """SET_PRINTINGS rows of the sources counted so far, which are then forgotten: call it once a
        source is complete."""
        rows = [
            {"source": source, "department_id": dep, "names": list(names), "counts": list(names.values())}
            for source, by_department in self.printed.items()
            for dep, names in by_department.items()
        ]
        self.printed.clear()
        return rows


@dataclass(slots=True)
class DocumentRows:
    source: str
    jurisdictions: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)  # by department_id
    successors: list[dict[str, Any]] = field(default_factory=list)
    issuers: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    responsible: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    stubs: list[dict[str, Any]] = field(default_factory=list)
    sent: Sent = field(default_factory=Sent)
    # no edges of this document are in the graph yet (a new one, a stub, or one whose source was dropped):
    # its tasks, indicators and edges are created, not merged
    fresh: bool = False

    def add_department(self, row: dict[str, Any]) -> bool:
        """One row per department and document, with every name it goes by there in order of
        appearance; a name this run has sent already is not sent again. True when the name is new.

        One row per department also keeps the first name first on every backend: FalkorDB evaluates
        the SETs of an UNWIND batch against the state before it, so two rows of one new node would
        leave the last name, not the first.
        """
        key = (self.source, row["department_id"], row["name"])
        self.sent.printed.setdefault(self.source, {}).setdefault(row["department_id"], Counter())[row["name"]] += 1
        if key in self.sent.departments:
            return False
        self.sent.departments.add(key)
        entry = self.departments.get(row["department_id"])
        if entry is None:
            self.departments[row["department_id"]] = {**row, "source": self.source, "names": [row["name"]]}
            self.add_jurisdiction(row["jurisdiction"], None)
        else:
            entry["names"].append(row["name"])
            entry["known"] = entry["known"] or row["known"]
        return True

    def add_jurisdiction(self, name: str | None, level: str | None) -> None:
        """A jurisdiction and the ones it is part of, once per run: the same node whoever names it (a
        document or a department), so it does not depend on which of them is still in the graph."""
        if name and (name, level) not in self.sent.jurisdictions:
            self.jurisdictions.extend(_jurisdiction_rows(name, level))
            self.sent.jurisdictions.add((name, level))

    def batches(self) -> list[Statement]:
        """Statements in dependency order, each over all its rows: a document row carries its issuers and
        citations, a task row its indicators; the responsibilities of a fresh document come grouped by
        department (one lookup per department, not one per edge)."""
        issuers: dict[str, dict[str, None]] = {}
        for issuer in self.issuers:
            issuers.setdefault(issuer["doc_id"], {})[issuer["department_id"]] = None
        citations: dict[str, dict[str, dict[str, Any]]] = {}
        for cite in self.citations:  # one edge per cited document; the last relation stands, as MERGE … SET
            by_cited = citations.setdefault(cite["doc_id"], {})
            by_cited.pop(cite["cited_id"], None)
            by_cited[cite["cited_id"]] = cite
        documents = [
            {
                **doc,
                "issuers": list(issuers.get(doc["doc_id"], {})),
                "citations": list(citations.get(doc["doc_id"], {}).values()),
            }
            for doc in self.documents
        ]
        task_ids = {task["task_id"] for task in self.tasks}
        indicators: dict[str, list[dict[str, Any]]] = {}
        loose = []  # an indicator of an item that is no task of this document: written on its own
        for ind in self.indicators:
            if ind["task_id"] in task_ids:
                indicators.setdefault(ind["task_id"], []).append(ind)
            else:
                loose.append(ind)
        statements: list[Statement] = [
            (cypher.MERGE_JURISDICTIONS, {"rows": self.jurisdictions}),
            (cypher.MERGE_DEPARTMENTS, {"rows": list(self.departments.values())}),
            (cypher.LINK_SUCCESSORS, {"rows": self.successors}),
        ]
        if self.fresh:
            tasks = [
                {
                    "at": at,
                    "task_id": task["task_id"],
                    **task["props"],
                    "indicators": [
                        {"indicator_id": ind["indicator_id"], **ind["props"]}
                        for ind in indicators.get(task["task_id"], [])
                    ],
                }
                for at, task in enumerate(self.tasks)
            ]
            statements += [
                (cypher.CREATE_DOCUMENTS, {"rows": documents}),
                (
                    cypher.CREATE_TASKS,
                    {"doc_id": self.documents[0]["doc_id"], "rows": tasks, "departments": self._by_department()},
                ),
            ]
        else:
            responsible: dict[str, list[dict[str, Any]]] = {}
            for resp in self.responsible:
                responsible.setdefault(resp["task_id"], []).append(resp)
            tasks = [
                {
                    **task,
                    "indicators": indicators.get(task["task_id"], []),
                    "responsible": responsible.get(task["task_id"], []),
                }
                for task in self.tasks
            ]
            statements += [
                (cypher.MERGE_DOCUMENTS_WHOLE, {"rows": documents}),
                (cypher.MERGE_TASKS_WHOLE, {"rows": tasks}),
            ]
        statements += [
            (cypher.MERGE_INDICATORS, {"rows": loose}),
            (cypher.MOVE_STUB_CITATIONS, {"rows": self.stubs}),
            (cypher.DROP_REPLACED_STUBS, {"rows": self.stubs}),
        ]
        return [(query, params) for query, params in statements if params["rows"]]

    def _by_department(self) -> list[dict[str, Any]]:
        """CREATE_TASKS' `departments`: each department with its tasks, by position in `self.tasks` (`at`)."""
        at = {task["task_id"]: k for k, task in enumerate(self.tasks)}
        grouped: dict[str, list[dict[str, Any]]] = {}
        for resp in self.responsible:
            grouped.setdefault(resp["department_id"], []).append(
                {
                    "at": at[resp["task_id"]],
                    "role": resp["role"],
                    "mention": resp["mention"],
                    "position": resp["position"],
                }
            )
        return [{"department_id": dep, "tasks": items} for dep, items in grouped.items()]

    def records(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """The same graph written one statement per record (a document, a task, a responsibility, an
        indicator, a citation …) with plain MERGEs: the naive writer the benchmark measures the batched
        one against."""
        return [
            (cypher.MERGE_JURISDICTIONS, self.jurisdictions),
            (cypher.MERGE_DOCUMENTS, self.documents),
            (cypher.MERGE_DEPARTMENTS, list(self.departments.values())),
            (cypher.LINK_SUCCESSORS, self.successors),
            (cypher.LINK_ISSUERS, self.issuers),
            (cypher.MERGE_TASKS, self.tasks),
            (cypher.LINK_RESPONSIBLE, self.responsible),
            (cypher.MERGE_INDICATORS, self.indicators),
            (cypher.MERGE_CITATIONS, self.citations),
            (cypher.MOVE_STUB_CITATIONS, self.stubs),
            (cypher.DROP_REPLACED_STUBS, self.stubs),
        ]


def _jurisdiction_rows(name: str | None, level: str | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    places = places_by_name()
    seen: set[str] = set()
    while name and name not in seen:
        seen.add(name)
        place = places.get(name)
        parent = place.parent if place and place.parent else None
        rows.append({"name": name, "level": place.level if place else level, "parent": parent})
        name, level = parent, None
    return rows


def _jurisdiction_of(department_id: str) -> str | None:
    head, sep, _ = department_id.partition("/")
    return head if sep and head else None


def _department(resp: Responsibility, rows: DocumentRows) -> str:
    """The node a responsibility points at: the body as addressed. A name a reform merged away is its own
    node (`reform` holds its whole chain, years and basis) SUCCEEDED_BY the body that exists now, from
    data/reforms.tsv; one abolished with no local successor has no SUCCEEDED_BY."""
    jurisdiction = _jurisdiction_of(resp.department_id)
    current = {
        "department_id": resp.department_id,
        "name": resp.qualified,
        "function": resp.function,
        "kind": resp.kind,
        "known": resp.known,
        "jurisdiction": jurisdiction,
        "former": False,
    }
    read = lookup(resp.name) if resp.known else None
    found = lineage(resp.name, resp.function, read[1], level_of(jurisdiction)) if read is not None else None
    if found is None:
        rows.add_department(current)
        return resp.department_id
    former_id = f"{resp.department_id}@{resp.name}"
    former = {
        **current,
        "department_id": former_id,
        "name": resp.qualified,
        "former": True,
        "reform": found.text(resp.qualified),
    }
    if found.final is None:
        rows.add_department(former)
        return former_id
    head = resp.department_id.removesuffix(resp.function or "")
    successor_id = head + found.final.function
    successor = qualify(found.final.canonical, jurisdiction) if jurisdiction else found.final.canonical
    rows.add_department({**current, "department_id": successor_id, "function": found.final.function, "name": successor})
    if rows.add_department(former):
        rows.successors.append({"former": former_id, "successor": successor_id})
    return former_id


def _document_props(doc: Document, digest: str) -> dict[str, Any]:
    return {
        "doc_no": doc.doc_no,
        "title": doc.title,
        "subject": doc.subject,
        "issuer": doc.issuer,
        "date": doc.date,
        "doc_type": doc.doc_type,
        "level": doc.level,
        "jurisdiction": doc.jurisdiction,
        "source": doc.source,
        "sha256": digest,
        "span": list(doc.span),
        "title_key": title_key(doc.title),
        "subject_key": title_key(doc.subject),
    }


def _issuers(doc: Document, rows: DocumentRows) -> None:
    if not doc.issuer:
        return
    for unit in split_units(doc.issuer):
        key = department_key(unit, doc.jurisdiction)
        rows.add_department(
            {
                "department_id": key,
                "name": qualify(unit.name, doc.jurisdiction),
                "function": unit.function,
                "kind": unit.kind,
                "known": unit.known,
                "jurisdiction": _jurisdiction_of(key),
                "former": False,
            }
        )
        rows.issuers.append({"doc_id": doc.doc_id, "department_id": key})


def _resolve_cited(cites: list[Citation], store: GraphStore, result: FileResult) -> dict[str, str]:
    """title key → doc_id of a document of this file or one the graph holds (not a stub: which stub a title
    would find depends on which citation came first) known by that title or subject."""
    keys = sorted({title_key(c.cited_title) for c in cites if c.cited_title and not c.cited_no})
    found: dict[str, str] = {}
    for doc in result.documents:  # documents of this very file
        found.setdefault(title_key(doc.title), doc.doc_id)
        found.setdefault(title_key(doc.subject), doc.doc_id)
    if keys:
        rows = store.read(cypher.FIND_BY_TITLE, {"keys": keys}) + store.read(cypher.FIND_BY_SUBJECT, {"keys": keys})
        for row in sorted(rows, key=lambda r: str(r["doc_id"])):
            if row["stub"]:
                continue
            for key in (row["title_key"], row["subject_key"]):
                if key:
                    found.setdefault(key, row["doc_id"])
    return found


def _stub_keys(store: GraphStore, result: FileResult) -> set[str]:
    """Title keys of stubs that this file's documents will replace (most files replace none)."""
    keys = sorted({k for d in result.documents for k in (title_key(d.title), title_key(d.subject)) if k})
    return {r["title_key"] for r in store.read(cypher.FIND_STUBS, {"keys": keys})} if keys else set()


def _written(store: GraphStore, result: FileResult) -> set[str]:
    """doc_ids of this file's documents that the graph holds as real documents already (read from another
    source): they are merged with, not created afresh. Any other document has no edges of its own yet."""
    ids = sorted({doc.doc_id for doc in result.documents})
    return {r["doc_id"] for r in store.read(cypher.FIND_REAL, {"ids": ids})} if ids else set()


def document_rows(
    store: GraphStore, result: FileResult, digest: str, sent: Sent | None = None
) -> Iterator[DocumentRows]:
    """Rows for each document of one extracted file, in text order.

    `sent`: what this ingest has written already (those rows are not sent again).
    """
    by_title = _resolve_cited(result.citations, store, result)
    stubs = _stub_keys(store, result)
    written = _written(store, result)
    sent = sent if sent is not None else Sent()
    for doc in result.documents:
        rows = DocumentRows(source=doc.source, sent=sent)
        citations, tasks, indicators = result.parts(doc)
        rows.add_jurisdiction(doc.jurisdiction, doc.level)
        rows.documents.append({"doc_id": doc.doc_id, "source": doc.source, "props": _document_props(doc, digest)})
        _issuers(doc, rows)
        for task in tasks:
            rows.tasks.append(
                {
                    "doc_id": doc.doc_id,
                    "task_id": task.task_id,
                    "props": {
                        "doc_id": doc.doc_id,
                        "path": task.path,
                        "text": task.text,
                        "deadline": task.deadline,
                        "deadline_text": task.deadline_text,
                        "recurring": task.recurring,
                        "source": task.source,
                        "span": list(task.span),
                        "part": task.part,
                    },
                }
            )
            linked: set[str] = set()
            for resp in task.departments:
                node = _department(resp, rows)
                if node not in linked:  # two names of one department on one task: one edge
                    linked.add(node)
                    rows.responsible.append(
                        {
                            "department_id": node,
                            "task_id": task.task_id,
                            "role": resp.role,
                            "mention": resp.mention,
                            "position": resp.position,
                        }
                    )
        for ind in indicators:
            rows.indicators.append(
                {
                    "task_id": ind.task_id,
                    "indicator_id": ind.indicator_id,
                    "props": {
                        "text": ind.text,
                        "value": ind.value,
                        "value_max": ind.value_max,
                        "unit": ind.unit,
                        "comparator": ind.comparator,
                        "year": ind.year,
                        "source": ind.source,
                        "span": list(ind.span),
                        "owner": ind.owner,
                        "owner_kind": ind.owner_kind,
                    },
                }
            )
        for cite in citations:
            key = title_key(cite.cited_title) if cite.cited_title else None
            cited_id = cite.cited_id if cite.cited_no or key is None else by_title.get(key, cite.cited_id)
            rows.citations.append(
                {
                    "doc_id": doc.doc_id,
                    "cited_id": cited_id,
                    "cited_no": cite.cited_no,
                    "cited_title": cite.cited_title,
                    "title_key": key,
                    "relation": cite.relation,
                    "at": cite.span[0],
                    "jurisdiction": cite.cited_jurisdiction,
                    "level": cite.cited_level,
                }
            )
        keys = [k for k in (title_key(doc.title), title_key(doc.subject)) if k in stubs]
        if keys:
            rows.stubs.append({"doc_id": doc.doc_id, "keys": keys})
        ids = [t["task_id"] for t in rows.tasks] + [i["indicator_id"] for i in rows.indicators]
        rows.fresh = doc.doc_id not in written and len(ids) == len(set(ids))
        written.add(doc.doc_id)  # a reprint of it later in this file merges with it
        yield rows
