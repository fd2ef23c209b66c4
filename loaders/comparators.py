"""Comparators of a quantity, from the words around it: 以上 ``>=``, 以内/控制在 ``<=``, 左右/约 ``~``, a range,
a ``delta`` (提高/增长/下降 X% or X 个百分点), else ``=`` (达到, 完成, a plain number).

How the comparator is read, strongest first:

1. ``range`` — two numbers joined by -, —, ～, 至, 到 (1-2家, 5—10项, 一至两次): ``value`` is the
   lower bound, ``value_max`` the upper.
2. ``delta`` — a change: 个百分点 always; X% or X‰ after 提高/增长/下降/降低/提升/增幅 …
   (but 提高到/降至 X% name a level). A delta range (降低10%到30%) stays ``delta`` with ``value_max``.
3. A word after the unit: 以上 → ``>=``; 以下/以内 → ``<=``; 左右 → ``~``; then 约/近 just before
   the number → ``~``.
4. The last comparing word before the number in its clause: 不少于/不低于/至少/超过/高于 → ``>=``;
   不超过/不高于/低于/控制在/降至 → ``<=``; 达到/达 → ``=``. 余/多 (十余个, 1300多家) → ``>=``.
5. 力争/争取 in the clause (or in a lead-in clause 力争到2025年，…) → ``>=``; otherwise ``=``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loaders.quantities import Quantity

__all__ = ["AFTER_WORD", "LIST_GAP", "RATE_UNITS", "comparator"]

AFTER_WORD = re.compile(
    r"\s{0,3}(?:[（(][^）)\n]{1,6}[）)])?\s{0,2}(?P<w>(?:及\s{0,2})?以\s{0,3}[上下内]|之\s{0,2}内|左\s{0,2}右|内(?![容部外涵地需资]))"
)
_BEFORE = re.compile(
    r"(?P<ge>不少于|不低于|不小于|不止|至少|超过|多于|高于|大于|不少(?=\s{0,2}$))"
    r"|(?P<le>不超过|不高于|不多于|不大于|低于|少于|小于|控制在|控制到|压减到|压减至|压缩到|压缩至|降至|降到|下降到|下降至|降低到|降低至)"
    r"|(?P<eq>提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|达到|达)"
    r"|(?P<delta>年均增长|提高|提升|增长|增加|增幅|增速|下降|降低|减少|降幅|压减|削减)"
)
LIST_GAP = re.compile(r"\s{0,2}[、和及与或]\s{0,2}")
_ABOUT = ("约", "大约", "约为", "近", "接近", "将近")
# rates: growth said of them is a delta (增长15%), not a level
RATE_UNITS = frozenset(("%", "‰", "个百分点"))


def comparator(text: str, c: Quantity, seg_start: int, prev: Quantity | None) -> tuple[str, bool]:
    """The comparator from the words next to the number, and whether a word (not a default) gave it.

    ``prev`` is the candidate before it in the same clause: a list (分别增长15%和8%以上, 分别不低于
    80%、60%) shares its comparator.
    """
    matches = list(_BEFORE.finditer(text, seg_start, c.start))
    kind = matches[-1].lastgroup if matches else None
    if len(matches) > 1 and matches[-2].lastgroup == "delta" and matches[-1].start() - matches[-2].end() <= 1:
        kind = "delta"  # 增幅达到12%, 增长率达到8%
    listed = prev is not None and LIST_GAP.fullmatch(text, prev.end, c.start) is not None
    if listed and prev is not None and prev.comparator == "delta" and not prev.after and c.unit in RATE_UNITS:
        kind = "delta"
    if c.unit == "个百分点" or (kind == "delta" and c.unit in ("%", "‰", "倍")):
        return "delta", True
    if c.value_max is not None:
        return "range", True
    if c.after:
        return (">=" if c.after.endswith("上") else "~" if c.after == "左右" else "<="), True
    if text[seg_start : c.start].rstrip().endswith(_ABOUT):
        return "~", True
    if kind in ("ge", "le"):
        return (">=" if kind == "ge" else "<="), True
    if c.more:
        return ">=", True
    if listed and prev is not None and prev.explicit and not (prev.after or prev.more or prev.value_max):
        return prev.comparator, True  # a comparing word before the list governs all of it
    return "=", False
