"""Text of one file → Document, Citation, Task and Indicator records, with warnings.

The only entry point the rest of policygraph needs: `extract_text` and `extract_paths`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from loaders.citations import find_mentions, is_policy_title
from loaders.dates import parse_date_line
from loaders.docno import parse_doc_no, printed_doc_no
from loaders.documents import DocLayout, find_headers, untitled_documents
from loaders.errors import ParseError
from loaders.jurisdiction import resolve_issuer, resolve_prefix
from loaders.layout import DOC_TYPES, Line, ends_with_doc_type, is_organ_line, repeated_lines, split_lines
from loaders.obligations import extract_obligations
from loaders.reader import iter_input_files, read_source
from loaders.records import Citation, Document, Indicator, Record, Task, Warning
from loaders.text import fold, squash, to_simplified


@dataclass(slots=True)
class FileResult:
    source: str
    documents: list[Document] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    error: str | None = None
    chars: int = 0  # non-blank characters of the file
    covered: int = 0  # of them, inside a document

    @property
    def coverage(self) -> float:
        """Share of the file's non-blank characters that fell inside documents (1.0 for an empty file)."""
        return self.covered / self.chars if self.chars else 1.0

    def parts(self, doc: Document) -> tuple[list[Citation], list[Task], list[Indicator]]:
        """A document's citations, tasks and indicators (matched by span too: reprints stay apart)."""

        def mine(r: Citation | Task | Indicator) -> bool:
            return r.doc_id == doc.doc_id and doc.span[0] <= r.span[0] < doc.span[1]

        return (
            [c for c in self.citations if mine(c)],
            [t for t in self.tasks if mine(t)],
            [i for i in self.indicators if mine(i)],
        )

    @property
    def records(self) -> list[Record]:
        """Each document followed by its citations, tasks and indicators."""
        out: list[Record] = []
        for doc in self.documents:
            out.append(doc)
            for group in self.parts(doc):
                out.extend(group)
        return out


_BRACKETS = str.maketrans("", "", "《》〈〉<>‹›「」")


@lru_cache(maxsize=1 << 16)
def title_key(title: str | None) -> str:
    """How titles are compared: no whitespace, no title brackets, simplified characters (cached: the
    same titles come back in every citation and every ingest read). No title: the empty key."""
    if not title:
        return ""
    return to_simplified(fold(squash(title))).translate(_BRACKETS)


def _raw_lines(raw: str, lines: list[Line], numbers: list[int]) -> str:
    text = squash("".join(raw[lines[n].start : lines[n].end] for n in numbers)).replace("**", "").lstrip("#")
    if fold(text).startswith("《") and fold(text).endswith("》") and fold(text).count("《") == 1:
        text = text[1:-1]  # a heading printed in title marks: 《…实施细则》
    return text


_ISSUED = re.compile(r"(?:印发|转发|批转|发布)(.+?)的?(?:通知|决定|令)$")


def issued_titles(title: str) -> list[str]:
    """What an 印发/转发 notice issues, as its title names it: '印发《A》《B》的通知' → [A, B]."""
    folded = fold(title)
    m = _ISSUED.search(folded)
    if not m:
        return []
    named = title[m.start(1) : m.end(1)]
    if not fold(named).startswith("《"):
        return [named]
    return re.findall(r"《(.+?)》(?=《|$)", named) or [named.strip("《》")]


def _subject(raw: str, folded: str, lines: list[Line], head: DocLayout, title: str | None) -> str | None:
    """The plan an 印发 notice issues, as its own heading prints it; else the title."""
    if head.subject_lines:
        return _raw_lines(raw, lines, head.subject_lines)
    if title is None:
        return None
    named = issued_titles(title)
    if not named:
        return title
    if len(named) > 1:
        return "、".join(named)
    candidates = list(named)
    after = head.after
    body_start, body_end = lines[after].end, lines[head.end - 1].end
    hit = re.search(r"《(.{4,100}?)》(?:已经|予以|现)?[^。]{0,20}?印发", folded[body_start:body_end])
    if hit:
        start = body_start + hit.start(1)
        candidates.append(squash(raw[start : start + len(hit.group(1))]))
    keys = {title_key(c) for c in candidates}
    for n in range(after + 1, head.end):
        text = lines[n].clean
        if 4 <= len(text) <= 90 and title_key(text) in keys:
            return _raw_lines(raw, lines, [n])
    return candidates[0]


