"""Department mentions in a text: splitting 责任单位 lists into units, finding names in prose, department keys.

Reading one name is loaders/names.py's job; this module decides where one name ends and the next begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.jurisdiction import short_name
from loaders.lexicon import places
from loaders.names import (
    COST_FORM,
    COST_HEAD,
    COST_NONE,
    COST_PLACE,
    HAN,
    SURNAMES,
    ParsedName,
    lend_prefix,
    level_matches,
    parse_name,
    patterns,
    qualify,
    unit_place,
)
from loaders.reforms import level_of, successor_name
from loaders.roles import role_words
from loaders.text import fold

__all__ = ["Unit", "department_key", "find_units", "split_units"]

# the right piece of 各X、Y when 各 distributes over it: 各镇、街道 / 各县、区人民政府 / 各部门、单位
_DISTRIBUTED_TAIL = re.compile(
    r"(?:乡|镇|街道|社区|村|县|区|旗|市|苏木|国家级|省级|市级|县级|区级)+"
    r"(?:人民政府|政府|管委会|管理委员会|办事处|(?:开发)?园区管委会|开发区管委会)?|(?:有关|相关)?(?:部门|单位)"
)
_HARD_SEPARATOR = re.compile(r"[、,;:]|(?<!高)等(?:(?:相关|有关|其他)?(?:部门|单位))?")
_SOFT_SEPARATOR = re.compile(r"\s+|以及|和|及|与")
_LEADING_WORD = re.compile(rf"(?:{role_words().alternation('lead_in')})\s*")
_TRAILING_VERB = re.compile(rf"\s*(?:{role_words().alternation('verb')})\s*$")
_LIST_GAP = re.compile(r"\s*[、,]\s*")
_MAX_FRAGMENTS = 16
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Unit:
    """One department as printed in a text, and what the lexicon makes of it."""

    mention: str  # verbatim as printed (the slice of the input text)
    name: str  # whitespace removed, elided prefix/suffix restored
    function: str | None  # lexicon function key; None when recognised only by form
    kind: str
    known: bool  # True when the lexicon knows it
    successor: str | None  # for a name a reform merged away, the canonical name of the body now (data/reforms.tsv)
    start: int  # offsets into the text given to the function (plus `offset`)
    end: int


@dataclass(slots=True)
class _Seg:
    """A stretch of the input being read as one unit (name filled in once spans are final)."""

    start: int
    end: int
    parsed: ParsedName
    name: str = field(default="")


# ---------------------------------------------------------------- splitting a list


def _key(folded: str, start: int, end: int) -> str:
    return _WS.sub("", folded[start:end])


def _squashed(text: str, folded: str, start: int, end: int) -> str:
    return "".join(c for c, f in zip(text[start:end], folded[start:end], strict=True) if not f.isspace())


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    """Whitespace, a leading 由/请 and a trailing 牵头/配合 come off when the rest reads better."""
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    lead = _LEADING_WORD.match(folded, start, end)
    if (
        lead
        and lead.end() < end
        and parse_name(_key(folded, lead.end(), end)).cost < parse_name(_key(folded, start, end)).cost
    ):
        start = lead.end()
    verb = _TRAILING_VERB.search(folded, start, end)
    if (
        verb
        and verb.start() > start
        and parse_name(_key(folded, start, verb.start())).cost < parse_name(_key(folded, start, end)).cost
    ):
        end = verb.start()
    return start, end


def _hard_pieces(folded: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in [*_HARD_SEPARATOR.finditer(folded), None]:
        stop = m.start() if m else len(folded)
        start, end = _trim(folded, pos, stop)
        if start < end:
            pieces.append((start, end))
        pos = m.end() if m else pos
    return pieces


def _soft_split(folded: str, start: int, end: int) -> list[_Seg]:
    """Split at whitespace/和/及/与 only where the parts read better than the whole (fewest unknowns, then fewest parts)."""
    frags: list[tuple[int, int]] = []
    pos = start
    for m in _SOFT_SEPARATOR.finditer(folded, start, end):
        if m.start() > pos:
            frags.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        frags.append((pos, end))
    if len(frags) <= 1 or len(frags) > _MAX_FRAGMENTS:
        return [_Seg(start, end, parse_name(_key(folded, start, end)))]
    best: list[tuple[int, int, int]] = [(0, 0, 0)]  # (cost, parts, where the last part starts)
    for i in range(1, len(frags) + 1):
        options = []
        for j in range(i):
            cost = parse_name(_key(folded, frags[j][0], frags[i - 1][1])).cost
            if cost == COST_FORM and j < i - 1:
                cost += 1  # a name known only by its form does not run across a gap: 市城管局 咸阳市水务集团
            options.append((best[j][0] + cost, best[j][1] + 1, j))
        best.append(min(options))
    segs: list[_Seg] = []
    i = len(frags)
    while i > 0:
        j = best[i][2]
        s, e = frags[j][0], frags[i - 1][1]
        segs.append(_Seg(s, e, parse_name(_key(folded, s, e))))
        i = j
    return segs[::-1]


def _merge_collectives(folded: str, segs: list[_Seg]) -> list[_Seg]:
    """各国家级、省级园区管委会 and 各镇、街道 are one actor: 各 distributes over the listed kinds."""
    out: list[_Seg] = []
    for seg in segs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.parsed.kind == "collective"
            and (prev.parsed.cost == COST_HEAD or _DISTRIBUTED_TAIL.fullmatch(_key(folded, seg.start, seg.end)))
        ):
            # 各县〈市、区〉政府和温州海经区管委会: the collective ends at 和; what follows is a unit of its own
            joint = _SOFT_SEPARATOR.search(folded, seg.start, seg.end) if prev.parsed.cost == COST_HEAD else None
            if joint is not None and joint.start() > seg.start and not joint.group().isspace():
                out[-1] = _Seg(prev.start, joint.start(), parse_name(_key(folded, prev.start, joint.start())))
                out.extend(_soft_split(folded, joint.end(), seg.end))
                continue
            out[-1] = _Seg(prev.start, seg.end, parse_name(_key(folded, prev.start, seg.end)))
            continue
        out.append(seg)
    return out


def _looks_like_place(s: str) -> bool:
    return s in places() or (
        2 <= len(s) <= 4 and re.fullmatch(f"[{HAN}]+", s) is not None and not (len(s) <= 3 and s[0] in SURNAMES)
    )


def _restore_suffixes(segs: list[_Seg]) -> None:
    """哈尔滨、黑河市政府: a bare place takes the organ of the place-prefixed name after it."""
    for seg, nxt in zip(segs, segs[1:], strict=False):
        right = nxt.parsed
        if seg.parsed.cost not in (COST_PLACE, COST_NONE) or right.cost > COST_FORM:
            continue
        if not right.place_text or right.kind in ("zone", "collective") or not right.ctx:
            continue
        if not _looks_like_place(fold(seg.name)):
            continue
        if seg.name[-1:] in "省市县区州盟旗" and right.place_text[-1:] == seg.name[-1:]:
            suffix = nxt.name[len(right.place_text) :]
        else:
            suffix = nxt.name[len(short_name(right.place_text)) :]
        seg.name += suffix
        seg.parsed = parse_name(_WS.sub("", fold(seg.name)))


def _restore_prefixes(segs: list[_Seg]) -> None:
    """市农牧业局、规划局 → 市规划局: a unit without prefix borrows the last one printed in its list."""
    lent: tuple[str, bool] | None = None
    collective = ""  # 省政府各部门、各直属机构: a collective lends its prefix to the collective right after it
    for seg in segs:
        p = seg.parsed
        if p.kind == "collective":
            if p.prefix:
                collective = seg.name[: len(p.prefix)]
            elif collective and seg.name.startswith("各") and p.body is None:  # 各直属机构, not 各县区人民政府
                seg.name = collective + seg.name
            continue
        collective = ""
        if p.ctx and p.prefix:
            lent = (seg.name[: len(p.prefix)], p.party)
        elif p.restorable and lent is not None:
            seg.name = lend_prefix(lent[0], lent[1], p) + seg.name


def _unit(text: str, seg: _Seg, offset: int) -> Unit:
    p = seg.parsed
    body = p.body
    return Unit(
        mention=text[seg.start : seg.end],
        name=seg.name,
        function=body.function if body else None,
        kind=p.kind,
        known=body is not None,
        successor=successor_name(seg.name, body.function, p.former, level_of(p.place)) if body is not None else None,
        start=seg.start + offset,
        end=seg.end + offset,
    )


def _found(text: str, folded: str, start: int, end: int) -> list[_Seg]:
    """Department mentions found by the prose pattern between start and end."""
    segs = []
    for m in patterns().prose.finditer(folded, start, end):
        parsed = parse_name(_key(folded, m.start(), m.end()))
        if parsed.cost <= COST_FORM:
            segs.append(_Seg(m.start(), m.end(), parsed, _squashed(text, folded, m.start(), m.end())))
    return segs


def split_units(text: str, offset: int = 0) -> list[Unit]:
    """Units of one responsibility slot's content (市农牧业局、规划局 → 市农牧业局, 市规划局).

    Splits at 、，,；; (and at whitespace or 和/及/与 between two complete names), keeps 各…、… collectives
    whole, restores elided prefixes (市/市委) and suffixes (哈尔滨、黑河市政府), drops person names and keeps
    unknown organ-form bodies with known=False. Offsets point into `text` (plus `offset`).
    各镇、街道 is one collective unit (各 distributes over 镇 and 街道, like 各国家级、省级园区管委会); a named
    街道 after it (各镇、裕民街道) is a unit of its own. A trailing 等相关部门 is dropped, not a unit.
    """
    folded = fold(text)
    segs: list[_Seg] = []
    for start, end in _hard_pieces(folded):
        segs.extend(_soft_split(folded, start, end))
    segs = _merge_collectives(folded, segs)
    for seg in segs:
        seg.name = _squashed(text, folded, seg.start, seg.end)
    _restore_suffixes(segs)
    kept: list[_Seg] = []
    for seg in segs:
        if seg.parsed.cost <= COST_PLACE:
            kept.append(seg)
        else:  # leftover words around a name (市发改委牵头 …) or a person: keep only names inside
            kept.extend(_found(text, folded, seg.start, seg.end))
    _restore_prefixes(kept)
    return [_unit(text, seg, offset) for seg in kept]


def find_units(text: str, offset: int = 0) -> list[Unit]:
    """Department mentions in running text (由市发展改革委牵头，市财政局、市住建局配合 → three units).

    One compiled pattern over the whole text (linear); prefixes are restored within 、-separated runs.
    """
    folded = fold(text)
    segs = _found(text, folded, 0, len(text))
    run: list[_Seg] = []
    for seg in segs:
        if run and not _LIST_GAP.fullmatch(folded, run[-1].end, seg.start):
            _restore_prefixes(run)
            run = []
        run.append(seg)
    _restore_prefixes(run)
    return [_unit(text, seg, offset) for seg in segs]


# ---------------------------------------------------------------- keys


def department_key(unit: Unit, jurisdiction: str | None) -> str:
    """`宝鸡市/科技`: the place the unit belongs to and its function (a former name counts as its successor).

    Unknown bodies key on the qualified name (宝鸡市/宝鸡市秦岭办); a level prefix that does not fit the
    jurisdiction keeps its level in the key (宝鸡市/县民政). A collective keys on the place it belongs to
    (宝鸡市/各县区人民政府; 省政府各部门 of a 宝鸡市 document: 陕西省/各有关部门); with no jurisdiction
    known it stays bare (extract warns W302).
    """
    p = parse_name(_WS.sub("", fold(unit.name)))
    place = p.place or jurisdiction
    if p.kind == "collective":  # 各县(区)人民政府 of 宝鸡市 is not 巴彦淖尔市's; 省政府各部门 are the province's
        place = unit_place(unit.name, jurisdiction)
        if place != jurisdiction and unit.known and unit.function is not None:
            return f"{place}/{unit.function}"
    if not unit.known or unit.function is None:
        tail = qualify(unit.name, jurisdiction)
    elif p.kind == "zone" and p.prefix and p.place is None:
        tail = unit.name  # a zone with its own name (蔡家坡经开区管委会)
    else:
        tail = unit.function
        if p.level and not p.place and jurisdiction and not level_matches(p.level, jurisdiction):
            tail = p.level + tail
    return f"{place}/{tail}" if place else tail
