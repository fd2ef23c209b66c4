"""Dates as Chinese official documents print them: 2021年12月15日, 二〇二一年十二月十五日."""

from __future__ import annotations

import re
from datetime import date

from loaders.numerals import read_number

_NUM = r"[0-9〇○零Oo一二三四五六七八九十]"
DATE = re.compile(
    rf"(?P<y>(?:[12]\d{{3}})|(?:[一二][〇○零Oo一二三四五六七八九]{{3}}))\s{{0,2}}年\s{{0,2}}"
    rf"(?P<m>{_NUM}{{1,3}})\s{{0,2}}月\s{{0,2}}(?P<d>{_NUM}{{1,3}})\s{{0,2}}[日号]"
)


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601, or None (also for impossible dates)."""
    m = DATE.search(text)
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    year = read_number(m.group("y"))
    month = read_number(m.group("m"))
    day = read_number(m.group("d"))
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


DATE_LINE = re.compile(rf"^\s*[(（]?\s*{DATE.pattern}\s*[)）]?\s*$")


# a date printed with its 年月日 lost (a web copy): "2024327", "20240327" — read only when one reading fits
_COMPACT = re.compile(r"^\s*((?:19|20)\d{2})(\d{3,4})\s*$")


def _compact(m: re.Match[str]) -> str | None:
    year, rest = int(m.group(1)), m.group(2)
    readings = set()
    for cut in (1, 2):
        month, day = rest[:cut], rest[cut:]
        if len(day) > 2 or day.startswith("0") and len(day) == 1:
            continue
        try:
            readings.add(date(year, int(month), int(day)).isoformat())
        except ValueError:
            continue
    return readings.pop() if len(readings) == 1 else None


def parse_date_line(line: str) -> str | None:
    """A line that holds nothing but a date (a signature date), as ISO; else None."""
    m = DATE_LINE.match(line)
    if m:
        return _iso(m)
    compact = _COMPACT.match(line)
    return _compact(compact) if compact else None
