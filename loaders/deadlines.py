"""Deadlines as Chinese plans state them: 到2025年, 2022年10月底前, 年内, 上半年, 每年 ….

Pure functions over one string. Every deadline is resolved to the ISO date by which
the work is due (the last day of the named year, half-year, quarter or month), or to
``None`` when the words give no date (试点期间, 长期, 持续推进, 每年 alone).

Decisions:

* A bare year (``2018年``) is a deadline only when a trigger introduces it (到, 至,
  在, 截至, 于 — not the 于 of 低于/高于/等于 …) or when it opens a clause
  (``2019年命名12个…``, ``其中2019年达到65%``); ``比2020年下降``, ``不低于2016年水平``
  and ``2017年度`` are baselines and labels, not deadlines. With 底/末/内/前 or a
  half-year/quarter it is always a deadline.
* A full date (年月日) needs a trigger or 前/止; a date standing alone is a signature.
  A year and month opening a clause (``2023年6月，完成…``) is a deadline.
* Relative words use ``doc_year``: 年内/年底(前)/今年/全年/本年度 → its 12-31,
  上半年 → 06-30, 第三季度 → 09-30, 明年 → the next year, 两年内 → the end of the
  second year counting the document's own (doc_year + 1). 当年/去年/上年 are never
  deadlines (当年 names the year of a figure: 占当年营业收入的比例).
* “十四五”期间/末 → the last year of that five-year plan (2025).
* Recurring markers (每年, 每季度, 每月, 定期, 逐年, 常态化, 长期坚持 …) give
  ``recurring=True``; directly followed by a month date (``每年6月底前``) they merge
  with it into one recurring, dated deadline.
* Words inside 《》 (plan titles with their 2021—2025年) are not deadlines.
* :func:`find_deadline` returns the deadline that governs the whole text: the latest
  dated one (the obligation is complete only when its last step is), else the first
  undated one; it is marked recurring when any deadline in the text is.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from loaders.numerals import read_number

__all__ = ["Deadline", "bracket_spans", "find_deadline", "find_deadlines", "inside"]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time limit found in a text: its ISO end date (or None), words and offsets."""

    date: str | None
    words: str
    recurring: bool
    start: int
    end: int


_CN_DIGITS = "〇○零Oo一二三四五六七八九"
_YEAR = rf"(?:(?:19|20|21)\d{{2}}|[一二][〇○零Oo][{_CN_DIGITS}]{{2}})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_PRE = r"(?P<pre>截至|截止到?|直到|到|至|在|于)?\s{0,2}"
_SUF = r"(?P<suf>\s{0,2}(?:之前|以前|前|止|为止))?"
_QUARTER = r"第?[一二三四1-4]季度(?:末|底)?"

