"""Splitting a gazette into its documents and reading each one's metadata.

A document is found by its 发文字号 line (outside the table of contents) or, lacking
one, by a title that a 主送机关 line follows; its title may stand above or below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.docno import BROKEN_NO, DocNo, find_doc_nos
from loaders.layout import (
    DOC_NO_LINE,
    OUTLINE,
    Line,
    ends_with_doc_type,
    is_body_line,
    is_chrome,
    is_date_line,
    is_debris,
    is_masthead,
    is_organ_line,
    is_page_no_or_note,
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
    untitled: bool = False  # read as one document for want of a header (no 文号, no title block)
    broken_no: str | None = None  # a 文号 printed incomplete ("沙政〔2012478"), kept as printed
    ling: tuple[int, int] | None = None  # a government rule (令): the issuer's span and the number's, as line offsets
    subject_lines: list[int] = field(default_factory=list)  # the plan's heading, when found apart

    @property
    def after(self) -> int:
        """The last line of the header (title, 文号): the body starts below it."""
        last = [n for n in (*self.title_lines[-1:], self.doc_no_line) if n is not None]
        return max(last) if last else self.start - 1


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
    heads.extend(_ling_heads(lines, heads))
    heads.extend(_untitled_heads(lines, heads))
    heads.sort(key=lambda h: h.start)
    heads = _drop_repeats(lines, heads)
    for k, head in enumerate(heads):
        head.end = heads[k + 1].start if k + 1 < len(heads) else len(lines)
    signed = []
    for head in heads:
        locate_parts(lines, head)
        if head.doc_no is not None or head.signature or head.ling is not None:
            signed.append(head)
    for k, head in enumerate(signed):
        head.end = signed[k + 1].start if k + 1 < len(signed) else len(lines)
        locate_parts(lines, head)
    return signed


# A government rule's header (令): "宝鸡市人民政府令" and "第18号" below it or beside it
_LING_HEAD = re.compile(
    r"^(?P<org>\S{2,30}?(?:人民政府|政府|国务院|委员会|部|局|厅|署|委))\s*令\s*(?:[(（]?\s*第\s*(?P<n>\d{1,4})\s*号\s*[)）]?)?$"
)
_LING_NO_LINE = re.compile(r"^[(（]?\s*第\s*(?P<n>\d{1,4})\s*号\s*[)）]?$")


def _ling_heads(lines: list[Line], known: list[DocLayout]) -> list[DocLayout]:
    """Government rules: the 令 header, its number, the date it was signed and the rule's heading below."""
    taken = {n for h in known for n in (*h.title_lines, h.doc_no_line) if n is not None}
    heads: list[DocLayout] = []
    for i, line in enumerate(lines):
        if line.blank or i in taken or len(line.clean) > 40:
            continue
        m = _LING_HEAD.match(line.clean)
        if not m:
            continue
        number = i
        if m.group("n") is None:
            nxt = _next_nonblank(lines, i, 1, gap=3)
            if nxt is None or not _LING_NO_LINE.match(lines[nxt].clean):
                continue
            number = nxt
        head = DocLayout(i, len(lines), [], doc_no_line=number, ling=(i, number))
        for j in range(number + 1, min(len(lines), number + HEAD_WINDOW)):
            if is_date_line(lines[j].clean):
                head.date_line = j
                head.title_lines = _heading(lines, _next_nonblank(lines, j, 1) or j, len(lines))
                break
        if head.title_lines:
            heads.append(head)
    return heads


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
        return _salutation_after(lines, head.after, limit[id(head)]) is None

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
    if head.ling is not None:
        return  # a rule is signed by a person above its heading: found with its header
    after = head.after
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
    # no signature block: a date in parentheses under the title (规章, 公告), maybe under a note
    # such as "（征求意见稿）"
    below = _next_nonblank(lines, after, 1)
    if below is not None and below < head.end and _NOTE_LINE.match(lines[below].clean):
        below = _next_nonblank(lines, below, 1)
    if below is not None and below < head.end and is_date_line(lines[below].clean):
        head.date_line = below


_NOTE_LINE = re.compile(r"^[(（][^()（）]{1,20}[)）]$")


def _unsigned_date(lines: list[Line], head: DocLayout) -> None:
    """A notice signed with a date alone (its issuer line lost): the date line below its last sentence."""
    for j in range(head.start, min(head.end, head.start + HEAD_WINDOW)):
        clean = lines[j].clean
        if lines[j].blank or not is_date_line(clean):
            continue
        above = _next_nonblank(lines, j, -1, gap=4)
        if above is not None and above >= head.start and lines[above].clean.endswith("。"):
            head.date_line = j
            return


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


