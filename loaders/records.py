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


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    doc_no: str | None
    title: str
    subject: str
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
class Warning:
    """A recoverable problem with the input; `code` is stable (W1xx reading, W2xx layout)."""

    code: str
    message: str
    source: str
    line: int | None = None


def to_json(record: Document | Citation) -> dict[str, Any]:
    """The FORMAT.md shape: `kind` first, spans as lists."""
    row = asdict(record)
    row["span"] = list(row["span"])
    return {"kind": row.pop("kind"), **row}
