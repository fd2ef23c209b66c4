"""Reading one department name against the lexicon: prefixes (place, level, party), organ forms, collectives.

Owns the patterns compiled from the lexicon, :func:`parse_name` (how well a stretch reads as one name),
:func:`lookup` and :func:`qualify` (a name with its jurisdiction in front).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.jurisdiction import places_by_name
from loaders.lexicon import EMBEDDED_LEVEL, Body, lexicon, place_full, places
from loaders.text import fold, word_alternation

__all__ = [
    "COST_FORM",
    "COST_HEAD",
    "COST_KNOWN",
    "COST_NONE",
    "COST_PLACE",
    "ParsedName",
    "lend_prefix",
    "level_matches",
    "lookup",
    "official_name",
    "parse_name",
    "patterns",
    "qualify",
    "unit_place",
]

HAN = "\u4e00-\u9fff"
_CORE_LEVELS = ("自治区", "自治州", "自治县", "自治旗", "省", "市", "县", "区", "州", "盟", "旗")
_LEVELS = (*_CORE_LEVELS, "市直", "县直", "区直", "旗直", "市级", "县级", "区级", "旗级")
PARTY_TAIL = ("委员会", "党委", "委")
# bodies a party committee does not contain: the 纪委 is elected beside it (市纪委监委, never 市委纪委监委)
_PARTY_PEERS = frozenset({"纪委监委"})
# functions that only mean something with a place in front (市政府, 县委): never matched bare in prose
_NEEDS_PREFIX = frozenset({"人民政府", "党委", "党委办公室"})

# kinds whose lexicon name is the body's official name in every jurisdiction of a level (a court is 中级 in a
# city, a tax bureau 国家税务总局X税务局, a zone or an enterprise has its own name, a collective its printing)
_OFFICIAL_KINDS = frozenset({"government", "party", "congress", "procuratorate", "mass", "other"})
_PROVINCIAL_FORM = "厅"  # a provincial department is a 厅 where the lexicon lists its 厅 form (人力资源和社会保障厅)

# cost of reading a stretch of text as one unit: lower is better (see _soft_split)
COST_KNOWN, COST_FORM, COST_PLACE, COST_HEAD, COST_NONE = 0, 1, 2, 3, 4

# organ-form endings of bodies the lexicon does not know, and the kind each implies
_FORM_KINDS: dict[str, str] = {
    "管理委员会": "zone", "管委会": "zone", "人民法院": "court", "法院": "court", "检察院": "procuratorate",
    "人民政府": "government", "政府": "government", "办事处": "government", "街道": "government",
    "海关": "vertical", "有限公司": "enterprise", "公司": "enterprise", "集团": "enterprise",
    "银行": "enterprise", "支行": "enterprise", "分行": "enterprise", "农场": "enterprise",
    "林场": "enterprise", "牧场": "enterprise", "厂": "enterprise", "联合会": "mass",
    "学院": "other", "大学": "other", "学校": "other", "医院": "other", "协会": "other", "学会": "other",
    "商会": "other", "领导小组": "other", "中心": "other", "馆": "other", "院": "other", "所": "other",
    "站": "other", "队": "other", "社": "other", "会": "other", "分局": "government", "局": "government",
    "委员会": "government", "委": "government", "办公室": "government", "办": "government",
    "厅": "government", "室": "government", "科": "government", "股": "government", "处": "government", "署": "government", "部": "government",
}  # fmt: skip
# unknown bodies of these forms are departments of the level before them (市…、秦岭办 → 市秦岭办)
_RESTORABLE_FORMS = frozenset({"局", "分局", "委", "委员会", "办", "办公室", "中心", "室", "厅", "处"})
# a two–three character person name may end in one of these: 王建站 is a person, not a station
_PERSONISH_ENDINGS = frozenset("站队所社院会馆部场处室厅署科股")
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_COLLECTIVE_ENDINGS = re.compile(
    r"(?:人民政府|政府|部门|单位|管委会|管理委员会|街道|办事处|乡镇|镇|乡|苏木|县|区|旗|园区|开发区|社区|村"
    r"|院校|学校|医院|企业|机构|党工委|党委|党组|工委)$"
)
# joining spellings of collective names, generated for prose (各县（区）, 各国家级、省级, 各镇、街道)
_COLLECTIVE_SPELLINGS = (
    ("县区", ("县(区)", "县、区")),
    ("区县", ("区(县)", "区、县")),
    ("县市区", ("县(市、区)", "县(市区)", "县、市、区")),
    ("国家级省级", ("国家级、省级",)),
    ("部门单位", ("部门、单位",)),
    ("镇街道", ("镇、街道",)),
)
_COLLECTIVE_STRIP = re.compile(r"[()〈〉、,\s]")
_LEVEL_WORD = re.compile(r"自治区|自治州|自治县|自治旗|[省市县区州盟旗]")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ParsedName:
    """How one squashed, folded name reads."""

    cost: int
    body: Body | None = None
    former: bool = False
    kind: str = "other"
    prefix: str = ""  # place / level / party prefix as written ('' when none)
    place: str | None = None  # the jurisdiction the name carries (full name when known)
    place_text: str = ""  # that place as written
    level: str | None = None  # 市/县/区 … when the prefix is a bare level
    party: bool = False  # the prefix names a party committee (市委, 宝鸡市委)
    ctx: bool = False  # the prefix may be lent to the following units of a list
    restorable: bool = False  # has no prefix and may borrow one


_NOTHING = ParsedName(COST_NONE)


# ---------------------------------------------------------------- patterns


def _prose_bare(name: str, body: Body) -> bool:
    """May the name stand without a prefix in running text? (科技局 yes; 政府, 高新区 no)"""
    if len(name) < 3 or body.function in _NEEDS_PREFIX or body.kind == "collective":
        return False
    return body.kind != "zone" or name.endswith(("管委会", "管理委员会"))


def _collective_spellings(names: list[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        out.add(name)
        for joined, spellings in _COLLECTIVE_SPELLINGS:
            if joined in name:
                out.update(name.replace(joined, s, 1) for s in spellings)
    return out


@dataclass(frozen=True)
class _Patterns:
    piece: re.Pattern[str]  # fullmatch: one squashed, folded name
    prose: re.Pattern[str]  # finditer: department mentions in folded prose
    prefix: re.Pattern[str]  # fullmatch: a prefix (place, level, party)
    lead: re.Pattern[str]  # match: a jurisdiction prefix at the start of an unknown name
    collective: re.Pattern[str]  # fullmatch: level prefix + 各… core, brackets and 、 removed
    form: re.Pattern[str]  # fullmatch: an organ-form name


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    lex = lexicon()
    names = {n: b for n, (b, _) in lex.index.items() if b.kind != "collective"}
    place, level, core = word_alternation(places()), word_alternation(_LEVELS), word_alternation(_CORE_LEVELS)
    tail = "|".join(PARTY_TAIL)
    not_gov = rf"(?!{word_alternation(lex.by_function['人民政府'].names)})"  # 市委政府 is 市委 and 市政府
    committee = rf"(?:中共)?(?:{place})?(?:{core})(?:{tail})"
    party = committee + not_gov
    gov = rf"(?:{place})(?:{level})?|(?:{level})"
    # a place the tables do not know: a few characters and a level, never an organ's (市人社局市… is two names)
    place_char = rf"(?:(?![局厅办委部院会处署室])[{HAN}])"
    gen_party = rf"(?:中共)?{place_char}{{2,6}}?[市县区旗盟州](?:{tail}){not_gov}"
    gen_gov = rf"{place_char}{{2,6}}?[市县区旗盟州]"
    alias = word_alternation(names)
    zone = word_alternation([n for n, b in names.items() if b.kind == "zone"])
    pboc = rf"(?:中国)?(?:人民银行|人行)(?P<pplace>[{HAN}]{{1,8}}?)(?P<branch>中心支行|支行|分行|营业管理部)"
    paren = r"(?:\([^()]*\)?)?"  # a second name in brackets, 市市场监管局(知识产权局); may be cut off
    piece = (
        rf"(?P<pboc>{pboc}){paren}|(?P<pre>{party}|{gov}|{gen_party}|{gen_gov})?(?P<alias>{alias}){paren}"
        rf"|(?P<zpre>[{HAN}]{{2,8}}?)(?P<zalias>{zone}){paren}|(?P<ponly>{party}|{gen_party})(?P<poffice>办公室|办公厅|办)?{paren}"
    )
    coll_pre = (
        rf"(?:(?:{place})?(?:省|自治区|市|县|区|旗)(?:级|直属|直|人民政府|政府)?|(?:{place})|国务院|中央和国家机关)"
    )
    coll_names = [n for n, (b, _) in lex.index.items() if b.kind == "collective"]
    coll = word_alternation(_collective_spellings([n for n in coll_names if n.startswith("各") and len(n) >= 3]))
    bare_names = [n for n, b in names.items() if _prose_bare(n, b)]
    bare = word_alternation(bare_names)
    prose_paren = rf"(?:\((?:{level})?(?:{alias})\))?"
    # every match starts with one of these: a cheap test lets most positions fail at once
    firsts = {"中", "人", "各"} | {w[0] for w in [*places(), *_LEVELS, *bare_names]}
    prose = (
        rf"(?=[{''.join(map(re.escape, sorted(firsts)))}])"
        rf"(?:(?P<pboc>{pboc})|(?P<coll>(?:{coll_pre})?(?:{coll}))|(?P<pre>{party}|{gov})(?P<alias>{alias}){prose_paren}"
        rf"|(?<!国家)(?<!中央)(?P<bare>{bare}){prose_paren}|(?P<ponly>{committee})(?![书常委员领])(?P<poffice>办公室|办公厅|办)?)"
    )
    return _Patterns(
        piece=re.compile(piece),
        prose=re.compile(prose),
        prefix=re.compile(
            rf"(?:中共)?(?P<place>{place}|[{HAN}]{{2,6}}?[市县区旗盟州])?(?P<level>{level})?(?P<party>{tail})?"
        ),
        lead=re.compile(rf"(?:{party}|{gov})"),
        collective=re.compile(rf"(?P<pre>{coll_pre})?(?P<core>(?:各|有关|相关).*)"),
        form=re.compile(rf"(?P<stem>.+?)(?P<suffix>{word_alternation(_FORM_KINDS)}){paren}"),
    )


# ---------------------------------------------------------------- reading one name


def _prefix_info(pre: str) -> tuple[str | None, str, str | None, bool]:
    """(place full name, place as written, bare level, party) of a prefix such as 宝鸡市委 or 县."""
    m = patterns().prefix.fullmatch(pre) if pre else None
    if m is None:
        return None, "", None, False
    place_text, lvl = m.group("place") or "", m.group("level")
    if place_text in _LEVELS and not lvl:  # 自治区 is a level, not a place called 自治
        place_text, lvl = "", place_text
    level = (lvl[-1] if lvl.startswith("自治") else lvl[0]) if lvl else None  # 自治区 → 区, 市直 → 市
    return place_full(place_text) if place_text else None, place_text, level, bool(m.group("party"))


def _is_person(s: str, suffix: str) -> bool:
    return 2 <= len(s) <= 3 and s[0] in SURNAMES and len(suffix) == 1 and suffix in _PERSONISH_ENDINGS


def _parse_collective(s: str) -> ParsedName | None:
    norm = _COLLECTIVE_STRIP.sub("", s)
    m = patterns().collective.fullmatch(norm)
    if m is None:
        return ParsedName(COST_FORM, kind="collective") if norm.endswith("成员单位") else None
    pre, core = m.group("pre") or "", m.group("core")
    place, place_text, lvl, _ = _prefix_info(pre.removesuffix("人民政府").removesuffix("政府"))
    found = lexicon().index.get(core)
    if found is not None and found[0].kind == "collective":
        return ParsedName(COST_KNOWN, found[0], False, "collective", pre, place, place_text, lvl)
    if core.startswith("各") and _COLLECTIVE_ENDINGS.search(core) or norm.endswith("成员单位"):
        return ParsedName(COST_FORM, kind="collective", prefix=pre, place=place, place_text=place_text, level=lvl)
    return ParsedName(COST_HEAD, kind="collective") if core.startswith("各") else None


def _from_piece(m: re.Match[str]) -> ParsedName:
    lex = lexicon()
    if m.group("pboc"):
        body, text = lex.by_function["人民银行"], m.group("pplace")
        former = m.group("branch") in ("中心支行", "支行")
        return ParsedName(COST_KNOWN, body, former, body.kind, "", place_full(text), text)
    if m.group("zalias"):
        body, former = lex.index[m.group("zalias")]
        text = m.group("zpre")
        return ParsedName(COST_KNOWN, body, former, body.kind, text, place_full(text), text)
    if m.group("ponly"):
        body = lex.by_function["党委办公室" if m.group("poffice") else "党委"]
        place, place_text, lvl, _ = _prefix_info(m.group("ponly"))
        return ParsedName(COST_KNOWN, body, False, "party", m.group("ponly"), place, place_text, lvl, True, True)
    body, former = lex.index[m.group("alias")]
    pre = m.group("pre") or ""
    place, place_text, lvl, party = _prefix_info(pre)
    ctx = bool(pre) and (lvl is not None or party or place_text[-1:] in ("市", "县", "区", "旗", "盟", "州"))
    restorable = not pre and _restorable(m.group("alias"), body)
    return ParsedName(COST_KNOWN, body, former, body.kind, pre, place, place_text, lvl, party, ctx, restorable)


def _restorable(alias: str, body: Body) -> bool:
    """May a bare lexicon name borrow a neighbour's prefix? Not zones, nor names carrying a level (团市委)."""
    return body.kind != "zone" and not EMBEDDED_LEVEL.fullmatch(alias)