# --- text no header claims: read as one document ----------------------------------------------

MIN_STRETCH = 200  # characters of body text that make a stretch before the first document one of its own
HEAD_WINDOW = 40  # lines at the top of such a stretch searched for its title
_EDITION = re.compile(r"[(（](?:\d{4}年版|试行|暂行|修订)[)）]$")
_PUBLIC_NOTE = re.compile(r"^[(（]?\s*此件")
# plan headings that end with what the plan is, not a document kind: 若干政策, 若干政策举措
_PLAN_END = re.compile(r"(?:政策|举措)(?:[(（][^()（）]{1,20}[)）])*$")


def _body_chars(lines: list[Line], start: int, end: int) -> int:
    return sum(
        len(lines[i].clean)
        for i in range(start, end)
        if is_body_line(lines[i].clean) and not is_debris(lines[i].clean) and not is_toc_ref(lines[i].clean)
    )


def untitled_documents(lines: list[Line], heads: list[DocLayout]) -> list[DocLayout]:
    """Text outside every detected document, read as one document: the whole file when no header
    was found, else the stretch before the first document when it holds enough body text."""
    end = heads[0].start if heads else len(lines)
    first = next((i for i in range(end) if not lines[i].blank and not is_chrome(lines[i].clean)), None)
    if first is None:
        return []
    if heads and (_body_chars(lines, first, end) < MIN_STRETCH or _announces(lines, first, end, heads[0])):
        return []
    head = DocLayout(first, end, [], untitled=True)
    head.title_lines = _notice_title(lines, head)
    _doc_no_near(lines, head)
    locate_parts(lines, head)
    if head.date_line is None:
        _unsigned_date(lines, head)
    plan = _heading_after_signature(lines, head)
    if plan:
        head.subject_lines = plan
    elif not head.title_lines:
        head.title_lines = _plan_heading(lines, head) or _page_title(lines, head)
    date_line = head.date_line
    locate_parts(lines, head)
    head.date_line = head.date_line if head.date_line is not None else date_line
    return [head]


def _page_title(lines: list[Line], head: DocLayout) -> list[int]:
    """A line the page prints twice above the text (its title bar and its heading), whatever it ends with."""
    seen: dict[str, int] = {}
    for i in range(head.start, min(head.end, head.start + HEAD_WINDOW)):
        clean = lines[i].clean
        if is_salutation(clean) or (is_body_line(clean) and not title_like(clean)):
            break
        if lines[i].blank or len(clean) < 8 or is_chrome(clean) or not title_like(clean):
            continue
        if "|" in clean or len(clean.split()) > 2:
            continue  # a table's header row, repeated on every page, is no title
        key = squash(clean)
        if key in seen:
            return [seen[key]]
        seen[key] = i
    return []


_LEAD_TAIL = re.compile(r"(?:全文|详情|原文|内容)如下[:：]?$")
_LEAD_HEAD = re.compile(r"^(?:\S{0,20}?讯)?\s*(?:日前|近日|近期)[,，]")  # "XX网讯 日前，…" opens a news item


def _announces(lines: list[Line], start: int, end: int, head: DocLayout) -> bool:
    """A news lead above the document it reports ("日前，X印发…的通知。…全文如下："): the page's
    wrapping, not a document of its own."""
    title = _title_key_text(lines, head.title_lines)
    seen = 0
    for i in range(start, end):
        clean = squash(lines[i].clean)
        if not clean:
            continue
        seen += 1
        if _LEAD_TAIL.search(clean) or (seen <= 2 and _LEAD_HEAD.search(clean)) or (len(title) >= 8 and title in clean):
            return True
    return False


def _doc_no_near(lines: list[Line], head: DocLayout) -> None:
    """A 文号 on a line of its own among the top lines, before the 主送机关 and the body."""
    lo = head.start
    hi = min(head.end, head.start + HEAD_WINDOW)
    for i in range(lo, hi):
        clean = lines[i].clean
        if lines[i].blank or is_chrome(clean) or i in head.title_lines:
            continue
        if is_salutation(clean) or (is_body_line(clean) and not DOC_NO_LINE.match(clean)):
            return
        if DOC_NO_LINE.match(clean):
            found = find_doc_nos(clean)
            if found:
                head.doc_no = found[0]  # offsets within the line's clean text: see extract._printed_no
                head.doc_no_line = i
                return
        if BROKEN_NO.match(squash(clean)):
            head.broken_no = squash(clean)
            head.doc_no_line = i
            return


