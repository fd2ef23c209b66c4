"""References from a document to other policy documents and laws.

《title》 (with 〈〉<> nested inside), a title in “quotes” that names a plan, and 文号
references with or without a title; `implements` when the clause says it carries them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.docno import BROKEN_NO, find_doc_nos, find_ling_nos, is_ling_no, printed_doc_no
from loaders.layout import DOC_TYPES
from loaders.text import squash

MAX_TITLE = 160
_OPEN = "《"
_CLOSE = "》"

# Titles end with the name of a kind of policy document or law (trailing "（试行）" etc. allowed).
_POLICY_END = re.compile(
    r"(?:法|法典|条例|规定|办法|细则|规则|意见|通知|决定|决议|方案|规划|计划|纲要|纲领|战略|标准|规范|指南"
    r"|指引|导则|目录|批复|函|公告|通告|通报|令|章程|制度|要点|措施|政策|建议|报告|议案|准则|公约|协定"
    r"|宪法|守则|条约|指标|体系|工程|行动)"
    r"(?:[(（〔\[][^()（）]{1,24}[)）〕\]])*$"
)
# Forms, lists and media in 《》 are not policy documents.
_NOT_POLICY = re.compile(
    r"(?:表|清单|名单|名录|台账|一览表|申请书|承诺书|责任书|协议书|证|证书|卡|手册|日报|晚报|报|杂志|期刊|栏目|节目)$"
)
_GENERIC = re.compile(r"^(?:实施|指导|工作|行动|管理|暂行|试行)?(?:" + "|".join(DOC_TYPES) + r"|法|纲要)$")
_QUOTED = re.compile(r"“([^“”\n]{8,60})”")

_IMPLEMENT = re.compile(r"贯彻|落实|根据|按照|依据|依照|遵照|遵循|执行|实施|聚焦|对标|对照")
# A policy named in quotes (“宝鸡市水污染防治2018年度工作方案”) only with a document kind and a place or year.
_QUOTED_KIND = re.compile(r"(?:方案|办法|规划|意见|条例|规定|细则|通知|纲要|决定|法)$")
_QUOTED_OWNER = re.compile(r"\d{4}|省|市|县|自治区|国家|关于")
# 《X》 that the notice itself issues: 现将《X》印发给你们 / 《X》已经市政府同意，现印发
_ISSUED_HERE = re.compile(r"^\s*(?:\([^()]{0,30}\))?\s*(?:已经[^。;；]{0,30}?[,，]\s*)?(?:现|予以|现予)?印发")
# A 文号 after the title in brackets, also after the kind of the enclosing notice: 《X》的通知(教师〔2015〕5号)
# (in round brackets the number may bring square ones of its own: 《X》(国办函[2016]38号))
_NO_AFTER = re.compile(
    r"\s*(?:的(?:通知|意见|决定|批复|函))?\s*"
    r"(?:\(\s*([^()]{4,40}?)\s*\)|[\[【〔]\s*([^()\[\]【】]{4,40}?)\s*[\]】〕])"
)
_SPANS = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")
# A plan still to be written is no reference: 出台《X》, 编制《X》, 参与《X》编制 (修订《X》 revises one that exists)
_TO_WRITE_BEFORE = re.compile(
    r"(?:出台|制定|编制|起草|拟定|研究制定|研究出台|抓紧制定|加快制定|加快出台|牵头编制|组织编制)\s*$"
)
# (but 《X》制定的目标: the targets X set)
_TO_WRITE_AFTER = re.compile(r"\s*的?(?:编制|起草|编写)|\s*(?:制定|出台)(?:工作|[,，。;；])")
_BUILT_ON = re.compile(r"\s*的?(?:实施细则|配套|实施方案|实施意见|具体措施|细则|实施办法|落实)")
_AFTER_IMPLEMENT = re.compile(r"^的?(?:贯彻落实|贯彻执行|落实|贯彻|执行|实施)(?!以来|情况|效果|后|前)")
_CLAUSE_END = "。;；,，:：!！?？\n"


@dataclass(frozen=True, slots=True)
class Mention:
    cited_no: str | None
    cited_title: str | None
    relation: str
    start: int
    end: int


_BRACKET = re.compile("[《》]")


def _bracket_spans(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost 《…》 spans, nested 《》 allowed; one pass over the brackets only (linear)."""
    spans: list[tuple[int, int]] = []
    depth = 0
    opened = -1
    for m in _BRACKET.finditer(folded, start, end):
        pos = m.start()
        if depth and pos - opened > MAX_TITLE:
            depth = 0  # an unclosed 《 long ago: forget it
        if m.group() == _OPEN:
            if depth == 0:
                opened = pos
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, pos + 1))
    return spans


def clean_title(raw: str, drop_lines: set[str]) -> str:
    """Title text as printed, lines joined, running page headers dropped."""
    parts = raw.split("\n")
    if len(parts) > 1:
        parts = [p for p in parts if squash(p) not in drop_lines]
    return squash("".join(parts))


