"""Quantitative targets (指标) as Chinese plans state them: 年内新增规上企业9户, 不少于9条, 控制在25%以内 ….

:func:`find_indicators` is a pure function over one string. It finds every number with a
unit of measure (Arabic or Chinese numerals, 万/亿 kept in the unit), decides whether it
states a target, and reads its comparator and due year from the words around it.

The comparator is read by loaders/comparators.py, the number and unit by loaders/quantities.py.

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

The due year is chosen by loaders/years.py: the ``year`` passed in, overridden by a dated deadline in the clause, else in its
sentence (the nearest before, else the first after): 到2025年, 2022年底前, 年内 (→ ``year``).
Undated (试点期间) and recurring (每年) deadlines keep the context year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from loaders.comparators import LIST_GAP, RATE_UNITS, comparator
from loaders.deadlines import bracket_spans, find_deadlines, inside
from loaders.quantities import MONEY, Quantity, quantities
from loaders.years import due_year

__all__ = ["Target", "find_indicators"]


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative target: its clause (verbatim, with offsets), number, unit, comparator and due year."""

    text: str
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    comparator: str
    year: int | None
    unit_at: tuple[int, ...] = ()  # offsets of the unit's characters: the unit as printed is read there


_CLAUSE_CUTS = "，,。；;：:！!？?\t\f"
_SENTENCE_CUTS = "。；;！!？?\f"
_LINE_BREAK = re.compile(r"(?<![ \u3000])[ \u3000]*+[\r\n]\s*")
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

    def clause(self, c: Quantity, sentence_start: int) -> _Facts:
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


# an ordinal (第), a denominator (每), a sum (等, 共计), a part (含), a thing acted on (将…分解, 围绕…)
_NOT_TARGET_BEFORE = ("第", "每", "等", "含", "将", "围绕")
_SUM_BEFORE = ("共计", "合计", "总计")  # (共计121项) sums a list; 共计256万元 commits money


def _bad_surroundings(ctx: _Context, c: Quantity) -> bool:
    """Codes, ordinals, quotations, qualifiers and capacities around the number."""
    text = ctx.text
    before = text[max(0, c.start - 3) : c.start]
    if inside(ctx.spans, ctx.span_starts, c.start) or before.rstrip().endswith(_NOT_TARGET_BEFORE):
        return True
    if re.search(r"[A-Za-z][\s/-]?$", before):
        return True
    if text[max(0, c.start - 2) : c.start] in _SUM_BEFORE and c.unit.lstrip("万亿") not in MONEY:
        return True
    if text[max(0, c.start - 4) : c.start].endswith(_CAPACITY):
        return True
    nxt = text[c.end : c.end + 20].lstrip(" \t\u3000")
    if c.unit in RATE_UNITS:
        return False
    nxt = re.sub(r"^[（(][^）)]{0,12}[）)]", "", nxt)  # 6亩以下(不含6亩)的土地
    if nxt.startswith("的") and not nxt.startswith(("的目标", "的任务")):
        return True
    if c.after and _QUALIFIED.match(nxt):
        return True  # 80套及以上房源的小区, 3名及以上委员的
    if c.unit.lstrip("万亿") in MONEY or c.unit == "岁":
        nxt = re.sub(r"^[（(][^）)]{0,12}[）)]", "", nxt)
        return c.after[-1:] in ("上", "下") and bool(nxt) and _is_ideograph(nxt[0])
    return False


def _in_past(c: Quantity, clause: _Facts, sentence: _Facts) -> bool:
    """Whether the clause or its sentence describes the present or the past rather than a target."""
    if clause.first["strong"] < _NEVER:
        return True
    if sentence.first["past"] < c.start and not sentence.first["dated"] < c.start:
        return True
    if sentence.first["compared"] < _NEVER and sentence.first["target"] == _NEVER:
        return True
    return clause.first["weak"] < c.start and clause.first["verb"] >= c.start


_TIME_LIMITS = frozenset(("个工作日", "工作日", "天"))


