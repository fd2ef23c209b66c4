"""When an obligation falls due as of a given date: its fixed deadline, or for a recurring one (每月, 每季度,
每年6月底前 …) the end of the period running on that date. Pure functions over a task's deadline fields.

Decisions:

* The period comes from the deadline words first (``每年9月底前``), else from the task text (``每季度报送``):
  每天/每日 → day, 每周 → week, 每月 → month, 每季度 → quarter, 每半年/每学期 → half year, 每年/每年度/逐年 → year.
  定期, 常态化, 持续推进 name no period: such a task keeps its fixed deadline, or has none.
* A yearly duty with a month (``每年9月底前``: deadline 2022-09-30) falls due on that month and day of
  each year; the next one on or after the date is its due date.
* A recurring duty whose deadline words are a fixed date of their own (``每季度报送…，到2023年…``) recurs
  until that date: past it, the fixed date is what was missed (overdue).
* In an annual plan (a document whose title names one year: 《2018年…工作目标任务》) a yearly duty
  (每年) is that year's duty: due at the year's end, like the plan's 年内/年底前.
* Nothing here reads the calendar: every answer is relative to ``as_of``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = ["Due", "Period", "due_as_of", "plan_year", "recurrence"]

Period = Literal["day", "week", "month", "quarter", "half", "year"]
# how the due date was found: a fixed deadline, the period of a recurring one, the plan's year, none
Basis = Literal["fixed", "recurring", "plan_year", "none"]

_PERIODS: tuple[tuple[re.Pattern[str], Period], ...] = (
    (re.compile(r"每(?:一)?(?:个)?(?:天|日)"), "day"),
    (re.compile(r"每(?:一)?(?:个)?周"), "week"),
    (re.compile(r"每(?:一)?(?:个)?月|一月一"), "month"),
    (re.compile(r"每(?:一)?(?:个)?季度?|一季一"), "quarter"),
    (re.compile(r"每(?:一)?(?:个)?(?:半年|学期)"), "half"),
    (re.compile(r"每(?:一)?(?:个)?年度?|逐年|一年一"), "year"),
)
_ANNUAL_PLAN = re.compile(r"(?<![\d—\-–~至到])((?:19|20)\d{2})\s*年度?(?![\d—\-–~至到])")
_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—\-–~至到－]+\s*(?:19|20)\d{2}")


@dataclass(frozen=True, slots=True)
class Due:
    """The date an obligation is due as of some day (ISO, or None: no deadline), and how it was found."""

    date: str | None
    basis: Basis
    period: Period | None = None


def recurrence(*texts: str | None) -> Period | None:
    """The period of the first text naming one (the deadline words before the task's text).

    >>> recurrence("每年9月底前"), recurrence(None, "每季度报送进展"), recurrence("定期")
    ('year', 'quarter', None)
    """
    for text in texts:
        if not text:
            continue
        found = [(m.start(), period) for pattern, period in _PERIODS if (m := pattern.search(text))]
        if found:
            return min(found)[1]
    return None


def plan_year(title: str | None) -> int | None:
    """The year an annual plan is for, when its title names one year and no range (2018年…工作目标任务).

    >>> plan_year("关于印发《2018年宝鸡市国家创新型试点城市建设工作目标任务》的通知"), plan_year("规划（2021—2025年）")
    (2018, None)
    """
    if not title or _RANGE.search(title):
        return None
    years = {m.group(1) for m in _ANNUAL_PLAN.finditer(title)}
    return int(years.pop()) if len(years) == 1 else None


def _period_end(day: date, period: Period) -> date:
    if period == "day":
        return day
    if period == "week":
        return day + timedelta(days=6 - day.weekday())
    if period == "year":
        return date(day.year, 12, 31)
    months = {"month": 1, "quarter": 3, "half": 6}[period]
    month = ((day.month - 1) // months + 1) * months
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def _yearly(anchor: date, as_of: date) -> date:
    """The next anniversary of `anchor`'s month and day on or after `as_of` (month ends stay month ends)."""
    for year in (as_of.year, as_of.year + 1):
        last = calendar.monthrange(year, anchor.month)[1]
        month_end = anchor.day == calendar.monthrange(anchor.year, anchor.month)[1]
        due = date(year, anchor.month, last if month_end else min(anchor.day, last))
        if due >= as_of:
            return due
    raise AssertionError("unreachable: a date a year on is after as_of")


def due_as_of(
    deadline: str | None,
    deadline_text: str | None,
    text: str | None,
    recurring: bool,
    as_of: date,
    year_of_plan: int | None = None,
) -> Due:
    """When a task with these deadline fields (loaders/records.Task) falls due as of `as_of`.

    >>> d = date(2024, 5, 10)
    >>> due_as_of("2018-12-31", "年内", "…", False, d)
    Due(date='2018-12-31', basis='fixed', period=None)
    >>> due_as_of(None, "每季度", "每季度报送", True, d)
    Due(date='2024-06-30', basis='recurring', period='quarter')
    >>> due_as_of("2022-09-30", "每年9月底前", "…", True, d)
    Due(date='2024-09-30', basis='recurring', period='year')
    >>> due_as_of(None, "每年", "每年专题研究", True, d, year_of_plan=2018)
    Due(date='2018-12-31', basis='plan_year', period='year')
    >>> due_as_of("2023-12-31", "到2023年", "每月调度，到2023年全面完成", True, d)
    Due(date='2023-12-31', basis='fixed', period='month')
    >>> due_as_of(None, "持续推进", "…", False, d)
    Due(date=None, basis='none', period=None)
    """
    period = recurrence(deadline_text, text) if recurring else None
    fixed = date.fromisoformat(deadline) if deadline else None
    if period is None:
        return Due(deadline, "fixed") if fixed else Due(None, "none")
    if period == "year" and year_of_plan is not None and recurrence(deadline_text) in ("year", None):
        return Due(deadline or f"{year_of_plan:04d}-12-31", "plan_year", period)
    words_recur = recurrence(deadline_text) is not None
    if fixed and not words_recur:  # a fixed end of its own (到2023年): the duty recurs until then
        if as_of > fixed:
            return Due(deadline, "fixed", period)
        return Due(min(_period_end(as_of, period), fixed).isoformat(), "recurring", period)
    if fixed and period == "year":  # 每年9月底前: that month and day every year
        return Due(_yearly(fixed, as_of).isoformat(), "recurring", period)
    return Due(_period_end(as_of, period).isoformat(), "recurring", period)