_FULL = re.compile(
    rf"{_PRE}(?<!\d)(?P<y>{_YEAR})\s{{0,2}}年\s{{0,2}}(?P<m>{_MONTH})\s{{0,2}}月\s{{0,2}}(?P<d>{_DAY})\s{{0,2}}[日号]{_SUF}"
)
_MONTHLY = re.compile(
    rf"{_PRE}(?<!\d)(?P<y>{_YEAR})\s{{0,2}}年\s{{0,2}}(?P<m>{_MONTH})\s{{0,2}}月(?!\s{{0,2}}{_DAY}\s{{0,2}}[日号])"
    rf"(?P<part>底|末|份|上旬|中旬|下旬)?{_SUF}"
)
_YEARLY = re.compile(
    rf"{_PRE}(?:(?<!\d)(?P<y0>{_YEAR})\s{{0,2}}(?:年\s{{0,2}})?(?:——|[-—–－~～至到])\s{{0,2}})?"
    rf"(?<!\d)(?P<y>{_YEAR})\s{{0,2}}年(?!\s{{0,2}}(?:度|以来|来|{_MONTH}\s{{0,2}}月))"
    rf"(?P<part>底|末|年底|年末|内|中|上半年|下半年|{_QUARTER})?{_SUF}"
)
_MONTH_ONLY = re.compile(
    rf"{_PRE}(?<![\d〇○零一二三四五六七八九十])(?P<m>{_MONTH})\s{{0,2}}月"
    rf"(?:\s{{0,2}}(?P<d>{_DAY})\s{{0,2}}[日号](?P<dsuf>\s{{0,2}}(?:之前|以前|前|止|为止))?|(?P<part>底|末|份|上旬|中旬|下旬)(?P<psuf>\s{{0,2}}(?:之前|以前|前|止|为止))?)"
)
_RELATIVE = re.compile(
    r"(?<![去上前往当明年一二三四五六七八九十两几数\d])(?P<rel>年内|年底|年末|今年(?:内|底|年底)?|本年度?|全年|上半年|下半年|明年(?:底|年底)?|"
    rf"{_QUARTER}){_SUF}"
)
_WITHIN_YEARS = re.compile(
    r"(?<![\d第〇○零一二三四五六七八九十两])(?P<n>\d{1,2}|[一二两三四五六七八九十])\s{0,2}年(?:之?内)"
)
_RECURRING = re.compile(
    r"每(?:一)?(?:个)?(?:年度?|季度|月|半年|两年|[二三四五]年|周|旬|学期|日|天)|一(?:年|季度?|月|周|旬)一(?=[\u4e00-\u9fff])"
    r"|定期|逐年|常态化|长期坚持"
)
_OPEN = re.compile(
    r"试点期间|试点期内|规划期内|规划期间|实施期间|实施期内|行动期间|建设期间|创建期间|(?<!中)长期(?!以来)|持续推进|持续开展"
)
_FIVE_YEAR = re.compile(r"[“\"]?十(?P<n>[一二三四五六七八九])五[”\"]?(?:期间|期末|末|时期)(?!的)")

_CLAUSE_END = frozenset("，,。；;：:！!？?\n\r\t\f")
_LEAD_WORDS = frozenset(
    ("其中", "力争", "争取", "计划", "预计", "确保", "目标", "并", "要", "力争在", "争取在", "计划在")
)
_ENUMERATOR = re.compile(
    r"^(?:[①-⑳]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、)"
)
_COMPARE_YU = frozenset("低高等多少大小优早晚基属当对关由至用处位善勇利便易限免趋归终")
_QUARTER_MONTH = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def _num(text: str) -> int | None:
    """A year, month or day written in Arabic or Chinese digits."""
    return read_number(text.strip())


def _iso(year: int | None, month: int, day: int | None = None) -> str | None:
    """The ISO date; ``day=None`` means the month's last day. None when impossible."""
    if year is None or not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= last else None


def _part_date(year: int | None, part: str | None, month: int | None = None) -> str | None:
    """The end of a named part of a year (or of a month when ``month`` is given)."""
    if month is not None:
        day = {"上旬": 10, "中旬": 20}.get(part or "")
        return _iso(year, month, day)
    if not part or part in ("底", "末", "年底", "年末", "内", "前"):
        return _iso(year, 12)
    if part in ("中", "上半年"):
        return _iso(year, 6)
    if part == "下半年":
        return _iso(year, 12)
    digit = part.lstrip("第")[:1]
    return _iso(year, _QUARTER_MONTH.get(digit, 12))


def bracket_spans(text: str, limit: int = 80) -> list[tuple[int, int]]:
    """Spans of 《…》 titles and of short “…”/"…"/「…」 quotations (≤ ``limit`` chars, one line).

    One linear pass; an opener without its closer within ``limit`` characters is ignored.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    for m in _OPENERS.finditer(text):
        if m.start() < i:
            continue  # inside the previous span
        close = _PAIRS[m.group()]
        window = text[m.start() + 1 : m.start() + 1 + limit]
        j = window.find(close)
        cut = window.find("\n")
        if j < 0 or (0 <= cut < j):
            continue
        spans.append((m.start(), m.start() + 2 + j))
        i = m.start() + 2 + j
    return spans


_PAIRS = {"《": "》", "“": "”", "「": "」", "〈": "〉", '"': '"'}
_OPENERS = re.compile('[《“「〈"]')


def inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies strictly between the brackets of one of ``spans`` (``starts``: their starts)."""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1] - 1


