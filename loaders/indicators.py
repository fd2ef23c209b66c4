"""Quantitative targets (指标) as Chinese plans state them: 年内新增规上企业9户, 不少于9条, 控制在25%以内 ….

:func:`find_indicators` is a pure function over one string. It finds every number with a
unit of measure (Arabic or Chinese numerals, 万/亿 kept in the unit), decides whether it
states a target, and reads its comparator and due year from the words around it.

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

What is not a target (each rule is general, none names a document):

* numbers inside 《》 or short quotations (“2468”工程, “十四五”), after 第 (ordinals) or 每
  (每万人口 — a denominator), next to Latin letters (5G, G30, GB 5749), with a leading zero or more
  than nine digits (telephone numbers, codes); dates, years, 文号 and outline numbers have no unit;
* durations and ages: 个月, 个工作日, 周岁; 岁 counts only after a target word (寿命达到78岁) and
  天 only in a clause about 天数 (优良天数);
* a qualifier: a measure followed by 的 (3万亩以上的园区, 注册资本80万元以上的企业), a sum of money
  or an age followed by 以上/以下 and a noun (800万元以上项目), a capacity (年产20万吨);
  percentages are exempt (95%以上的社区 is the target);
* a clause that ends in 的 or holds 涉及/凡 before the number (a condition: 被查处三次以上的),
  money in a clause that grants a reward or subsidy (给予10万元奖励 — a benefit promised, not a
  result to reach), a price (0.65元/度), a count that sums up a list (…等8项) or explains one (含3000万元);
* the present or the past: 已/了/去年/过去 … in the clause, 截至/以来 … before it in its sentence, 现有/
  目前/共有 unless a target verb is in the clause, 同比 in a sentence without 力争/目标 …; a stock
  截至 a date before the context year (or, without one, in a sentence without 力争/目标/计划 …) —
  截至2025年底 in a plan is a target. A bare earlier year is not taken as the past: the context year
  may be a goal year (到2025年) whose paragraph sets milestones for 2023;
* a one-character Chinese numeral without an explicit comparator (两所, 四个阶段, 一项长期任务):
  it counts only with 不少于/至少/以上/余/a range (不少于三次, 一至三次, 十余个); longer
  ones (三十万亩, 五千亿元) count like Arabic numbers;
* a number that only counts the subject when the clause holds a target with an explicit comparator
  (8个县区新建4个以上 → only 4), unless 对/为/向/在 makes it the object or 、/和/及 lists it.

``text`` is the clause that holds the number, verbatim: cut at ，,。；;：:！？, tabs and line breaks,
but not at a line break between two ideographs (a page break inside a word: 建\n\n成40家), and
without its enumerator (①, 1., （二）, 第七条); a run-on clause is cut to 120 characters either side.

The due year is the ``year`` passed in, overridden by a dated deadline in the clause, else in its
sentence (the nearest before, else the first after): 到2025年, 2022年底前, 年内 (→ ``year``).
Undated (试点期间) and recurring (每年) deadlines keep the context year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from loaders.deadlines import Deadline, bracket_spans, find_deadlines, inside

__all__ = ["Indicator", "find_indicators"]


@dataclass(frozen=True, slots=True)
class Indicator:
    """A quantitative target: its clause (verbatim, with offsets), number, unit, comparator and due year."""

    text: str
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    comparator: str
    year: int | None


# fmt: off
_UNITS = (
    "个百分点", "微克/立方米", "毫克/升", "吨标准煤", "平方公里", "平方米", "平米", "立方米", "千瓦时", "千瓦", "兆瓦",
    "公里", "千米", "公顷", "公斤", "千克", "美元", "场次", "人次", "户次", "家次", "个次", "项次", "学时", "课时",
    "标准箱", "台套", "%", "％", "‰", "亩", "元", "件", "家", "个", "项", "户", "人", "名", "位", "次", "场", "期",
    "条", "座", "所", "套", "吨", "米", "辆", "台", "张", "间", "处", "栋", "幢", "篇", "部", "种", "支", "头",
    "只", "羽", "株", "棵", "艘", "架", "岁", "天", "倍",
)
# fmt: on
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_ARABIC = re.compile(r"(?<![\d.．A-Za-z_])\d+(?:[.．]\d+)?")
_CHINESE = re.compile(r"(?<![\d.．])[零〇一二两三四五六七八九十百千万亿]+")
_UNIT_AT = re.compile(
    rf"\s{{0,6}}(?P<m1>[余多])?\s{{0,2}}(?P<mul>(?:[千百](?=万|亿))?(?:万亿|万|亿))?\s{{0,2}}(?P<m2>[余多])?"
    rf"\s{{0,3}}(?P<unit>{_UNIT_ALT})?"
)
_AFTER_WORD = re.compile(
    r"\s{0,3}(?:[（(][^）)\n]{1,6}[）)])?\s{0,2}(?P<w>(?:及\s{0,2})?以\s{0,3}[上下内]|之\s{0,2}内|左\s{0,2}右)"
)
_RANGE_GAP = re.compile(r"(?P<mul>万亿|万|亿)?\s{0,2}(?:——|--|[-－–—~～至到])\s{0,2}")
_BEFORE = re.compile(
    r"(?P<ge>不少于|不低于|不小于|不止|至少|超过|多于|高于|大于|不少(?=\s{0,2}$))"
    r"|(?P<le>不超过|不高于|不多于|不大于|低于|少于|小于|控制在|控制到|压减到|压减至|压缩到|压缩至|降至|降到|下降到|下降至|降低到|降低至)"
    r"|(?P<eq>提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|达到|达)"
    r"|(?P<delta>年均增长|提高|提升|增长|增加|增幅|增速|下降|降低|减少|降幅|压减|削减)"
)
_LIST_GAP = re.compile(r"\s{0,2}[、和及与或]\s{0,2}")
_ABOUT = ("约", "大约", "约为", "近", "接近", "将近")
_CLAUSE_CUTS = "，,。；;：:！!？?\t\f"
_SENTENCE_CUTS = "。；;！!？?\f"
_LINE_BREAK = re.compile(r"(?<![ \u3000])[ \u3000]*+[\r\n]\s*")
# fmt: off
_NOT_AFTER = {
    "个": ("月", "工作日", "小时", "季度", "星期", "年", "周", "性", "体", "阶段", "方面", "层面", "维度", "部分"),
    "次": ("性", "年"), "名": ("单", "义", "称", "录", "片"), "所": ("有", "在", "得", "属", "以", "谓"),
    "条": ("例", "件", "款"), "期": ("间", "限", "末", "初", "中", "工程"), "家": ("庭", "族", "乡", "长", "属"),
    "人": ("民", "员", "口", "均", "才", "士", "事", "大", "力", "工"), "户": ("籍", "口", "外"),
    "座": ("谈", "位"), "场": ("所", "景", "馆", "地"), "元": ("素", "化"), "部": ("门", "署", "分"),
    "种": ("植", "养", "子", "类"), "头": ("部",), "位": ("于", "置"), "支": ("持", "付", "出"), "处": ("理", "置"),
    "台": ("账",),
}
# fmt: on
_MONEY = frozenset(("元", "美元"))
_RATE_UNITS = frozenset(("%", "‰", "个百分点"))
_CAPACITY = ("年产", "年产能", "日产", "年处理", "日处理", "年加工", "年吞吐", "年出栏", "年发电", "年接待")
_TARGET_WORDS = re.compile(r"力争|争取|确保|目标|预计|预期|计划|将|要")
_TARGET_VERB = re.compile(
    r"达到|达|完成|新增|新建|建成|建设|培育|力争|争取|确保|实现|提高|提升|增长|不少于|不低于|至少|控制|创建|打造|引进|组织|开展"
)
_QUALIFIED = re.compile(r"[\u4e00-\u9fff]{1,4}的")
_LEAD_IN = re.compile(r"\s*(?:力争|争取)(?:在|到|于|用)?[\d\s〇一二三四五六七八九十两年月底末前内]*")
_ENUMERATOR = re.compile(
    r"\s*(?:[①-⑳]|第[一二三四五六七八九十百零〇\d]{1,5}条|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、)?\s*"
)
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_POWER = {"十": 10, "百": 100, "千": 1000}


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
class _Cand:
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


def _cn_int(s: str) -> int | None:
    """Chinese numerals without 万/亿 → int: 三 → 3, 十二 → 12, 两百 → 200, 一千零五 → 1005; else None."""
    total, digit, seen = 0, 0, False
    for ch in s:
        if ch in _CN_POWER:
            total += (digit if seen else 1) * _CN_POWER[ch]
            digit, seen = 0, False
        elif ch in ("零", "〇"):
            digit, seen = 0, False
        elif seen:
            return None  # two digits in a row: a year (二〇一八) or a name (五一), not a quantity
        else:
            digit, seen = _CN_DIGIT[ch], True
    return total + digit


def _cn_number(token: str) -> tuple[float, str] | None:
    """A Chinese numeral run → (value, 万/亿 kept for the unit): 五千亿 → (5000, 亿); None if not a quantity."""
    mul = ""
    if len(token) > 1 and token[-1] in "万亿":
        token, mul = token[:-1], token[-1]
        if token.endswith("万") and mul == "亿":
            token, mul = token[:-1], "万亿"
    if not token or any(ch in "万亿" for ch in token):
        return None
    value = _cn_int(token)
    return (float(value), mul) if value else None


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
        parsed = _cn_number(m.group())
        if parsed is not None:
            weak = len(m.group()) == 1
            nums.append(_Num(m.start(), m.end(), parsed[0], parsed[1], True, weak))
    nums.sort(key=lambda n: n.start)
    return nums


def _unit_at(text: str, num: _Num) -> tuple[str, int, bool] | None:
    """The unit after ``num`` (万/亿 folded in) → (unit, end, 余/多 seen); None when there is none.

    A 千/百 before 万/亿 (5千万元) is multiplied into ``num.value`` (5000 万元).
    """
    m = _UNIT_AT.match(text, num.end)
    if m is None:
        return None
    mul, unit = m.group("mul") or "", m.group("unit") or ""
    if num.cn and mul:
        return None
    if mul[:1] in ("千", "百"):
        num.value *= 1000 if mul[0] == "千" else 100
        mul = mul[1:]
    mul = mul or num.mul
    if not unit:
        return None
    follow = _NOT_AFTER.get(unit, ())
    if (follow and text.startswith(follow, m.end())) or text.startswith("/", m.end()):
        return None  # 6个月 (a duration), 0.65元/度 (a price)
    unit = "%" if unit == "％" else unit
    return mul + unit, m.end(), bool(m.group("m1") or m.group("m2"))


def _candidates(text: str) -> list[_Cand]:
    """Numbers with units, a range (1-2家, 15%到20%) folded into one candidate."""
    cands: list[_Cand] = []
    prev: _Num | None = None
    prev_unit: tuple[str, int, bool] | None = None
    for num in _numbers(text):
        found = _unit_at(text, num)
        if found is not None:
            unit, unit_end, more = found
            start, low, high = num.start, num.value, None
            if prev is not None and _is_range(text, prev, prev_unit, num, unit):
                start, low, high = prev.start, prev.value, num.value
                if cands and cands[-1].num_start == prev.start:
                    cands.pop()
            after = _AFTER_WORD.match(text, unit_end)
            end = after.end() if after else unit_end
            word = re.sub(r"\s", "", after.group("w")) if after else ""
            cands.append(_Cand(start, num.start, end, low, high, unit, more, word, num.weak))
        prev, prev_unit = num, found
    return cands


def _is_range(text: str, prev: _Num, prev_unit: tuple[str, int, bool] | None, num: _Num, unit: str) -> bool:
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


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _cuts(text: str, chars: str) -> list[int]:
    """Positions of the cut characters and of hard line breaks, in order (one linear pass).

    A line break between two ideographs (建\n\n成 — a page break inside a word) is soft and
    does not cut; one before an enumerator (④, 一、, （二）) or after punctuation does.
    """
    cuts = [m.start() for m in re.finditer(f"[{re.escape(chars)}]", text)]
    for m in _LINE_BREAK.finditer(text):
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 2]
        soft = _is_ideograph(before) and _is_ideograph(after[:1]) and after[1:2] != "、" and "\t" not in m.group()
        if not soft:
            cuts.append(m.start())
    cuts.sort()
    return cuts


def _bounds(cuts: list[int], start: int, end: int, size: int) -> tuple[int, int]:
    """The clause (or sentence) around ``[start, end)``: cuts inside the span (40\\n\\n个) are ignored."""
    k = bisect_left(cuts, start)
    left = cuts[k - 1] + 1 if k else 0
    k = bisect_left(cuts, end)
    return left, cuts[k] if k < len(cuts) else size


def _comparator(text: str, c: _Cand, seg_start: int, prev: _Cand | None) -> tuple[str, bool]:
    """The comparator from the words next to the number, and whether a word (not a default) gave it.

    ``prev`` is the candidate before it in the same clause: a list (分别增长15%和8%以上, 分别不低于
    80%、60%) shares its comparator.
    """
    matches = list(_BEFORE.finditer(text, seg_start, c.start))
    kind = matches[-1].lastgroup if matches else None
    if len(matches) > 1 and matches[-2].lastgroup == "delta" and matches[-1].start() - matches[-2].end() <= 1:
        kind = "delta"  # 增幅达到12%, 增长率达到8%
    listed = prev is not None and _LIST_GAP.fullmatch(text, prev.end, c.start) is not None
    if listed and prev is not None and prev.comparator == "delta" and not prev.after and c.unit in _RATE_UNITS:
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


_NEVER = 1 << 62
_REACH = 120
_CLAUSE_FACTS = {
    "strive": re.compile(r"力争|争取"),
    "condition": re.compile(r"涉及|凡"),
    "weak": re.compile(r"现有|目前|共有"),
    "verb": _TARGET_VERB,
    "age": re.compile(r"达到|达|提高到|提高至|提升到|提升至|超过"),
    "strong": re.compile(r"已|(?<![为除])了(?!解)|去年|过去|近年来|先后|截[至止]目前"),
    "reward": re.compile(r"奖励|补助|补贴|资助|奖补|给予|贴息|扶持资金|一次性"),
    "days": re.compile(r"天数"),
}
_SENTENCE_FACTS = {
    "past": re.compile(r"截至|截止|去年|过去|近年来|以来"),
    "dated": re.compile(r"截[至止]\s*\d"),
    "compared": re.compile(r"同比"),
    "target": _TARGET_WORDS,
}


@dataclass(slots=True)
class _Facts:
    """Where each cue first occurs in one clause or sentence (``_NEVER`` when absent), found once."""

    first: dict[str, int]
    ends_de: bool = False
    lead_in: bool = False


def _facts(text: str, start: int, end: int, patterns: dict[str, re.Pattern[str]]) -> _Facts:
    first: dict[str, int] = {}
    for name, pattern in patterns.items():
        m = pattern.search(text, start, end)
        first[name] = m.start() if m else _NEVER
    return _Facts(first, text[start:end].rstrip().endswith("的"))


class _Context:
    """The text cut into clauses and sentences, with their facts cached (linear time overall)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cuts = _cuts(text, _CLAUSE_CUTS)
        self.sentence_cuts = _cuts(text, _SENTENCE_CUTS)
        spans = bracket_spans(text)
        self.spans, self.span_starts = spans, [s for s, _ in spans]
        self._clauses: dict[int, _Facts] = {}
        self._sentences: dict[int, _Facts] = {}
        self._lead_ins: dict[int, bool] = {}

    def clause(self, c: _Cand, sentence_start: int) -> _Facts:
        """Facts of the clause of ``c``, and whether a lead-in clause (力争到2025年，) opens its sentence."""
        facts = self._clauses.get(c.cs)
        if facts is None:
            facts = _facts(self.text, c.cs, c.ce, _CLAUSE_FACTS)
            k = bisect_left(self.cuts, sentence_start)
            first_end = self.cuts[k] if k < len(self.cuts) else len(self.text)
            facts.lead_in = first_end < c.cs and self._leads_in(sentence_start, first_end)
            self._clauses[c.cs] = facts
        return facts

    def _leads_in(self, start: int, end: int) -> bool:
        """Whether the clause ``[start, end)`` only says 力争/争取 and when (cached per sentence)."""
        lead = self._lead_ins.get(start)
        if lead is None:
            m = _ENUMERATOR.match(self.text, start, end)
            lead = self._lead_ins[start] = _LEAD_IN.fullmatch(self.text, m.end() if m else start, end) is not None
        return lead

    def sentence(self, start: int, end: int) -> _Facts:
        facts = self._sentences.get(start)
        if facts is None:
            facts = self._sentences[start] = _facts(self.text, start, end, _SENTENCE_FACTS)
        return facts