def _parse_form(s: str) -> ParsedName:
    m = patterns().form.fullmatch(s)
    if m is None or _is_person(s, m.group("suffix")):
        return _NOTHING
    suffix = m.group("suffix")
    lead = patterns().lead.match(s)
    pre = lead.group(0) if lead and lead.end() < m.start("suffix") else ""
    place, place_text, lvl, party = _prefix_info(pre)
    kind = "party" if party and _FORM_KINDS[suffix] == "government" else _FORM_KINDS[suffix]
    ctx = bool(pre) and (lvl is not None or party)
    restorable = not pre and place is None and suffix in _RESTORABLE_FORMS
    return ParsedName(COST_FORM, None, False, kind, pre, place, place_text, lvl, party, ctx, restorable)


@lru_cache(maxsize=16384)
def parse_name(s: str) -> ParsedName:
    """Read one squashed, folded name: lexicon first, then collective, place and organ forms."""
    if not s:
        return _NOTHING
    collective = _parse_collective(s)
    if collective is not None:
        return collective
    exact = lexicon().index.get(s)
    if exact is not None:  # a whole name wins over prefix + shorter name (全面依法治市委员会办公室)
        body, former = exact
        return ParsedName(COST_KNOWN, body, former, body.kind, restorable=_restorable(s, body))
    m = patterns().piece.fullmatch(s)
    if m is not None:
        return _from_piece(m)
    if s in places():
        return ParsedName(COST_PLACE, kind="government", place=places()[s], place_text=s)
    return _parse_form(s)