def _issuer(raw: str, lines: list[Line], head: DocLayout, title: str | None) -> str | None:
    if head.signature:
        names: list[str] = []
        for n in head.signature:
            text = raw[lines[n].start : lines[n].end].strip().strip("#*").strip()
            parts = [p for p in re.split(r"\s+", text) if p]
            if len(parts) > 1 and all(is_organ_line(fold(p)) for p in parts):
                names.extend(parts)
            else:
                names.append(squash(text))
        return "、".join(names)
    if title is None:
        return None
    m = re.match(r"^(.{2,60}?)(?:关于|印发|转发|批转)", title)
    return m.group(1) if m else None


def _untitled_id(raw: str, source: str, line: int) -> str:
    """A document known by no 文号 and no title: the file's name, a checksum of its text, the line."""
    return f"doc:{Path(source).name}:{zlib.crc32(raw.encode('utf-8')):08x}:L{line + 1}"


def _document(raw: str, folded: str, lines: list[Line], head: DocLayout, source: str) -> Document:
    title = _raw_lines(raw, lines, head.title_lines) if head.title_lines else None
    doc_no = printed_doc_no(raw, head.doc_no) if head.doc_no is not None else None
    issuer = _issuer(raw, lines, head, title)
    date = parse_date_line(lines[head.date_line].clean) if head.date_line is not None else None
    subject = _subject(raw, folded, lines, head, title)
    place = resolve_issuer(issuer or title or subject or "")
    if head.doc_no is not None and place.jurisdiction is None:
        place = resolve_prefix(head.doc_no.org, context=(issuer or "") + (title or ""))
    doc_type = ends_with_doc_type(title or subject or "")
    if head.doc_no is not None:
        doc_id = "doc:" + head.doc_no.key
    elif title:
        doc_id = "doc:" + title_key(title)
    else:
        doc_id = _untitled_id(raw, source, head.start)
    span = (lines[head.start].start, lines[head.end - 1].end)
    return Document(
        doc_id, doc_no, title, subject, issuer, date, doc_type, place.jurisdiction, place.level, source, span
    )


def _citations(raw: str, folded: str, doc: Document, drop: set[str]) -> list[Citation]:
    own = {title_key(doc.title), title_key(doc.subject), *map(title_key, issued_titles(doc.title or ""))} - {""}
    own_no = title_key(doc.doc_no) if doc.doc_no else None
    by_key: dict[str, Citation] = {}
    by_title: dict[str, str] = {}  # title key → key of the citation holding that title
    for m in find_mentions(raw, folded, doc.span[0], doc.span[1], drop):
        t_key = title_key(m.cited_title) if m.cited_title else None
        n_key = title_key(m.cited_no) if m.cited_no else None
        if (n_key and n_key == own_no) or (t_key and not n_key and _is_own(t_key, own)):
            continue
        key = n_key or by_title.get(t_key or "", t_key)
        assert key is not None
        old = by_key.get(key)
        if old is None:
            by_key[key] = Citation(
                doc.doc_no, doc.doc_id, m.cited_no, m.cited_title, m.relation, doc.source, (m.start, m.end)
            )
        else:
            by_key[key] = replace(
                old,
                cited_no=old.cited_no or m.cited_no,
                cited_title=old.cited_title or m.cited_title,
                relation="implements" if "implements" in (m.relation, old.relation) else "cites",
            )
        if t_key:
            by_title.setdefault(t_key, key)
    return [_placed(c) for c in _merge_title_only(list(by_key.values()))]