def _bad_surroundings(ctx: _Context, c: _Cand) -> bool:
    """Codes, ordinals, quotations, qualifiers and capacities around the number."""
    text = ctx.text
    before = text[max(0, c.start - 3) : c.start]
    if inside(ctx.spans, ctx.span_starts, c.start) or before.rstrip().endswith(("第", "每", "等", "含")):
        return True
    if re.search(r"[A-Za-z][\s/-]?$", before):
        return True
    if text[max(0, c.start - 4) : c.start].endswith(_CAPACITY):
        return True
    nxt = text[c.end : c.end + 20].lstrip(" \t\u3000")
    if c.unit in _RATE_UNITS:
        return False
    if nxt.startswith("的") and not nxt.startswith(("的目标", "的任务")):
        return True
    if c.after and _QUALIFIED.match(nxt):
        return True  # 80套及以上房源的小区, 3名及以上委员的
    if c.unit.lstrip("万亿") in _MONEY or c.unit == "岁":
        nxt = re.sub(r"^[（(][^）)]{0,12}[）)]", "", nxt)
        return c.after[-1:] in ("上", "下") and bool(nxt) and _is_ideograph(nxt[0])
    return False


def _in_past(c: _Cand, clause: _Facts, sentence: _Facts) -> bool:
    """Whether the clause or its sentence describes the present or the past rather than a target."""
    if clause.first["strong"] < _NEVER:
        return True
    if sentence.first["past"] < c.start and not sentence.first["dated"] < c.start:
        return True
    if sentence.first["compared"] < _NEVER and sentence.first["target"] == _NEVER:
        return True
    return clause.first["weak"] < c.start and clause.first["verb"] >= c.start


