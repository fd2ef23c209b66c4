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
from loaders.docno import DOC_NO, find_doc_nos, normalize_doc_no, parse_doc_no, printed_doc_no
from loaders.documents import HEAD_WINDOW, DocLayout, chrome_lines, find_headers, untitled_documents
from loaders.errors import ParseError
from loaders.jurisdiction import resolve_issuer, resolve_prefix
from loaders.layout import DOC_TYPES, ORGAN, Line, ends_with_doc_type, is_organ_line, repeated_lines, split_lines
from loaders.metadata import Metadata, read_metadata
from loaders.obligations import extract_obligations
from loaders.reader import iter_input_files, read_source
from loaders.records import Citation, Document, Indicator, Record, Task, Warning
from loaders.text import fold, fold_document, squash, to_simplified


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
    if not fold(named).startswith("《") or not fold(named).endswith("》"):
        return [named]  # also 《政府工作报告》重点工作任务分工: the title marks name only a part
    return re.findall(r"《(.+?)》(?=《|$)", named) or [named.strip("《》")]


def _subject(raw: str, folded: str, lines: list[Line], head: DocLayout, title: str | None) -> str | None:
    """The plan an 印发 notice issues, as its own heading prints it; else the title."""
    if head.subject_lines:
        return _raw_lines(raw, lines, head.subject_lines)
    if title is None:
        return _issued_in_text(raw, folded, lines, head) if head.untitled else None
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


_ISSUED_IN_TEXT = re.compile(r"《(.{4,100}?)》(?:已经|予以|现)?[^。]{0,20}?印发")


def _issued_in_text(raw: str, folded: str, lines: list[Line], head: DocLayout) -> str | None:
    """The plan a notice without its title issues, as its text names it: 现将《X》印发给你们."""
    top = lines[min(head.end, head.start + HEAD_WINDOW) - 1].end
    hit = _ISSUED_IN_TEXT.search(folded, lines[head.start].start, top)
    return squash(raw[hit.start(1) : hit.end(1)]) if hit else None


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
    m = re.match(r"^(.{2,60}?)(?:关于|印发|转发|批转)", fold(title))
    if not m or re.match(r"^(?:关于|印发|转发|批转)", m.group(1)):
        return None
    return _joint(title[: m.end(1)], m.group(1))


# one issuer after another in a joint title, unseparated: 中共X市委办公室X市人民政府办公室
_NEXT_ISSUER = re.compile(
    r"(?:(?<=办公厅)|(?<=办公室)|(?<=委员会)|(?<=人民政府))(?=中共|[\u4e00-\u9fff]{2,10}?(?:人民政府|办公厅|办公室))"
)