def _title_key_text(lines: list[Line], numbers: list[int]) -> str:
    return squash("".join(lines[n].clean for n in numbers))


def _notice_title(lines: list[Line], head: DocLayout) -> list[int]:
    """A 关于…的通知 title block near the top (the longest, when a web page repeats it shortened)."""
    best: list[int] = []
    for i in range(head.start, min(head.end, head.start + HEAD_WINDOW)):
        clean = lines[i].clean
        headline = title_like(clean) and ends_with_doc_type(clean)
        if is_salutation(clean) or (is_body_line(clean) and not headline and not is_chrome(clean)):
            break  # a notice's title stands above its 主送机关 and its text (below: the plan's headings)
        if lines[i].blank or is_chrome(clean) or not title_like(clean) or not ends_with_doc_type(clean):
            continue
        block = _title_above(lines, i + 1, head.start)
        if not block or block[-1] != i:
            continue
        joined = _title_key_text(lines, block)
        if not (title_complete(joined) or starts_bare(joined)):
            continue
        if len(joined) > len(_title_key_text(lines, best)):
            best = block
    return best


def _heading(lines: list[Line], i: int, end: int) -> list[int]:
    """A plan's heading starting at line i, over up to three lines: it ends with a document kind."""
    found: list[int] = []
    j: int | None = i
    while j is not None and j < end and len(found) < 3:
        clean = lines[j].clean
        if not title_like(clean) or is_salutation(clean):
            return []
        found.append(j)
        joined = _title_key_text(lines, found).strip("《》")
        if ends_with_doc_type(joined) or _PLAN_END.search(joined) or (len(found) > 1 and _EDITION.search(joined)):
            # an edition on the next line belongs to the heading: "若干政策" + "(2025年版)"
            nxt = _next_nonblank(lines, j, 1, gap=2)
            if nxt is not None and nxt < end and _EDITION.match(lines[nxt].clean):
                found.append(nxt)
            return found
        j = _next_nonblank(lines, j, 1, gap=2)
    return []


def _heading_after_signature(lines: list[Line], head: DocLayout) -> list[int]:
    """A notice signed near the top (its title lost) and the plan it issues below: the plan's heading."""
    if head.date_line is None or head.date_line - head.start > HEAD_WINDOW:
        return []
    j = _next_nonblank(lines, head.date_line, 1)
    for _ in range(3):
        if j is None or j >= head.end:
            return []
        clean = lines[j].clean
        # "（此件公开发布）", also garbled by a conversion ("?。ù思_發布)"), and page numbers are passed over
        if not (_PUBLIC_NOTE.match(clean) or (len(clean) <= 12 and clean.endswith(")")) or is_chrome(clean)):
            return _heading(lines, j, head.end)
        j = _next_nonblank(lines, j, 1)
    return []


def _plan_heading(lines: list[Line], head: DocLayout) -> list[int]:
    """The first heading above the body: a plan printed without its notice ("…实施意见", "《…细则》")."""
    for i in range(head.start, min(head.end, head.start + HEAD_WINDOW)):
        clean = lines[i].clean
        if lines[i].blank or is_chrome(clean) or i == head.doc_no_line:
            continue
        long_heading = title_like(clean) and ends_with_doc_type(clean)  # a title of 40 characters and more
        if (is_body_line(clean) and not long_heading) or is_salutation(clean) or OUTLINE.match(clean):
            return []
        found = _heading(lines, i, head.end)
        if found:
            return found
    return []


def chrome_lines(lines: list[Line], head: DocLayout) -> set[int]:
    """Lines of a document that are its web page's, not its own: navigation and publishing data above
    the first content line and below the last, page numbers and a law database's notes anywhere."""
    found: set[int] = set()
    body = head.salutation if head.salutation is not None else head.end
    for i in range(head.start, head.end):
        clean = lines[i].clean
        if lines[i].blank:
            continue
        if is_page_no_or_note(clean):
            found.add(i)
        elif i < body and (is_body_line(clean) or OUTLINE.match(clean)):
            body = i
        elif i < body and is_chrome(clean):
            found.add(i)
    for i in range(head.end - 1, head.start, -1):
        clean = lines[i].clean
        if lines[i].blank:
            continue
        if not is_chrome(clean) or is_body_line(clean):
            break
        found.add(i)
    return found
