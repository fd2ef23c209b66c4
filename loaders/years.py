"""The year a target or task is due: its clause's or sentence's deadline, its goal paragraph, the plan's year.

Deadlines themselves are read by loaders/deadlines.py; this module chooses which one governs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from loaders.deadlines import Deadline
from loaders.text import fold

if TYPE_CHECKING:
    from loaders.quantities import Quantity
    from loaders.tasks import Item

__all__ = ["context_year", "due_year", "plan_year_of"]

YEAR_GOAL = re.compile(r"到\s*(\d{4})\s*年")
PLAN_YEAR = re.compile(r"^(\d{4})\s*年|(\d{4})\s*年度|(\d{4})\s*年版")
_SPAN_OF_YEARS = re.compile(r"[一二两三四五六七八九十\d]+\s*年内")
# a plan's own period: 2023—2025年 → due 2025
PLAN_PERIOD = re.compile(
    r"(?<!\d)(?:19|20)\d{2}\s*年?\s*(?:——|--|[—–\-~～至到])\s*((?:19|20)\d{2})\s*年(?!\s*[度底末内])"
)


def context_year(item: Item, folded: str, plan_year: int | None) -> int | None:
    """The due year a goal paragraph above the item sets (到2025年 …), else the plan's year.

    A goal item's own heading counts too (（二）发展目标。到2025年，… then paragraphs of targets): its
    later paragraphs carry no year of their own.
    """
    head = item.text(folded)[:80]
    m = YEAR_GOAL.search(head)
    if m and "目标" in head[: m.start()]:
        return int(m.group(1))
    node = item.parent
    while node is not None and node.label:
        m = YEAR_GOAL.search(node.text(folded)[:80])
        if m:
            return int(m.group(1))
        node = node.parent
    return plan_year


def plan_year_of(subject: str, title: str) -> int | None:
    """The year a plan's title names: 2018年工作要点, 2023年度, (2025年版), or the end of its period (2021—2023年)."""
    for text in (fold(subject or ""), fold(title or "")):
        m = PLAN_YEAR.search(re.sub(r"^[^\d]{0,12}(?=\d{4}\s*年)", "", text))
        if m:
            return int(m.group(1) or m.group(2) or m.group(3))
        period = PLAN_PERIOD.search(text)
        if period:
            return int(period.group(1))
    return None


def due_year(
    dated: list[Deadline],
    starts: list[int],
    c: Quantity,
    sentence: tuple[int, int],
    year: int | None,
    says_target: bool,
) -> tuple[int | None, bool]:
    """(due year, whether the words describe the past): the clause's deadline, else its sentence's."""
    chosen: Deadline | None = None
    k = bisect_left(starts, c.start) - 1
    if k >= 0 and starts[k] >= c.cs:
        chosen = dated[k]
    else:
        k = bisect_left(starts, c.end)
        if k < len(starts) and starts[k] < c.ce:
            chosen = dated[k]
        else:
            k = bisect_left(starts, c.cs) - 1
            if k >= 0 and starts[k] >= sentence[0]:
                chosen = dated[k]
            else:
                k = bisect_left(starts, c.ce)
                chosen = dated[k] if k < len(starts) and starts[k] < sentence[1] else None
    if chosen is None or chosen.date is None or _SPAN_OF_YEARS.match(chosen.words):
        return year, False  # 三年内: a span of work, not the year a target is due (FORMAT.md gold)
    due = int(chosen.date[:4])
    if not chosen.words.startswith(("截至", "截止")):
        return due, False
    if year is None:
        return due, not says_target
    return due, due < year