def _gated(c: Quantity, clause: _Facts) -> bool:
    """Whether a number lacks the context it needs: conditions, Chinese numerals, 岁, 天, rewards."""
    if clause.ends_de or clause.first["condition"] < c.start:
        return True
    if c.weak and not c.explicit:
        return True
    base = c.unit.lstrip("万亿")
    if base in _TIME_LIMITS:  # a time limit: 10个工作日内, 压缩至90个工作日以内 (not a duration: 培训5天)
        return not (c.after.endswith("内") or c.comparator == "<=" or base == "天" and clause.first["days"] < _NEVER)
    if base == "岁" and clause.first["age"] >= c.start:
        return True
    return base == "年" and (clause.first["age"] >= c.start or c.value >= 100)  # 平均生存周期达到5年


def _drop_subject_counts(text: str, kept: list[Quantity]) -> list[Quantity]:
    """Drop a count of the subject (8个县区新建4个以上 → 4 only); objects (对…) and lists (、) stay."""
    lists = [m.start() for m in re.finditer("、", text)]
    drop: set[int] = set()
    nearest: Quantity | None = None
    for i in range(len(kept) - 1, -1, -1):
        c = kept[i]
        if nearest is not None and nearest.cs != c.cs:
            nearest = None
        if nearest is not None and not c.explicit and c.unit not in RATE_UNITS:
            k = bisect_left(lists, c.end)
            listed = (k < len(lists) and lists[k] < nearest.start) or bool(
                LIST_GAP.fullmatch(text, c.end, nearest.start)
            )
            if not listed and text[c.start - 1 : c.start] not in ("对", "为", "向", "在", "给"):
                drop.add(i)
        if c.explicit:
            nearest = c
    return [c for i, c in enumerate(kept) if i not in drop]


def _clause_span(text: str, c: Quantity, trimmed: dict[int, tuple[int, int]]) -> tuple[int, int]:
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


def find_indicators(text: str, offset: int = 0, year: int | None = None, doc_year: int | None = None) -> list[Target]:
    """The quantitative targets stated in ``text``, in order; offsets shifted by ``offset``.

    ``year`` is the due year in force from context (the plan year of an annual plan, the 到2025年
    of an enclosing goal paragraph); a dated deadline in the clause or its sentence overrides it.
    """
    cands = quantities(text)
    if not cands:
        return []
    ctx = _Context(text)
    # 年内/今年 are the year the document was signed, whatever year its goals are due
    dated = [d for d in find_deadlines(text, 0, doc_year or year) if d.date]
    dated_starts = [d.start for d in dated]
    kept: list[Quantity] = []
    prev: Quantity | None = None
    for c in cands:
        c.cs, c.ce = _bounds(ctx.cuts, c.start, c.end, len(text))
        prev = prev if prev is not None and prev.cs == c.cs else None
        c.comparator, c.explicit = comparator(text, c, prev.end if prev is not None else c.cs, prev)
        prev = c
        bounds = _bounds(ctx.sentence_cuts, c.start, c.end, len(text))
        clause, sentence = ctx.clause(c, bounds[0]), ctx.sentence(*bounds)
        if _bad_surroundings(ctx, c) or _gated(c, clause) or _in_past(c, clause, sentence):
            continue
        c.due, past = due_year(dated, dated_starts, c, bounds, year, sentence.first["target"] < _NEVER)
        if past:
            continue
        if c.comparator == "=" and (clause.first["strive"] < c.start or clause.lead_in):
            c.comparator = ">="
        kept.append(c)
    trimmed: dict[int, tuple[int, int]] = {}
    return [_indicator(text, c, offset, trimmed) for c in _drop_subject_counts(text, kept)]


def _indicator(text: str, c: Quantity, offset: int, trimmed: dict[int, tuple[int, int]]) -> Target:
    start, end = _clause_span(text, c, trimmed)
    return Target(
        text=text[start:end],
        start=start + offset,
        end=end + offset,
        value=c.value,
        value_max=c.value_max,
        unit=c.unit,
        comparator=c.comparator,
        year=c.due,
        unit_at=tuple(k + offset for k in c.unit_at),
    )