def lookup(name: str) -> tuple[Body, bool] | None:
    """The lexicon row a department name resolves to (with or without prefix), and whether it is a former name."""
    parsed = parse_name(_WS.sub("", fold(name)))
    return (parsed.body, parsed.former) if parsed.body is not None else None


def lend_prefix(prefix: str, party: bool, parsed: ParsedName) -> str:
    """The prefix a unit borrows from its neighbour: 市委 ↔ 市 by the borrower's kind."""
    body = parsed.body
    wants_party = body is not None and body.kind == "party" and body.function not in _PARTY_PEERS
    if wants_party == party:
        return prefix
    if wants_party:
        base = prefix[:-1] if prefix.endswith(("直", "级")) else prefix
        return base + "委"
    base = prefix.removeprefix("中共")
    for tail in PARTY_TAIL:
        if base.endswith(tail):
            return base[: -len(tail)]
    return base


def level_matches(level: str | None, jurisdiction: str) -> bool:
    return level is None or jurisdiction.endswith(level)


def qualify(name: str, jurisdiction: str | None) -> str:
    """The name with the jurisdiction in front: 市科技局 + 宝鸡市 → 宝鸡市科技局, 县民政局 + 眉县 → 眉县民政局.

    Names that carry a place (人行渭南市中心支行, 宝鸡高新区管委会) and level prefixes that do not fit the
    jurisdiction (县民政局 in a 市 document) stay as they are. A collective always takes a place: the
    document's (各县(区)人民政府 → 宝鸡市各县(区)人民政府, 市级各有关部门 → 宝鸡市级各有关部门), or the
    enclosing one its level names (省政府各部门 in a 宝鸡市 document → 陕西省政府各部门).
    """
    p = parse_name(_WS.sub("", fold(name)))
    if jurisdiction and p.kind == "collective":
        return _qualify_collective(name, p, jurisdiction)
    if not jurisdiction or p.kind == "collective" or p.place or p.cost > COST_FORM:
        return name
    embedded = EMBEDDED_LEVEL.match(name)
    if embedded and p.body is not None:
        if not jurisdiction.endswith(embedded.group("level")):
            return name
        return f"共青团{jurisdiction}委{name[embedded.end() :]}"
    if p.prefix:
        if not p.ctx or not level_matches(p.level, jurisdiction):
            return name
        # keep what follows the level: 市委 → 宝鸡市委, 自治区党委 → …自治区党委, 市直机关工委 → 宝鸡市直机关工委
        kept = next((t for t in (*PARTY_TAIL, "直", "级") if p.prefix.endswith(t)), "")
        return jurisdiction + kept + name[len(p.prefix) :]
    if p.body is None and not p.restorable:
        return name
    if p.body is not None and p.body.function in ("党委", "党委办公室"):
        return jurisdiction + "委" + name.removeprefix("党委")
    return lend_prefix(jurisdiction, False, p) + name