def _gated(c: _Cand, clause: _Facts) -> bool:
    """Whether a number lacks the context it needs: conditions, Chinese numerals, 岁, 天, rewards."""
    if clause.ends_de or clause.first["condition"] < c.start:
        return True
    if c.weak and not c.explicit:
        return True
    base = c.unit.lstrip("万亿")
    if base == "天" and clause.first["days"] == _NEVER:
        return True
    if base == "岁" and clause.first["age"] >= c.start:
        return True
    return base in _MONEY and clause.first["reward"] < _NEVER


def _due(
    dated: list[Deadline], starts: list[int], c: _Cand, sentence: tuple[int, int], year: int | None, facts: _Facts
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
    if chosen is None or chosen.date is None:
        return year, False
    due = int(chosen.date[:4])
    if not chosen.words.startswith(("截至", "截止")):
        return due, False
    if year is None:
        return due, facts.first["target"] == _NEVER
    return due, due < year


def _drop_subject_counts(text: str, kept: list[_Cand]) -> list[_Cand]:
    """Drop a count of the subject (8个县区新建4个以上 → 4 only); objects (对…) and lists (、) stay."""
    lists = [m.start() for m in re.finditer("、", text)]
    drop: set[int] = set()
    nearest: _Cand | None = None
    for i in range(len(kept) - 1, -1, -1):
        c = kept[i]
        if nearest is not None and nearest.cs != c.cs:
            nearest = None
        if nearest is not None and not c.explicit and c.unit not in _RATE_UNITS:
            k = bisect_left(lists, c.end)
            listed = (k < len(lists) and lists[k] < nearest.start) or bool(
                _LIST_GAP.fullmatch(text, c.end, nearest.start)
            )
            if not listed and text[c.start - 1 : c.start] not in ("对", "为", "向", "在", "给"):
                drop.add(i)
        if c.explicit:
            nearest = c
    return [c for i, c in enumerate(kept) if i not in drop]


def _clause_span(text: str, c: _Cand, trimmed: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """The clause without its enumerator (①, 1., （二）) and surrounding whitespace (cached per clause).

    A run-on clause is cut to ``_REACH`` characters either side of the number, which keeps the
    output linear in the input.
    """
    span = trimmed.get(c.cs)
    if span is None:
        m = _ENUMERATOR.match(text, c.cs)
        end = c.ce
        while end > c.cs and text[end - 1].isspace():
            end -= 1
        span = trimmed[c.cs] = (m.end() if m else c.cs, end)
    start, end = min(span[0], c.start), max(span[1], c.end)
    return max(start, c.start - _REACH), min(end, c.end + _REACH)


def find_indicators(text: str, offset: int = 0, year: int | None = None) -> list[Indicator]:
    """The quantitative targets stated in ``text``, in order; offsets shifted by ``offset``.

    ``year`` is the due year in force from context (the plan year of an annual plan, the 到2025年
    of an enclosing goal paragraph); a dated deadline in the clause or its sentence overrides it.
    """
    cands = _candidates(text)
    if not cands:
        return []
    ctx = _Context(text)
    dated = [d for d in find_deadlines(text, 0, year) if d.date]
    dated_starts = [d.start for d in dated]
    kept: list[_Cand] = []
    prev: _Cand | None = None
    for c in cands:
        c.cs, c.ce = _bounds(ctx.cuts, c.start, c.end, len(text))
        prev = prev if prev is not None and prev.cs == c.cs else None
        c.comparator, c.explicit = _comparator(text, c, prev.end if prev is not None else c.cs, prev)
        prev = c
        bounds = _bounds(ctx.sentence_cuts, c.start, c.end, len(text))
        clause, sentence = ctx.clause(c, bounds[0]), ctx.sentence(*bounds)
        if _bad_surroundings(ctx, c) or _gated(c, clause) or _in_past(c, clause, sentence):
            continue
        c.due, past = _due(dated, dated_starts, c, bounds, year, sentence)
        if past:
            continue
        if c.comparator == "=" and (clause.first["strive"] < c.start or clause.lead_in):
            c.comparator = ">="
        kept.append(c)
    trimmed: dict[int, tuple[int, int]] = {}
    return [_indicator(text, c, offset, trimmed) for c in _drop_subject_counts(text, kept)]


def _indicator(text: str, c: _Cand, offset: int, trimmed: dict[int, tuple[int, int]]) -> Indicator:
    start, end = _clause_span(text, c, trimmed)
    return Indicator(
        text=text[start:end],
        start=start + offset,
        end=end + offset,
        value=c.value,
        value_max=c.value_max,
        unit=c.unit,
        comparator=c.comparator,
        year=c.due,
    )
