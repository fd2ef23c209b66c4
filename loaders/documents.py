"""Splitting a gazette into its documents and reading each one's metadata.

A document is found by its 发文字号 line (outside the table of contents) or, lacking
one, by a title that a 主送机关 line follows; its title may stand above or below.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.docno import DocNo, find_doc_nos
from loaders.layout import (
    DOC_NO_LINE,
    Line,
    ends_with_doc_type,
    is_body_line,
    is_date_line,
    is_masthead,
    is_organ_line,
    is_salutation,
    is_toc_ref,
    starts_bare,
    title_complete,
    title_like,
)
from loaders.text import squash

MAX_TITLE_LINES = 4
MAX_GAP = 6  # blank lines allowed inside a title block or between it and the 文号


@dataclass(slots=True)
class DocLayout:
    """Where the parts of one document sit, as line numbers (half-open ranges)."""

    start: int
    end: int
    title_lines: list[int]
    doc_no: DocNo | None = None
    doc_no_line: int | None = None
    salutation: int | None = None
    signature: list[int] = field(default_factory=list)
    date_line: int | None = None


def _next_nonblank(lines: list[Line], i: int, step: int, gap: int = MAX_GAP) -> int | None:
    blanks = 0
    j = i + step
    while 0 <= j < len(lines):
        if not lines[j].blank:
            return j
        blanks += 1
        if blanks > gap:
            return None
        j += step
    return None


def _is_docno_header(lines: list[Line], i: int) -> bool:
    """A 文号 on a line of its own that is no table-of-contents entry."""
    clean = lines[i].clean
    if not DOC_NO_LINE.match(clean) or is_toc_ref(clean):
        return False
    nxt = _next_nonblank(lines, i, 1)
    return not (nxt is not None and is_toc_ref(lines[nxt].clean) and len(lines[nxt].clean) < 20)


def _title_below(lines: list[Line], i: int) -> list[int]:
    found: list[int] = []
    j = _next_nonblank(lines, i, 1)
    while j is not None and len(found) < MAX_TITLE_LINES:
        clean = lines[j].clean
        if is_salutation(clean) or is_body_line(clean) or not title_like(clean):
            break
        found.append(j)
        j = _next_nonblank(lines, j, 1, gap=2)
    joined = "".join(squash(lines[k].clean) for k in found)
    return found if found and ends_with_doc_type(joined) else []


def _title_above(lines: list[Line], i: int, floor: int) -> list[int]:
    found: list[int] = []
    j = _next_nonblank(lines, i, -1)
    while j is not None and j >= floor and len(found) < MAX_TITLE_LINES:
        clean = lines[j].clean
        joined = "".join(squash(lines[k].clean) for k in [j, *found])
        if not title_like(clean):
            break
        if not found and not ends_with_doc_type(clean):
            break
        if found and starts_bare(squash(lines[found[0]].clean)) and not is_organ_line(clean):
            break
        found.insert(0, j)
        if title_complete(joined) and not starts_bare(joined):
            break
        j = _next_nonblank(lines, j, -1, gap=3)
    return found


def _masthead_above(lines: list[Line], first: int, floor: int) -> int:
    j = _next_nonblank(lines, first, -1, gap=3)
    if j is not None and j >= floor and is_masthead(lines[j].clean):
        return j
    return first


def _salutation_after(lines: list[Line], i: int, end: int) -> int | None:
    seen = 0
    for j in range(i + 1, end):
        if lines[j].blank:
            continue
        if is_salutation(lines[j].clean):
            return j
        seen += 1
        if seen > 6:
            return None
    return None


def find_headers(lines: list[Line]) -> list[DocLayout]:
    """Every document of the text, in order, with its title and 文号 lines."""
    heads: list[DocLayout] = []
    floor = 0
    for i, line in enumerate(lines):
        if line.blank or not _is_docno_header(lines, i):
            continue
        below = _title_below(lines, i)
        title = below or _title_above(lines, i, floor)
        if not title:
            continue
        doc_no = find_doc_nos(line.clean)[0]
        doc_no = DocNo(
            doc_no.org, doc_no.year, doc_no.serial, doc_no.hao, line.start + doc_no.start, line.start + doc_no.end
        )
        first = min(title[0], i)
        start = _masthead_above(lines, first, floor)
        heads.append(DocLayout(start, len(lines), title, doc_no, i))
        floor = max(title[-1], i) + 1
    heads.extend(_untitled_heads(lines, heads))
    heads.sort(key=lambda h: h.start)
    heads = _drop_repeats(lines, heads)
    for k, head in enumerate(heads):
        head.end = heads[k + 1].start if k + 1 < len(heads) else len(lines)
    signed = []
    for head in heads:
        locate_parts(lines, head)
        if head.doc_no is not None or head.signature:
            signed.append(head)
    for k, head in enumerate(signed):
        head.end = signed[k + 1].start if k + 1 < len(signed) else len(lines)
        locate_parts(lines, head)
    return signed


def _untitled_heads(lines: list[Line], known: list[DocLayout]) -> list[DocLayout]:
    """Documents with no 文号: a complete title block (issuer + 关于 … + kind) that body text follows."""
    taken = {n for h in known for n in (*h.title_lines, h.doc_no_line) if n is not None}
    titles = [squash("".join(lines[n].clean for n in h.title_lines)) for h in known]
    heads: list[DocLayout] = []
    for i, line in enumerate(lines):
        if line.blank or i in taken or not ends_with_doc_type(line.clean) or not title_like(line.clean):
            continue
        nxt = _next_nonblank(lines, i, 1)
        if nxt is None or not (is_salutation(lines[nxt].clean) or is_body_line(lines[nxt].clean)):
            continue
        title = _title_above(lines, nxt, 0)
        if not title or title[-1] != i or any(n in taken for n in title):
            continue
        joined = squash("".join(lines[n].clean for n in title))
        if not title_complete(joined) or any(joined in t for t in titles):
            continue
        titles.append(joined)
        heads.append(DocLayout(_masthead_above(lines, title[0], 0), len(lines), title))
    return heads


def _drop_repeats(lines: list[Line], heads: list[DocLayout]) -> list[DocLayout]:
    """The same 文号 more than once: headers with no 主送机关 after them (contents pages the
    page-number rule missed) give way to one that has it; real reprints are all kept."""
    groups: dict[str, list[DocLayout]] = {}
    for head in heads:
        if head.doc_no is not None:
            groups.setdefault(head.doc_no.key, []).append(head)
    limit = {id(h): (heads[k + 1].start if k + 1 < len(heads) else len(lines)) for k, h in enumerate(heads)}

    def is_bare(head: DocLayout) -> bool:
        after = max(head.title_lines[-1], head.doc_no_line or 0)
        return _salutation_after(lines, after, limit[id(head)]) is None

    dropped: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        bare = [h for h in group if is_bare(h)]
        if len(bare) == len(group):
            bare = bare[:-1]
        dropped.update(id(h) for h in bare)
    return [h for h in heads if id(h) not in dropped]


def locate_parts(lines: list[Line], head: DocLayout) -> None:
    """Fill in the salutation, signature and date lines of one document."""
    after = max(head.title_lines[-1], head.doc_no_line or 0)
    head.salutation = _salutation_after(lines, after, head.end)
    for j in range(after + 1, head.end):
        clean = lines[j].clean
        if not clean or not is_date_line(clean):
            continue
        signers = _signers_above(lines, j, after)
        if signers:
            head.signature = signers
            head.date_line = j
            return
    # no signature block: a date in parentheses under the title (规章, 公告)
    below = _next_nonblank(lines, after, 1)
    if below is not None and below < head.end and is_date_line(lines[below].clean):
        head.date_line = below


def _signers_above(lines: list[Line], j: int, floor: int) -> list[int]:
    signers: list[int] = []
    k = _next_nonblank(lines, j, -1, gap=3)
    while k is not None and k > floor and len(signers) < 4:
        clean = lines[k].clean
        if not is_organ_line(clean) or ends_with_doc_type(clean) and "关于" in clean:
            break
        signers.insert(0, k)
        k = _next_nonblank(lines, k, -1, gap=1)
    return signers