def _ancestor(jurisdiction: str, level: str) -> str | None:
    """The jurisdiction of `level` (省, 市, 区 of 自治区 …) that `jurisdiction` lies in (data/places.tsv)."""
    found = places_by_name().get(jurisdiction)
    seen = {jurisdiction}
    while found is not None and found.parent and found.parent not in seen:
        seen.add(found.parent)
        if found.parent.endswith(level):
            return found.parent
        found = places_by_name().get(found.parent)
    return None


def _collective_lead(name: str, p: ParsedName) -> tuple[str | None, str | None, int]:
    """(place it names, level its prefix names, length of that level word) of a collective's name."""
    folded = _WS.sub("", fold(name))
    prefix, level = p.prefix, p.level
    if p.place:
        return p.place, None, 0
    if not prefix:  # 市爱卫会各成员单位: read only by its ending; its lead may still be a place or a level
        lead = patterns().lead.match(folded)
        if lead is None:
            return None, None, 0
        place, _, level, _ = _prefix_info(lead.group(0))
        if place:
            return place, None, 0
        prefix = lead.group(0)
    word = _LEVEL_WORD.match(folded)
    return None, level, word.end() if word and prefix.startswith(word.group(0)) else 0


def unit_place(name: str, jurisdiction: str | None) -> str | None:
    """The place a collective belongs to: the one it names, the enclosing one its level prefix names, else
    the document's jurisdiction (None when neither is known).

    >>> unit_place("省政府各部门", "宝鸡市"), unit_place("各镇、街道", "青铜峡市"), unit_place("各镇", None)
    ('陕西省', '青铜峡市', None)
    """
    p = parse_name(_WS.sub("", fold(name)))
    place, level, _ = _collective_lead(name, p)
    if place or not jurisdiction:
        return place or jurisdiction
    if level and not level_matches(level, jurisdiction):
        return _ancestor(jurisdiction, level) or jurisdiction
    return jurisdiction


