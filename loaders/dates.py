"""Dates as Chinese official documents print them: 2021年12月15日, 二〇二一年十二月十五日."""

from __future__ import annotations

import re
from datetime import date

_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "o": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "两": 2,
}
_NUM = r"[0-9〇○零Oo一二三四五六七八九十]"
DATE = re.compile(
    rf"(?P<y>(?:[12]\d{{3}})|(?:[一二][〇○零Oo一二三四五六七八九]{{3}}))\s{{0,2}}年\s{{0,2}}"
    rf"(?P<m>{_NUM}{{1,3}})\s{{0,2}}月\s{{0,2}}(?P<d>{_NUM}{{1,3}})\s{{0,2}}[日号]"
)


def chinese_number(text: str) -> int | None:
    """'十二' → 12, '二十一' → 21, '三十' → 30, '07' → 7, '二〇二一' → 2021 (digit by digit)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        digits = [_DIGIT.get(ch) for ch in text]
        if any(d is None for d in digits):
            return None
        value = 0
        for d in digits:
            value = value * 10 + d  # type: ignore[operator]
        return value
    tens, _, units = text.partition("十")
    tens_value = 1 if tens == "" else _DIGIT.get(tens)
    units_value = 0 if units == "" else _DIGIT.get(units)
    if tens_value is None or units_value is None or len(tens) > 1 or len(units) > 1:
        return None
    return tens_value * 10 + units_value


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601, or None (also for impossible dates)."""
    m = DATE.search(text)
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    year = chinese_number(m.group("y"))
    month = chinese_number(m.group("m"))
    day = chinese_number(m.group("d"))
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