def _opens_clause(text: str, pos: int) -> bool:
    """Whether only an enumerator and a lead word (其中, 力争 …) stand between ``pos`` and its clause start."""
    lo = max(0, pos - 14)
    k = pos
    while k > lo and text[k - 1] not in _CLAUSE_END:
        k -= 1
    if k > 0 and text[k - 1] not in _CLAUSE_END:
        return False
    head = _ENUMERATOR.sub("", text[k:pos].strip(), count=1).strip()
    return head == "" or head in _LEAD_WORDS


def _line_alone(text: str, start: int, end: int) -> bool:
    """Whether the words fill their line (a signature date); looks at most 8 characters either side."""
    left = text[max(0, start - 8) : start]
    if "\n" in left:
        left = left[left.rfind("\n") + 1 :]
    elif start > 8:
        return False
    right = text[end : end + 8]
    if "\n" in right:
        right = right[: right.find("\n")]
    elif end + 8 < len(text):
        return False
    return not left.strip(" \t\u3000(（") and not right.strip(" \t\u3000)）")


def _trigger(m: re.Match[str], text: str) -> bool:
    """Whether a trigger word (到, 截至, 于 …) introduces the match; the 于 of 低于 does not."""
    pre = m.group("pre")
    if not pre:
        return False
    if pre == "于":
        k = m.start("pre")
        return not (k > 0 and text[k - 1] in _COMPARE_YU)
    return True


def _year_of(m: re.Match[str]) -> int | None:
    year = _num(m.group("y"))
    return year if year is not None and 1900 <= year <= 2199 else None


def _make(text: str, start: int, end: int, date: str | None, recurring: bool = False) -> Deadline:
    return Deadline(date=date, words=text[start:end], recurring=recurring, start=start, end=end)


def _head(m: re.Match[str], text: str) -> int:
    """Where the words start: with the trigger when it is one, else at the date itself."""
    if _trigger(m, text):
        return m.start()
    return m.start("y0") if m.groupdict().get("y0") else m.start("y")


def _full_dates(text: str) -> Iterator[Deadline]:
    """2023年6月30日前, 到2023年6月30日; a date with neither trigger nor 前 is a signature, not a deadline."""
    for m in _FULL.finditer(text):
        if not (_trigger(m, text) or m.group("suf")):
            continue
        month, day = _num(m.group("m")), _num(m.group("d"))
        date = _iso(_year_of(m), month, day) if month and day else None
        if date:
            yield _make(text, _head(m, text), m.end(), date)


def _month_dates(text: str) -> Iterator[Deadline]:
    """2022年10月底前, 到2023年6月; a bare year-month counts when it opens a clause."""
    for m in _MONTHLY.finditer(text):
        start = _head(m, text)
        wanted = _trigger(m, text) or m.group("part") or m.group("suf")
        if not wanted and not (_opens_clause(text, start) and not _line_alone(text, start, m.end())):
            continue
        month = _num(m.group("m"))
        date = _part_date(_year_of(m), m.group("part"), month) if month else None
        if date:
            yield _make(text, start, m.end(), date)


_BASELINE_AFTER = ("水平", "基础", "的", "同期", "相比", "比", "数据", "为基")


def _year_dates(text: str) -> Iterator[Deadline]:
    """到2025年, 2025年底前, 2023年上半年, 2021—2025年, and a year opening a clause (2018年选树…)."""
    for m in _YEARLY.finditer(text):
        start = _head(m, text)
        if not (m.group("y0") or _trigger(m, text) or m.group("part") or m.group("suf")):
            after = text[m.end() : m.end() + 2].lstrip()
            if after.startswith(_BASELINE_AFTER) or not _opens_clause(text, start) or _line_alone(text, start, m.end()):
                continue
        date = _part_date(_year_of(m), m.group("part"))
        if date:
            yield _make(text, start, m.end(), date)