def _qualify_collective(name: str, p: ParsedName, jurisdiction: str) -> str:
    place, level, cut = _collective_lead(name, p)
    if place:
        return name
    if not cut:  # 各县(区)人民政府, 相关部门; 国务院各部门 names its own place
        return name if p.prefix else jurisdiction + name
    if level is None or level_matches(level, jurisdiction):
        return jurisdiction + name[cut:]
    above = _ancestor(jurisdiction, level)
    return above + name[cut:] if above else jurisdiction + name


def _level_form(body: Body, jurisdiction: str) -> str | None:
    """The lexicon's name of `body` at the level of `jurisdiction`; None where the lexicon does not know it."""
    found = places_by_name().get(jurisdiction)
    level = found.level if found is not None else ("provincial" if jurisdiction.endswith(("省", "自治区")) else "")
    if level == "national":
        return None
    name = body.canonical
    if level == "provincial" and any(n.endswith(_PROVINCIAL_FORM) for n in body.names):
        name = name[:-1] + _PROVINCIAL_FORM  # 人力资源和社会保障局 → 人力资源和社会保障厅, if the lexicon lists it
        if name not in body.names:
            return None
    tail = jurisdiction[-1:]
    # a name written for a city (全面依法治市委员会办公室, 团市委) as the lexicon spells it for this level
    embedded = [n for n in body.names if (m := EMBEDDED_LEVEL.fullmatch(n)) and m.group("level") == tail]
    if embedded:
        return embedded[0]
    local = name.replace("市", tail) if tail and tail != "市" else name
    return local if local in body.names else name


def official_name(function: str | None, jurisdiction: str | None) -> str | None:
    """The official name of a lexicon body of `jurisdiction` at its level: 人力资源社会保障 + 巴彦淖尔市 →
    巴彦淖尔市人力资源和社会保障局 (陕西省 → 陕西省人力资源和社会保障厅). None where the lexicon cannot say:
    no jurisdiction, a national body, a kind whose bodies carry local names (courts, vertical bodies, zones,
    enterprises, collectives, the CPPCC, whose place goes inside the name)."""
    body = lexicon().by_function.get(function) if function and jurisdiction else None
    if body is None or jurisdiction is None or body.kind not in _OFFICIAL_KINDS:
        return None
    name = _level_form(body, jurisdiction)
    if name and body.kind == "party" and body.function not in _PARTY_PEERS and jurisdiction.endswith("自治区"):
        name = "自治区党委" + name.removeprefix("党委")  # an autonomous region's committee is its 党委, not 区委
    return qualify(name, jurisdiction) if name else None