def is_policy_title(title: str) -> bool:
    bare = title.strip("《》").rstrip('〉>”’"')
    if len(bare) < 3 or _GENERIC.match(bare):
        return False
    return bool(_POLICY_END.search(bare)) and not _NOT_POLICY.search(bare)


_REFERENCE_ONLY = re.compile(r"参照|参考|借鉴")
_BROKEN_AFTER_COMMA = re.compile(r"(?<=[,，、])\s*\n\s*")
_NO_IN_BRACKETS = re.compile(r"[(（][^()（）]{0,30}号[)）]")
# A clause that only names who issued the next title continues the list before it:
# 严格执行《A》精神，自治区党委《B》，以及市委《C》
_LIST_CONTINUES = re.compile(
    r"^\s*(?:以及|及|和|与|并)?(?:[\u4e00-\u9fff]{0,10}(?:党委|政府|市委|县委|区委|委|厅|部|局|办公室|办公厅|国务院|中央))?\s*$"
)


def relation_at(folded: str, start: int, end: int, floor: int) -> str:
    """`implements` when the clause before the reference (or just after it) says so."""
    # titles and 文号 before this one in the same run (《A》《B》, split over lines) belong to the clause
    window = _NO_IN_BRACKETS.sub("", _SPANS.sub("", folded[max(floor, start - 400) : start]))
    window = _BROKEN_AFTER_COMMA.sub("", window)  # a page break inside a sentence
    for _ in range(6):
        cut = max((window.rfind(ch) for ch in _CLAUSE_END), default=-1)
        before = window[cut + 1 :][-120:]
        if _IMPLEMENT.search(before):
            return "implements"
        if _REFERENCE_ONLY.search(before):
            return "cites"  # 参照《X》执行: taken as a model, not carried out
        if cut < 0 or window[cut] in "。;；\n" or not _LIST_CONTINUES.match(before):
            break
        window = window[:cut]
    return "implements" if _AFTER_IMPLEMENT.match(folded[end : end + 16]) else "cites"


def find_mentions(raw: str, folded: str, start: int, end: int, drop_lines: set[str]) -> list[Mention]:
    """Every reference in raw[start:end], in order; the caller filters self-references."""
    mentions: list[Mention] = []
    claimed: set[int] = set()
    spans = _bracket_spans(folded, start, end)
    for s, e in spans:
        title = clean_title(raw[s + 1 : e - 1], drop_lines)
        if _ISSUED_HERE.match(folded, e):
            continue  # the plan this notice issues, not a reference
        # a 文号 in brackets right after the title belongs to it
        tail = _NO_AFTER.match(folded, e, min(end, e + 56))
        cited_no = None
        span_end = e
        if tail:
            g = 1 if tail.group(1) is not None else 2
            lo, hi = tail.start(g), tail.end(g)
            nos = find_doc_nos(folded, lo, hi)
            if nos:
                cited_no = printed_doc_no(raw, nos[0])
                claimed.update(range(nos[0].start, nos[0].end))
                span_end = tail.end()
            elif BROKEN_NO.match(squash(folded[lo:hi])):
                cited_no = squash(raw[lo:hi])  # incomplete: kept as printed
                span_end = tail.end()
            elif is_ling_no(squash(folded[lo:hi])):
                cited_no = squash(raw[lo:hi])  # a government rule's 令号
                claimed.update(range(lo - 1, hi))
                span_end = tail.end()
        if not is_policy_title(title) and cited_no is None:
            continue
        if cited_no is None and _to_be_written(folded, s, e):
            continue
        mentions.append(Mention(cited_no, title, relation_at(folded, s, e, start), s, span_end))
    inside = [(s, e) for s, e in spans]
    for m in _QUOTED.finditer(folded, start, end):
        title = squash(raw[m.start(1) : m.end(1)])
        if _QUOTED_KIND.search(title) and _QUOTED_OWNER.search(title) and is_policy_title(title):
            if not any(s <= m.start() < e for s, e in inside):
                mentions.append(
                    Mention(None, title, relation_at(folded, m.start(), m.end(), start), m.start(), m.end())
                )
    for no in find_doc_nos(folded, start, end):
        if no.start in claimed or any(s <= no.start < e for s, e in inside):
            continue
        printed = raw[no.start : no.start + len(no.org)] + no.normalized[len(no.org) :]
        mentions.append(Mention(printed, None, relation_at(folded, no.start, no.end, start), no.start, no.end))
    for ling in find_ling_nos(folded, start, end):
        if ling.start in claimed or any(s <= ling.start < e for s, e in inside):
            continue
        printed = squash(raw[ling.start : ling.end])
        mentions.append(Mention(printed, None, relation_at(folded, ling.start, ling.end, start), ling.start, ling.end))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _to_be_written(folded: str, s: int, e: int) -> bool:
    """《X》 named as a plan to write (出台《X》, 参与《X》编制), not one that exists."""
    if _TO_WRITE_AFTER.match(folded, e, e + 8):
        return True
    return bool(_TO_WRITE_BEFORE.search(folded, max(0, s - 8), s)) and not _BUILT_ON.match(folded, e, e + 8)
