"""Numbers with a unit of measure, as Chinese plans print them: 9户, 29.94亿元, 五千亿元, 1-2家, 15%到20%.

Arabic or Chinese numerals (loaders/numerals.py), 万/亿 kept in the unit, a range folded into one
quantity (``value`` its lower bound, ``value_max`` its upper); durations (6个月), prices (0.65元/度) and
words that only look like units (人民, 部门) are not quantities. Whether a quantity is a target is
loaders/indicators.py's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.comparators import AFTER_WORD
from loaders.numerals import read_quantity

__all__ = ["MONEY", "Quantity", "quantities"]

# fmt: off
_UNITS = (
    "个百分点", "微克/立方米", "毫克/升", "吨标准煤", "平方公里", "平方米", "平米", "立方米", "千瓦时", "千瓦", "兆瓦",
    "公里", "千米", "公顷", "公斤", "千克", "美元", "场次", "人次", "户次", "家次", "个次", "项次", "学时", "课时",
    "标准箱", "台套", "%", "％", "‰", "亩", "元", "件", "家", "个", "项", "户", "人", "名", "位", "次", "场", "期",
    "条", "座", "所", "套", "吨", "米", "辆", "台", "张", "间", "处", "栋", "幢", "篇", "部", "种", "支", "头",
    "只", "羽", "株", "棵", "艘", "架", "岁", "天", "倍", "个工作日", "工作日", "斤", "根", "年",
)
# fmt: on
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_ARABIC = re.compile(r"(?<![\d.．A-Za-z_])\d+(?:[.．]\d+)?")
_CHINESE = re.compile(r"(?<![\d.．])[零〇一二两三四五六七八九十百千万亿]+")
_UNIT_AT = re.compile(
    rf"\s{{0,6}}(?P<m1>[余多])?\s{{0,2}}(?P<mul>(?:[千百](?=万|亿))?(?:万亿|万|亿))?\s{{0,2}}(?P<m2>[余多])?"
    rf"\s{{0,3}}(?P<unit>{_UNIT_ALT})?"
)
_RANGE_GAP = re.compile(r"(?P<mul>万亿|万|亿)?\s{0,2}(?:——|--|[-－–—~～至到])\s{0,2}")
# fmt: off
_NOT_AFTER = {
    "个": ("月", "工作日", "小时", "季度", "星期", "年", "周", "性", "体", "阶段", "方面", "层面", "维度", "部分"),
    "次": ("性", "年"), "名": ("单", "义", "称", "录", "片"), "所": ("有", "在", "得", "属", "以", "谓"),
    "条": ("例", "件", "款"), "期": ("间", "限", "末", "初", "中", "工程"), "家": ("庭", "族", "乡", "长", "属"),
    "人": ("民", "员", "口", "均", "才", "士", "事", "大", "力", "工"), "户": ("籍", "口", "外"),
    "座": ("谈", "位"), "场": ("所", "景", "馆", "地"), "元": ("素", "化"), "部": ("门", "署", "分"),
    "种": ("植", "养", "子", "类"), "头": ("部",), "位": ("于", "置"), "支": ("持", "付", "出"), "处": ("理", "置"),
    "台": ("账",), "年": ("度", "底", "末", "内", "前", "以来", "来", "中", "初", "起", "后", "间", "级", "代", "份"),
}
# fmt: on
MONEY = frozenset(("元", "美元"))


@dataclass(slots=True)
class _Num:
    """A number as printed: its span, value, the 万/亿 it carries, and whether it is in Chinese numerals."""

    start: int
    end: int
    value: float
    mul: str
    cn: bool
    weak: bool = False


@dataclass(slots=True)
class Quantity:
    """A number (or range) with a unit; ``end`` includes a trailing 以上/以内/左右."""

    start: int
    num_start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    more: bool
    after: str
    weak: bool
    comparator: str = "="
    explicit: bool = False
    cs: int = 0
    ce: int = 0
    due: int | None = None
    unit_at: tuple[int, ...] = ()  # where each character of ``unit`` is printed (the unit as printed)


def _numbers(text: str) -> list[_Num]:
    """Every number in ``text``, Arabic and Chinese, in order of position."""
    nums: list[_Num] = []
    for m in _ARABIC.finditer(text):
        digits = m.group().replace("．", ".")
        whole = digits.split(".")[0]
        if len(whole) > 9 or (len(whole) > 1 and whole.startswith("0")):
            continue
        nums.append(_Num(m.start(), m.end(), float(digits), "", False))
    for m in _CHINESE.finditer(text):
        parsed = read_quantity(m.group())
        if parsed is not None:
            weak = len(m.group()) == 1
            nums.append(_Num(m.start(), m.end(), parsed[0], parsed[1], True, weak))
    nums.sort(key=lambda n: n.start)
    return nums


_UnitAt = tuple[str, int, bool, tuple[int, ...]]


def _unit_at(text: str, num: _Num) -> _UnitAt | None:
    """The unit after ``num`` (万/亿 folded in) → (unit, end, 余/多 seen, where its characters are); None
    when there is none.

    A 千/百 before 万/亿 (5千万元) is multiplied into ``num.value`` (5000 万元).
    """
    m = _UNIT_AT.match(text, num.end)
    if m is None:
        return None
    mul, unit = m.group("mul") or "", m.group("unit") or ""
    if num.cn and mul:
        return None
    at = list(range(*m.span("mul"))) if mul else list(range(num.end - len(num.mul), num.end))
    if mul[:1] in ("千", "百"):
        num.value *= 1000 if mul[0] == "千" else 100
        mul, at = mul[1:], at[1:]
    mul = mul or num.mul
    if not unit:
        return None
    follow = _NOT_AFTER.get(unit, ())
    if (follow and text.startswith(follow, m.end())) or text.startswith("/", m.end()):
        return None  # 6个月 (a duration), 0.65元/度 (a price)
    unit = "%" if unit == "％" else unit
    return mul + unit, m.end(), bool(m.group("m1") or m.group("m2")), (*at, *range(*m.span("unit")))


def quantities(text: str) -> list[Quantity]:
    """Numbers with units, a range (1-2家, 15%到20%) folded into one candidate."""
    cands: list[Quantity] = []
    prev: _Num | None = None
    prev_unit: _UnitAt | None = None
    for num in _numbers(text):
        found = _unit_at(text, num)
        if found is not None:
            unit, unit_end, more, unit_at = found
            start, low, high = num.start, num.value, None
            if prev is not None and _is_range(text, prev, prev_unit, num, unit):
                start, low, high = prev.start, prev.value, num.value
                if cands and cands[-1].num_start == prev.start:
                    cands.pop()
            after = AFTER_WORD.match(text, unit_end)
            end = after.end() if after else unit_end
            word = re.sub(r"\s", "", after.group("w")) if after else ""
            cands.append(Quantity(start, num.start, end, low, high, unit, more, word, num.weak, unit_at=unit_at))
        prev, prev_unit = num, found
    return cands


def _is_range(text: str, prev: _Num, prev_unit: _UnitAt | None, num: _Num, unit: str) -> bool:
    """Whether ``prev`` and ``num`` are the bounds of one range: 1-2家, 5—10项, 一至两次, 15%到20%."""
    gap_start = prev.end
    if prev_unit is not None:
        if not unit.startswith(prev_unit[0]):
            return False
        gap_start = prev_unit[1]
    gap = _RANGE_GAP.fullmatch(text, gap_start, num.start)
    if gap is None or (gap.group("mul") and not unit.startswith(gap.group("mul"))):
        return False
    return prev.value < num.value and prev.cn == num.cn
