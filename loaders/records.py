"""Typed records that loaders/ hands to the rest of policygraph.

Every record carries `source` (the file path) and `span` ([start, end) character
offsets into the decoded file text) so a reader can jump back to the words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
Level = Literal["national", "provincial", "prefecture", "county"]
Relation = Literal["implements", "cites"]
# lead: 牵头; responsible: 责任单位, 负责; support: 配合, 协助, 协办 (FORMAT.md)
Role = Literal["lead", "responsible", "support"]


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    doc_no: str | None
    title: str | None
    subject: str | None
    issuer: str | None
    date: str | None
    doc_type: str | None
    jurisdiction: str | None
    level: str | None
    source: str
    span: Span
    kind: str = field(default="document", init=False)


@dataclass(frozen=True, slots=True)
class Citation:
    doc_no: str | None
    doc_id: str
    cited_no: str | None
    cited_title: str | None
    relation: str
    source: str
    span: Span
    cited_id: str = ""  # the doc_id the cited document has, or will have once ingested
    cited_jurisdiction: str | None = None
    cited_level: str | None = None
    kind: str = field(default="citation", init=False)


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One department answering for one task: as printed, as restored, in which role."""

    mention: str
    name: str
    role: Role
    function: str | None
    kind: str
    known: bool
    successor: str | None  # for a name abolished by a reform, its successor's name
    department_id: str  # jurisdiction + function key: one department whatever it is called
    qualified: str  # the name with the document's jurisdiction: 市科技局 → 宝鸡市科技局
    span: Span
    position: int = 0  # 0-based place in the printed list (slot, cell, prose): the first-listed is the de facto lead


@dataclass(frozen=True, slots=True)
class Task:
    doc_no: str | None
    doc_id: str
    task_id: str
    path: str
    text: str
    deadline: str | None
    deadline_text: str | None
    recurring: bool
    departments: tuple[Responsibility, ...]
    source: str
    span: Span
    # the part of the document it sits in: "tasks" (obligations), "goals" (a plan's goal paragraphs, its
    # preamble) or "procedure" (rules of procedure: who chairs, who stands in); only "tasks" can lack an owner
    part: str = "tasks"
    kind: str = field(default="task", init=False)


@dataclass(frozen=True, slots=True)
class Indicator:
    doc_no: str | None
    doc_id: str
    task_id: str
    indicator_id: str
    text: str
    value: float
    value_max: float | None
    unit: str
    comparator: str
    year: int | None
    source: str
    span: Span
    # who answers for it: "task" (its task's first-listed lead, else first-listed unit), "section" (the lead
    # named on a heading above it) or "document" (a target of the document itself: its issuer)
    owner: str = ""
    owner_kind: str = "document"
    kind: str = field(default="indicator", init=False)


@dataclass(frozen=True, slots=True)
class Warning:
    """A recoverable problem with the input; `code` is stable (W1xx reading, W2xx layout)."""

    code: str
    message: str
    source: str
    line: int | None = None


Record = Document | Citation | Task | Indicator


def to_json(record: Record) -> dict[str, Any]:
    """The FORMAT.md shape: `kind` first, spans as lists."""
    row = asdict(record)
    row["span"] = list(row["span"])
    if "departments" in row:
        row["departments"] = [{**d, "span": list(d["span"])} for d in row["departments"]]
    if isinstance(row.get("value"), float) and row["value"].is_integer():
        row["value"] = int(row["value"])
    if isinstance(row.get("value_max"), float) and row["value_max"].is_integer():
        row["value_max"] = int(row["value_max"])
    return {"kind": row.pop("kind"), **row}