def _month_only(text: str, doc_year: int | None) -> Iterator[Deadline]:
    """10月底前, 9月份, 6月30日前 — in the document's year."""
    for m in _MONTH_ONLY.finditer(text):
        if m.group("d") and not (m.group("dsuf") or _trigger(m, text)):
            continue
        month = _num(m.group("m"))
        day = _num(m.group("d")) if m.group("d") else None
        if not month:
            continue
        date = _iso(doc_year, month, day) if day else _part_date(doc_year, m.group("part"), month)
        start = m.start() if _trigger(m, text) else m.start("m")
        yield _make(text, start, m.end(), date)


def _relative(text: str, doc_year: int | None) -> Iterator[Deadline]:
    """年内, 年底前, 今年, 全年, 上半年, 第三季度, 明年; 两年内 (the document's year counts as the first)."""
    for m in _RELATIVE.finditer(text):
        rel = m.group("rel")
        year = None if doc_year is None else doc_year + 1 if rel.startswith("明年") else doc_year
        part = rel if rel in ("上半年", "下半年") or "季度" in rel else None
        yield _make(text, m.start(), m.end(), _part_date(year, part))
    for m in _WITHIN_YEARS.finditer(text):
        n = _num(m.group("n"))
        year = doc_year + n - 1 if doc_year is not None and n else None
        yield _make(text, m.start(), m.end(), _iso(year, 12))


def _undated(text: str) -> Iterator[Deadline]:
    """每年/定期 … (recurring), 试点期间/长期/持续推进 (open), “十四五”期间 (its last year)."""
    for m in _RECURRING.finditer(text):
        yield _make(text, m.start(), m.end(), None, recurring=True)
    for m in _OPEN.finditer(text):
        yield _make(text, m.start(), m.end(), None)
    for m in _FIVE_YEAR.finditer(text):
        yield _make(text, m.start(), m.end(), _iso(1955 + 5 * (10 + (_num(m.group("n")) or 0)), 12))


def _resolve(found: list[Deadline]) -> list[Deadline]:
    """Leftmost-longest, non-overlapping; a recurring marker merges with a date right after it."""
    found.sort(key=lambda d: (d.start, d.start - d.end))
    kept: list[Deadline] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        last = kept[-1] if kept else None
        if last and last.recurring and last.date is None and d.date and d.start - last.end <= 2:
            kept[-1] = Deadline(d.date, "", True, last.start, d.end)
            continue
        kept.append(d)
    return kept


def find_deadlines(text: str, offset: int = 0, doc_year: int | None = None) -> list[Deadline]:
    """Every deadline in ``text`` in order, offsets shifted by ``offset``.

    ``doc_year`` resolves relative words (年内, 上半年, 10月底前); without it they keep ``date=None``.
    """
    found = _deadlines_in(text, doc_year)
    if not offset:
        return list(found)
    return [replace(d, start=d.start + offset, end=d.end + offset) for d in found]


@lru_cache(maxsize=64)
def _deadlines_in(text: str, doc_year: int | None) -> tuple[Deadline, ...]:
    """The deadlines of one text, offsets into it (cached: a task's text is read for its deadline and again
    for the due years of its targets)."""
    spans = bracket_spans(text)
    starts = [s for s, _ in spans]
    found = [
        *_full_dates(text),
        *_month_dates(text),
        *_year_dates(text),
        *_month_only(text, doc_year),
        *_relative(text, doc_year),
        *_undated(text),
    ]
    kept = _resolve([d for d in found if not inside(spans, starts, d.start)])
    return tuple(Deadline(d.date, text[d.start : d.end], d.recurring, d.start, d.end) for d in kept)


def find_deadline(text: str, offset: int = 0, doc_year: int | None = None) -> Deadline | None:
    """The deadline that governs ``text``: the latest dated one, else the first; None when there is none.

    It is marked ``recurring`` when any deadline of the text is (每年…，2025年底前全覆盖).
    """
    found = _deadlines_in(text, doc_year)
    if not found:
        return None
    dated = [d for d in found if d.date]
    chosen = max(dated, key=lambda d: (d.date or "", d.start)) if dated else found[0]
    recurring = any(d.recurring for d in found)
    return replace(chosen, recurring=recurring, start=chosen.start + offset, end=chosen.end + offset)