def _placed(cite: Citation) -> Citation:
    """The cited document's id, jurisdiction and level, from its 文号 or the issuer its title names."""
    place = resolve_issuer(_issuer_in_title(cite.cited_title)) if cite.cited_title else None
    if cite.cited_no and (place is None or place.jurisdiction is None):
        parsed = parse_doc_no(cite.cited_no)
        if parsed is not None:
            place = resolve_prefix(parsed.org, context=cite.cited_title or "")
    cited_id = "doc:" + (title_key(cite.cited_no) if cite.cited_no else title_key(cite.cited_title or ""))
    if place is None:
        return replace(cite, cited_id=cited_id)
    return replace(cite, cited_id=cited_id, cited_jurisdiction=place.jurisdiction, cited_level=place.level)


def _issuer_in_title(title: str) -> str:
    m = re.match(r"^(.{2,40}?)(?:关于|印发|转发|批转)", fold(title))
    return title[: m.end(1)] if m else title


def _is_own(t_key: str, own: set[str]) -> bool:
    """The document's own title or plan, also shortened from the left (《实施意见》, 《关于…的方案》)."""
    return any(o.endswith(t_key) for o in own)


def _merge_title_only(cites: list[Citation]) -> list[Citation]:
    numbered = {title_key(c.cited_title): c for c in cites if c.cited_no and c.cited_title}
    return [c for c in cites if c.cited_no or not c.cited_title or title_key(c.cited_title) not in numbered]


def mask_lines(folded: str, lines: list[Line], drop: set[str]) -> str:
    """The folded text with every line in `drop` replaced by spaces (same length)."""
    if not drop:
        return folded
    pieces: list[str] = []
    pos = 0
    for line in lines:
        if line.clean and squash(line.clean) in drop:
            pieces.append(folded[pos : line.start])
            pieces.append(" " * (line.end - line.start))
            pos = line.end
    pieces.append(folded[pos:])
    return "".join(pieces)


def extract_text(raw: str, source: str) -> FileResult:
    """All documents and citations of one file's text."""
    result = FileResult(source)
    folded = fold(raw)
    lines = split_lines(folded)
    heads = find_headers(lines)
    untitled = untitled_documents(lines, heads)
    for head in untitled:
        what = "the whole text" if not heads else f"lines {head.start + 1}–{head.end} (before the first document)"
        result.warnings.append(
            Warning("W201", f"no 文号 or title block: {what} read as one untitled document", source, head.start + 1)
        )
    heads = untitled + heads
    drop = repeated_lines(lines)
    documents = []
    for head in heads:
        doc = _document(raw, folded, lines, head, source)
        documents.append(doc)
        result.documents.append(doc)
        line_no = (head.title_lines or [head.start])[0] + 1
        name = doc.doc_no or doc.title or doc.subject or "the untitled document"
        if doc.date is None:
            result.warnings.append(Warning("W202", f"no signing date for {name}", source, line_no))
        if doc.issuer is None:
            result.warnings.append(Warning("W203", f"no issuer for {name}", source, line_no))
    result.chars = len(squash(raw))
    result.covered = sum(len(squash(raw[d.span[0] : d.span[1]])) for d in documents)
    # running page headers (the gazette's name, a plan's title) blanked: slots split by them read whole
    names = {squash(fold(n)) for d in documents for n in (d.title, d.subject) if n}
    masked = mask_lines(folded, lines, drop | names)
    for head, doc in zip(heads, documents, strict=True):
        drop_here = drop | {squash(fold(n)) for n in (doc.title, doc.subject) if n}
        result.citations.extend(_citations(raw, folded, doc, drop_here))
        body = head.after + 1
        found = extract_obligations(raw, masked, lines, body, head.end, doc, drop_here)
        result.tasks.extend(found.tasks)
        result.indicators.extend(found.indicators)
        result.warnings.extend(found.warnings)
    return result


def extract_file(path: Path) -> FileResult:
    """One file; a file that cannot be read gives a result with `error` set."""
    try:
        text = read_source(path)
    except ParseError as exc:
        return FileResult(str(path), error=str(exc))
    result = extract_text(text.text, str(path))
    result.warnings[:0] = text.warnings
    return result


def extract_paths(paths: Iterable[Path]) -> Iterator[FileResult]:
    """Every input file under `paths`, one result each, in a stable order."""
    for path in iter_input_files(paths):
        yield extract_file(path)


__all__ = ["FileResult", "extract_file", "extract_paths", "extract_text", "is_policy_title", "DOC_TYPES"]