def _joint(printed: str, folded: str) -> str:
    """Issuers run together in a title, joined with 、 as signatures are."""
    cuts = [m.start() for m in _NEXT_ISSUER.finditer(folded) if 0 < m.start() < len(folded)]
    if not cuts:
        return printed
    bounds = [0, *cuts, len(printed)]
    parts = [printed[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    if not all(is_organ_line(fold(p)) for p in parts):
        return printed
    return "、".join(parts)


def _untitled_id(raw: str, source: str, line: int) -> str:
    """A document known by no 文号 and no title: the file's name, a checksum of its text, the line."""
    return f"doc:{Path(source).name}:{zlib.crc32(raw.encode('utf-8')):08x}:L{line + 1}"


_LING_NUMBER = re.compile(r"第\s*(\d{1,4})\s*号")


def _ling_no(raw: str, folded: str, lines: list[Line], head: DocLayout) -> tuple[str, str]:
    """A government rule's number as printed ("宝鸡市人民政府令第18号") and its issuer."""
    assert head.ling is not None
    header, number = (lines[n] for n in head.ling)
    text = folded[header.start : header.end]
    org = squash(raw[header.start : header.start + text.index("令")])
    m = _LING_NUMBER.search(folded, number.start, number.end)
    n = m.group(1) if m else ""
    return f"{org}令第{n}号", org


def _printed_no(raw: str, folded: str, lines: list[Line], head: DocLayout) -> str | None:
    """The document's 文号 as printed, found again on its line of the folded text (offsets in the file)."""
    if head.ling is not None:
        return _ling_no(raw, folded, lines, head)[0]
    if head.doc_no is None:
        return head.broken_no
    if head.doc_no_line is not None:
        line = lines[head.doc_no_line]
        for no in find_doc_nos(folded, line.start, line.end):
            if no.key == head.doc_no.key:
                return printed_doc_no(raw, no)
    return printed_doc_no(raw, head.doc_no)


_BARE_NO = re.sub(r"\?P<\w+>", "", DOC_NO.pattern)
_CARRIED_NO = re.compile(rf"^[(\[【]?{_BARE_NO}[)\]】]?|[(\[【]{_BARE_NO}[)\]】]$")
# a page or news lead that says who issued what: "2023年12月，A、B发布《X》", "近日，A印发关于…的通知"
_REPORTED = re.compile(r"([^\s,，。:：;；]{2,80}?)(?:联合)?(?:印发|发布|出台|公布)了?(《[^《》\n]{4,80}》|关于)")


def _carried_no(title: str) -> tuple[str, str | None]:
    """A title printed with its 文号 before or after it (web copies): the title, and the 文号 as printed."""
    squashed = squash(title)
    m = _CARRIED_NO.search(fold(squashed))
    if not m or (m.start() and m.end() != len(squashed)):
        return title, None
    rest = squashed[: m.start()] + squashed[m.end() :]
    if not rest:
        return title, None
    return rest, normalize_doc_no(squashed[m.start() : m.end()].strip("()[]【】（）"))


def _reported(raw: str, folded: str, lines: list[Line], head: DocLayout) -> tuple[str | None, str | None]:
    """Issuer (and title in 《》) from a lead sentence among the first lines of an untitled text."""
    seen = 0
    for n in range(head.start, min(head.end, head.start + 12)):
        line = lines[n]
        if line.blank:
            continue
        seen += 1
        if seen > 3:
            break
        for m in _REPORTED.finditer(folded, line.start, line.end):
            parts = fold(m.group(1)).split("、")
            if not all(is_organ_line(p) for p in parts):
                continue
            issuer = squash(raw[m.start(1) : m.end(1)])
            named = raw[m.start(2) + 1 : m.end(2) - 1] if m.group(2).startswith("《") else None
            if named is not None and not ends_with_doc_type(fold(named)):
                named = None
            return issuer, squash(named) if named else None
    return None, None


def _document(
    raw: str, folded: str, lines: list[Line], head: DocLayout, source: str, meta: Metadata | None = None
) -> Document:
    title = _raw_lines(raw, lines, head.title_lines) if head.title_lines else None
    doc_no = _printed_no(raw, folded, lines, head)
    if title is not None:
        title, carried = _carried_no(title)
        doc_no = doc_no or carried
    issuer = _ling_no(raw, folded, lines, head)[1] if head.ling is not None else _issuer(raw, lines, head, title)
    date = parse_date_line(lines[head.date_line].clean) if head.date_line is not None else None
    subject = _subject(raw, folded, lines, head, title)
    if meta:
        doc_no = doc_no or meta.doc_no
        issuer = issuer or meta.issuer
        date = date or meta.date
        if title is None and (meta.title or (subject is None and meta.summary)):
            title = meta.title or meta.summary
            subject = subject or _subject(raw, folded, lines, head, title)
    if head.untitled and (issuer is None or title is None):
        said, named = _reported(raw, folded, lines, head)
        issuer = issuer or said
        if title is None and subject is None and named:
            title = subject = named
    if doc_no is not None:
        doc_no = normalize_doc_no(doc_no) if parse_doc_no(doc_no) else squash(doc_no)
    place = resolve_issuer(issuer or title or subject or "")
    if head.doc_no is not None and place.jurisdiction is None:
        place = resolve_prefix(head.doc_no.org, context=(issuer or "") + (title or ""))
    doc_type = ends_with_doc_type(title or subject or "")
    parsed = parse_doc_no(doc_no) if doc_no else None
    if parsed is not None:
        doc_id = "doc:" + parsed.key
    elif doc_no:
        doc_id = "doc:" + title_key(doc_no)
    elif title:
        doc_id = "doc:" + title_key(title)
    else:
        doc_id = _untitled_id(raw, source, head.start)
    span = (lines[head.lead[0] if head.lead else head.start].start, lines[head.end - 1].end)
    return Document(
        doc_id, doc_no, title, subject, issuer, date, doc_type, place.jurisdiction, place.level, source, span
    )


def _citations(raw: str, folded: str, doc: Document, drop: set[str]) -> list[Citation]:
    own = {title_key(doc.title), title_key(doc.subject), *map(title_key, issued_titles(doc.title or ""))} - {""}
    own_no = title_key(doc.doc_no) if doc.doc_no else None
    # a document named after the one it carries out: 关于印发《政府工作报告》重点工作分工的通知
    carried = {title_key(t) for name in (doc.title, doc.subject) if name for t in _NAMED.findall(fold(name))} - own
    by_key: dict[str, Citation] = {}
    by_title: dict[str, str] = {}  # title key → key of the citation holding that title
    for m in find_mentions(raw, folded, doc.span[0], doc.span[1], drop):
        t_key = title_key(m.cited_title) if m.cited_title else None
        n_key = title_key(m.cited_no) if m.cited_no else None
        if (n_key and n_key == own_no) or (t_key and not n_key and _is_own(t_key, own)):
            continue
        if t_key and not n_key and t_key not in by_title:
            same = _same_but_issuer(t_key, by_title)  # 《关于X的意见》 and 《中共A委A政府关于X的意见》
            if same is not None:
                by_title[t_key] = by_title[same]
        key = n_key or by_title.get(t_key or "", t_key)
        assert key is not None
        old = by_key.get(key)
        relation = "implements" if t_key in carried else m.relation
        if old is None:
            by_key[key] = Citation(
                doc.doc_no, doc.doc_id, m.cited_no, m.cited_title, relation, doc.source, (m.start, m.end)
            )
        else:
            by_key[key] = replace(
                old,
                cited_no=old.cited_no or m.cited_no,
                cited_title=old.cited_title or m.cited_title,
                relation="implements" if "implements" in (relation, old.relation) else "cites",
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


_NAMED = re.compile(r"《([^《》]{2,100})》")
_ISSUER_ONLY = re.compile(rf"^(?:中共)?[\u4e00-\u9fff]{{1,30}}?{ORGAN}(?:[\u4e00-\u9fff]{{1,20}}?{ORGAN})*$")


def _same_but_issuer(t_key: str, known: dict[str, str]) -> str | None:
    """A known title that this one equals but for the issuers written before it (either way round)."""
    for k in known:
        longer, shorter = (t_key, k) if len(t_key) > len(k) else (k, t_key)
        if len(shorter) >= 6 and longer.endswith(shorter) and _ISSUER_ONLY.match(longer[: -len(shorter)]):
            return k
    return None


def _is_own(t_key: str, own: set[str]) -> bool:
    """The document's own title or plan, also shortened from the left (《实施意见》, 《关于…的方案》)."""
    return any(o.endswith(t_key) for o in own)


def _merge_title_only(cites: list[Citation]) -> list[Citation]:
    numbered = {title_key(c.cited_title): c for c in cites if c.cited_no and c.cited_title}
    return [c for c in cites if c.cited_no or not c.cited_title or title_key(c.cited_title) not in numbered]


def mask_numbers(folded: str, lines: list[Line], numbers: set[int]) -> str:
    """The folded text with the lines numbered in `numbers` replaced by spaces (same length)."""
    if not numbers:
        return folded
    pieces: list[str] = []
    pos = 0
    for n in sorted(numbers):
        line = lines[n]
        pieces.append(folded[pos : line.start])
        pieces.append(" " * (line.end - line.start))
        pos = line.end
    pieces.append(folded[pos:])
    return "".join(pieces)


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
    folded = fold_document(raw)
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
    chrome: set[int] = set()
    floor = 0
    for head in heads:
        top = head.start + HEAD_WINDOW if head.untitled else head.after + 1  # the block stands above the body
        block: Metadata | None = read_metadata(
            raw, folded, lines, min(floor, head.start), min(top, head.end), stop_at_body=head.untitled
        )
        if block is not None and len(block.labels) >= 2:
            chrome |= block.lines
        else:
            block = None
        chrome |= chrome_lines(lines, head)
        floor = head.end
        doc = _document(raw, folded, lines, head, source, block)
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
    # the web page's own lines (metadata block, navigation, counters, database notes) are no content
    folded_doc = mask_numbers(folded, lines, chrome)
    # running page headers (the gazette's name, a plan's title) blanked: slots split by them read whole
    names = {squash(fold(n)) for d in documents for n in (d.title, d.subject) if n}
    masked = mask_lines(folded_doc, lines, drop | names)
    for head, doc in zip(heads, documents, strict=True):
        drop_here = drop | {squash(fold(n)) for n in (doc.title, doc.subject) if n}
        result.citations.extend(_citations(raw, folded_doc, doc, drop_here))
        body = head.after + 1
        end = head.end
        while end - 1 > body and (lines[end - 1].blank or end - 1 in chrome):
            end -= 1  # the page's footer and a database's closing notes are not the last item's words
        found = extract_obligations(raw, masked, lines, body, end, doc, drop_here)
        result.tasks.extend(found.tasks)
        result.indicators.extend(found.indicators)
        result.warnings.extend(found.warnings)
        if head.lead:  # targets a news lead restates (the body may be cut short), unless the body states them too
            stated = {(i.value, i.unit) for i in found.indicators}
            lead = extract_obligations(raw, masked, lines, *head.lead, doc, drop_here, part="导语")
            restated = []
            for i in lead.indicators:  # a lead that says a target twice states it once
                if (i.value, i.unit) not in stated:
                    stated.add((i.value, i.unit))
                    restated.append(i)
            owners = {i.task_id for i in restated}
            result.tasks.extend(t for t in lead.tasks if t.task_id in owners or t.departments)
            result.indicators.extend(restated)
    return result


def extract_file(path: Path, source: str | None = None) -> FileResult:
    """One file; a file that cannot be read gives a result with `error` set. `source`: how the records name
    it (default: the path as given)."""
    try:
        text = read_source(path)
    except ParseError as exc:
        return FileResult(source or str(path), error=str(exc))
    result = extract_text(text.text, source or str(path))
    result.warnings[:0] = text.warnings
    return result


def extract_paths(paths: Iterable[Path]) -> Iterator[FileResult]:
    """Every input file under `paths`, one result each, in a stable order."""
    for path in iter_input_files(paths):
        yield extract_file(path)


__all__ = ["FileResult", "extract_file", "extract_paths", "extract_text", "is_policy_title", "DOC_TYPES"]
