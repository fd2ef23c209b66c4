"""Department names: the lexicon of data/departments.tsv and the recognisers compiled from it.

Owns splitting 责任单位 lists into units, finding department mentions in prose, and department keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from loaders.files import write_text
from loaders.jurisdiction import read_table, short_name
from loaders.text import DATA_DIR, fold

__all__ = [
    "KINDS",
    "Body",
    "Lexicon",
    "Unit",
    "department_key",
    "find_units",
    "lexicon",
    "lookup",
    "qualify",
    "read_lexicon",
    "split_units",
    "write_jieba_userdict",
]

KINDS = frozenset(
    {"party", "government", "congress", "cppcc", "court", "procuratorate", "mass", "vertical", "zone"}
    | {"collective", "enterprise", "other"}
)
HAN = "\u4e00-\u9fff"
_CORE_LEVELS = ("自治区", "自治州", "自治县", "自治旗", "省", "市", "县", "区", "州", "盟", "旗")
_LEVELS = (*_CORE_LEVELS, "市直", "县直", "区直", "旗直", "市级", "县级", "区级", "旗级")
_PARTY_TAIL = ("委员会", "党委", "委")
# bodies a party committee does not contain: the 纪委 is elected beside it (市纪委监委, never 市委纪委监委)
_PARTY_PEERS = frozenset({"纪委监委"})
# functions that only mean something with a place in front (市政府, 县委): never matched bare in prose
_NEEDS_PREFIX = frozenset({"人民政府", "党委", "党委办公室"})

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
    "厅": "government", "室": "government", "处": "government", "署": "government", "部": "government",
}  # fmt: skip
# unknown bodies of these forms are departments of the level before them (市…、秦岭办 → 市秦岭办)
_RESTORABLE_FORMS = frozenset({"局", "分局", "委", "委员会", "办", "办公室", "中心", "室", "厅", "处"})
# a two–three character person name may end in one of these: 王建站 is a person, not a station
_PERSONISH_ENDINGS = frozenset("站队所社院会馆部场处室厅署")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_COLLECTIVE_ENDINGS = re.compile(
    r"(?:人民政府|政府|部门|单位|管委会|管理委员会|街道|办事处|乡镇|镇|乡|苏木|县|区|旗|园区|开发区|社区|村"
    r"|院校|学校|医院|企业|机构)$"
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
# the right piece of 各X、Y when 各 distributes over it: 各镇、街道 / 各县、区人民政府 / 各部门、单位
_DISTRIBUTED_TAIL = re.compile(
    r"(?:乡|镇|街道|社区|村|县|区|旗|市|苏木|国家级|省级|市级|县级|区级)+"
    r"(?:人民政府|政府|管委会|管理委员会|办事处|(?:开发)?园区管委会|开发区管委会)?|(?:有关|相关)?(?:部门|单位)"
)
_HARD_SEPARATOR = re.compile(r"[、,;:]|(?<!高)等(?:(?:相关|有关|其他)?(?:部门|单位))?")
_SOFT_SEPARATOR = re.compile(r"\s+|以及|和|及|与")
_LEADING_WORD = re.compile(r"(?:由|请|会同|协同)\s*")
_TRAILING_VERB = re.compile(r"\s*(?:按职责分工|分别|共同)?(?:牵头|负责|配合落实|配合|协助|参与|督促落实|落实)\s*$")
_LIST_GAP = re.compile(r"\s*[、,]\s*")
_WS = re.compile(r"\s+")
_COLLECTIVE_STRIP = re.compile(r"[()、,\s]")
_EMBEDDED_LEVEL = re.compile(r"(?:共青)?团(?P<level>[省市县区旗州盟])委")
_MAX_FRAGMENTS = 16
_JIEBA_FREQ = 2000


@dataclass(frozen=True, slots=True)
class Body:
    """One row of data/departments.tsv: a type of body found in every jurisdiction."""

    function: str
    kind: str
    canonical: str
    aliases: tuple[str, ...]
    former: tuple[str, ...]
    reform: int | None

    @property
    def names(self) -> tuple[str, ...]:
        """Canonical name, aliases and former names, in that order."""
        return (self.canonical, *self.aliases, *self.former)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The rows, and every name (canonical, alias, former) → (row, is_former)."""

    bodies: tuple[Body, ...]
    index: dict[str, tuple[Body, bool]]
    by_function: dict[str, Body]


@dataclass(frozen=True, slots=True)
class Unit:
    """One department as printed in a text, and what the lexicon makes of it."""

    mention: str  # verbatim as printed (the slice of the input text)
    name: str  # whitespace removed, elided prefix/suffix restored
    function: str | None  # lexicon function key; None when recognised only by form
    kind: str
    known: bool  # True when the lexicon knows it
    successor: str | None  # for a pre-reform name, the canonical name of its successor; else None
    start: int  # offsets into the text given to the function (plus `offset`)
    end: int


@dataclass(frozen=True, slots=True)
class _Parsed:
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


_NOTHING = _Parsed(COST_NONE)


@dataclass(slots=True)
class _Seg:
    """A stretch of the input being read as one unit (name filled in once spans are final)."""

    start: int
    end: int
    parsed: _Parsed
    name: str = field(default="")


# ---------------------------------------------------------------- tables


def _bar(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def read_lexicon(path: Path = DATA_DIR / "departments.tsv") -> Lexicon:
    """Parse a departments table; a name claimed by two functions or a bad kind raises ValueError."""
    bodies: list[Body] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("function\t"):
            continue
        function, kind, canonical, aliases, former, reform = (c.strip() for c in (line.split("\t") + [""] * 6)[:6])
        if not function or not canonical or kind not in KINDS:
            raise ValueError(f"{path}:{lineno}: bad row {line!r}")
        bodies.append(Body(function, kind, canonical, _bar(aliases), _bar(former), int(reform) if reform else None))
    index: dict[str, tuple[Body, bool]] = {}
    for body in bodies:
        for name in body.names:
            seen = index.get(name)
            if seen is not None and seen[0].function != body.function:
                raise ValueError(f"{path}: {name} is claimed by {seen[0].function} and {body.function}")
            index.setdefault(name, (body, name in body.former and name not in body.aliases))
    return Lexicon(tuple(bodies), index, {b.function: b for b in bodies})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of data/departments.tsv, read once."""
    return read_lexicon()


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Full place names of data/places.tsv and their short forms (two characters or more) → full name."""
    full = [r["name"] for r in read_table("places.tsv") if r.get("name") and r["name"] != "中华人民共和国"]
    names = {name: name for name in full}
    for name in full:
        if len(short_name(name)) >= 2:
            names.setdefault(short_name(name), name)
    return names


def _place_full(text: str) -> str | None:
    """宝鸡 → 宝鸡市; an unknown name ending in a level (天台县) stands for itself; else None."""
    if text in _places():
        return _places()[text]
    return text if text and text[-1] in "省市县区州盟旗" else None


# ---------------------------------------------------------------- patterns


def _trie(words: list[str] | set[str] | dict[str, Any] | tuple[str, ...]) -> str:
    """One regex alternation for many literal words, factored as a trie: linear, longest first."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(root) or "(?!)"


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


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
def _patterns() -> _Patterns:
    lex = lexicon()
    names = {n: b for n, (b, _) in lex.index.items() if b.kind != "collective"}
    place, level, core = _trie(_places()), _trie(_LEVELS), _trie(_CORE_LEVELS)
    tail = "|".join(_PARTY_TAIL)
    not_gov = rf"(?!{_trie(lex.by_function['人民政府'].names)})"  # 市委政府 is 市委 and 市政府
    committee = rf"(?:中共)?(?:{place})?(?:{core})(?:{tail})"
    party = committee + not_gov
    gov = rf"(?:{place})(?:{level})?|(?:{level})"
    # a place the tables do not know: a few characters and a level, never an organ's (市人社局市… is two names)
    place_char = rf"(?:(?![局厅办委部院会处署室])[{HAN}])"
    gen_party = rf"(?:中共)?{place_char}{{2,6}}?[市县区旗盟州](?:{tail}){not_gov}"
    gen_gov = rf"{place_char}{{2,6}}?[市县区旗盟州]"
    alias = _trie(names)
    zone = _trie([n for n, b in names.items() if b.kind == "zone"])
    pboc = rf"(?:中国)?(?:人民银行|人行)(?P<pplace>[{HAN}]{{1,8}}?)(?P<branch>中心支行|支行|分行|营业管理部)"
    paren = r"(?:\([^()]*\)?)?"  # a second name in brackets, 市市场监管局(知识产权局); may be cut off
    piece = (
        rf"(?P<pboc>{pboc}){paren}|(?P<pre>{party}|{gov}|{gen_party}|{gen_gov})?(?P<alias>{alias}){paren}"
        rf"|(?P<zpre>[{HAN}]{{2,8}}?)(?P<zalias>{zone}){paren}|(?P<ponly>{party}|{gen_party})(?P<poffice>办公室|办公厅|办)?{paren}"
    )
    coll_pre = rf"(?:(?:{place})?(?:市|县|区|旗)(?:级|直属|直|人民政府|政府)?|(?:{place}))"
    coll_names = [n for n, (b, _) in lex.index.items() if b.kind == "collective"]
    coll = _trie(_collective_spellings([n for n in coll_names if n.startswith("各") and len(n) >= 3]))
    bare_names = [n for n, b in names.items() if _prose_bare(n, b)]
    bare = _trie(bare_names)
    prose_paren = rf"(?:\((?:{level})?(?:{alias})\))?"
    # every match starts with one of these: a cheap test lets most positions fail at once
    firsts = {"中", "人", "各"} | {w[0] for w in [*_places(), *_LEVELS, *bare_names]}
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
        form=re.compile(rf"(?P<stem>.+?)(?P<suffix>{_trie(_FORM_KINDS)}){paren}"),
    )


# ---------------------------------------------------------------- reading one name


def _prefix_info(pre: str) -> tuple[str | None, str, str | None, bool]:
    """(place full name, place as written, bare level, party) of a prefix such as 宝鸡市委 or 县."""
    m = _patterns().prefix.fullmatch(pre) if pre else None
    if m is None:
        return None, "", None, False
    place_text, lvl = m.group("place") or "", m.group("level")
    if place_text in _LEVELS and not lvl:  # 自治区 is a level, not a place called 自治
        place_text, lvl = "", place_text
    level = (lvl[-1] if lvl.startswith("自治") else lvl[0]) if lvl else None  # 自治区 → 区, 市直 → 市
    return _place_full(place_text) if place_text else None, place_text, level, bool(m.group("party"))


def _is_person(s: str, suffix: str) -> bool:
    return 2 <= len(s) <= 3 and s[0] in _SURNAMES and len(suffix) == 1 and suffix in _PERSONISH_ENDINGS


def _parse_collective(s: str) -> _Parsed | None:
    norm = _COLLECTIVE_STRIP.sub("", s)
    m = _patterns().collective.fullmatch(norm)
    if m is None:
        return _Parsed(COST_FORM, kind="collective") if norm.endswith("成员单位") else None
    pre, core = m.group("pre") or "", m.group("core")
    place, place_text, lvl, _ = _prefix_info(pre.removesuffix("人民政府").removesuffix("政府"))
    found = lexicon().index.get(core)
    if found is not None and found[0].kind == "collective":
        return _Parsed(COST_KNOWN, found[0], False, "collective", pre, place, place_text, lvl)
    if core.startswith("各") and _COLLECTIVE_ENDINGS.search(core) or norm.endswith("成员单位"):
        return _Parsed(COST_FORM, kind="collective", prefix=pre, place=place, place_text=place_text, level=lvl)
    return _Parsed(COST_HEAD, kind="collective") if core.startswith("各") else None


def _from_piece(m: re.Match[str]) -> _Parsed:
    lex = lexicon()
    if m.group("pboc"):
        body, text = lex.by_function["人民银行"], m.group("pplace")
        former = m.group("branch") in ("中心支行", "支行")
        return _Parsed(COST_KNOWN, body, former, body.kind, "", _place_full(text), text)
    if m.group("zalias"):
        body, former = lex.index[m.group("zalias")]
        text = m.group("zpre")
        return _Parsed(COST_KNOWN, body, former, body.kind, text, _place_full(text), text)
    if m.group("ponly"):
        body = lex.by_function["党委办公室" if m.group("poffice") else "党委"]
        place, place_text, lvl, _ = _prefix_info(m.group("ponly"))
        return _Parsed(COST_KNOWN, body, False, "party", m.group("ponly"), place, place_text, lvl, True, True)
    body, former = lex.index[m.group("alias")]
    pre = m.group("pre") or ""
    place, place_text, lvl, party = _prefix_info(pre)
    ctx = bool(pre) and (lvl is not None or party or place_text[-1:] in ("市", "县", "区", "旗", "盟", "州"))
    restorable = not pre and _restorable(m.group("alias"), body)
    return _Parsed(COST_KNOWN, body, former, body.kind, pre, place, place_text, lvl, party, ctx, restorable)


def _restorable(alias: str, body: Body) -> bool:
    """May a bare lexicon name borrow a neighbour's prefix? Not zones, nor names carrying a level (团市委)."""
    return body.kind != "zone" and not _EMBEDDED_LEVEL.fullmatch(alias)


def _parse_form(s: str) -> _Parsed:
    m = _patterns().form.fullmatch(s)
    if m is None or _is_person(s, m.group("suffix")):
        return _NOTHING
    suffix = m.group("suffix")
    lead = _patterns().lead.match(s)
    pre = lead.group(0) if lead and lead.end() < m.start("suffix") else ""
    place, place_text, lvl, party = _prefix_info(pre)
    kind = "party" if party and _FORM_KINDS[suffix] == "government" else _FORM_KINDS[suffix]
    ctx = bool(pre) and (lvl is not None or party)
    restorable = not pre and place is None and suffix in _RESTORABLE_FORMS
    return _Parsed(COST_FORM, None, False, kind, pre, place, place_text, lvl, party, ctx, restorable)


@lru_cache(maxsize=16384)
def _parse(s: str) -> _Parsed:
    """Read one squashed, folded name: lexicon first, then collective, place and organ forms."""
    if not s:
        return _NOTHING
    collective = _parse_collective(s)
    if collective is not None:
        return collective
    exact = lexicon().index.get(s)
    if exact is not None:  # a whole name wins over prefix + shorter name (全面依法治市委员会办公室)
        body, former = exact
        return _Parsed(COST_KNOWN, body, former, body.kind, restorable=_restorable(s, body))
    m = _patterns().piece.fullmatch(s)
    if m is not None:
        return _from_piece(m)
    if s in _places():
        return _Parsed(COST_PLACE, kind="government", place=_places()[s], place_text=s)
    return _parse_form(s)


def lookup(name: str) -> tuple[Body, bool] | None:
    """The lexicon row a department name resolves to (with or without prefix), and whether it is a former name."""
    parsed = _parse(_WS.sub("", fold(name)))
    return (parsed.body, parsed.former) if parsed.body is not None else None


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
    if lead and lead.end() < end and _parse(_key(folded, lead.end(), end)).cost < _parse(_key(folded, start, end)).cost:
        start = lead.end()
    verb = _TRAILING_VERB.search(folded, start, end)
    if (
        verb
        and verb.start() > start
        and _parse(_key(folded, start, verb.start())).cost < _parse(_key(folded, start, end)).cost
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
        return [_Seg(start, end, _parse(_key(folded, start, end)))]
    best: list[tuple[int, int, int]] = [(0, 0, 0)]  # (cost, parts, where the last part starts)
    for i in range(1, len(frags) + 1):
        options = []
        for j in range(i):
            cost = _parse(_key(folded, frags[j][0], frags[i - 1][1])).cost
            if cost == COST_FORM and j < i - 1:
                cost += 1  # a name known only by its form does not run across a gap: 市城管局 咸阳市水务集团
            options.append((best[j][0] + cost, best[j][1] + 1, j))
        best.append(min(options))
    segs: list[_Seg] = []
    i = len(frags)
    while i > 0:
        j = best[i][2]
        s, e = frags[j][0], frags[i - 1][1]
        segs.append(_Seg(s, e, _parse(_key(folded, s, e))))
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
            out[-1] = _Seg(prev.start, seg.end, _parse(_key(folded, prev.start, seg.end)))
            continue
        out.append(seg)
    return out


def _looks_like_place(s: str) -> bool:
    return s in _places() or (
        2 <= len(s) <= 4 and re.fullmatch(f"[{HAN}]+", s) is not None and not (len(s) <= 3 and s[0] in _SURNAMES)
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
        seg.parsed = _parse(_WS.sub("", fold(seg.name)))


def _lend(prefix: str, party: bool, parsed: _Parsed) -> str:
    """The prefix a unit borrows from its neighbour: 市委 ↔ 市 by the borrower's kind."""
    body = parsed.body
    wants_party = body is not None and body.kind == "party" and body.function not in _PARTY_PEERS
    if wants_party == party:
        return prefix
    if wants_party:
        base = prefix[:-1] if prefix.endswith(("直", "级")) else prefix
        return base + "委"
    base = prefix.removeprefix("中共")
    for tail in _PARTY_TAIL:
        if base.endswith(tail):
            return base[: -len(tail)]
    return base


def _restore_prefixes(segs: list[_Seg]) -> None:
    """市农牧业局、规划局 → 市规划局: a unit without prefix borrows the last one printed in its list."""
    lent: tuple[str, bool] | None = None
    for seg in segs:
        p = seg.parsed
        if p.ctx and p.prefix:
            lent = (seg.name[: len(p.prefix)], p.party)
        elif p.restorable and lent is not None:
            seg.name = _lend(lent[0], lent[1], p) + seg.name


def _unit(text: str, seg: _Seg, offset: int) -> Unit:
    p = seg.parsed
    body = p.body
    return Unit(
        mention=text[seg.start : seg.end],
        name=seg.name,
        function=body.function if body else None,
        kind=p.kind,
        known=body is not None,
        successor=body.canonical if body is not None and p.former else None,
        start=seg.start + offset,
        end=seg.end + offset,
    )


def _found(text: str, folded: str, start: int, end: int) -> list[_Seg]:
    """Department mentions found by the prose pattern between start and end."""
    segs = []
    for m in _patterns().prose.finditer(folded, start, end):
        parsed = _parse(_key(folded, m.start(), m.end()))
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


def _level_matches(level: str | None, jurisdiction: str) -> bool:
    return level is None or jurisdiction.endswith(level)


def qualify(name: str, jurisdiction: str | None) -> str:
    """The name with the jurisdiction in front: 市科技局 + 宝鸡市 → 宝鸡市科技局, 县民政局 + 眉县 → 眉县民政局.

    Names that carry a place (人行渭南市中心支行, 宝鸡高新区管委会), collectives, and level prefixes that do
    not fit the jurisdiction (县民政局 in a 市 document) stay as they are.
    """
    p = _parse(_WS.sub("", fold(name)))
    if not jurisdiction or p.kind == "collective" or p.place or p.cost > COST_FORM:
        return name
    embedded = _EMBEDDED_LEVEL.match(name)
    if embedded and p.body is not None:
        if not jurisdiction.endswith(embedded.group("level")):
            return name
        return f"共青团{jurisdiction}委{name[embedded.end() :]}"
    if p.prefix:
        if not p.ctx or not _level_matches(p.level, jurisdiction):
            return name
        # keep what follows the level: 市委 → 宝鸡市委, 自治区党委 → …自治区党委, 市直机关工委 → 宝鸡市直机关工委
        kept = next((t for t in (*_PARTY_TAIL, "直", "级") if p.prefix.endswith(t)), "")
        return jurisdiction + kept + name[len(p.prefix) :]
    if p.body is None and not p.restorable:
        return name
    if p.body is not None and p.body.function in ("党委", "党委办公室"):
        return jurisdiction + "委" + name.removeprefix("党委")
    return _lend(jurisdiction, False, p) + name


def department_key(unit: Unit, jurisdiction: str | None) -> str:
    """`宝鸡市/科技`: the place the unit belongs to and its function (a former name counts as its successor).

    Unknown bodies key on the qualified name (宝鸡市/宝鸡市秦岭办); a level prefix that does not fit the
    jurisdiction keeps its level in the key (宝鸡市/县民政).
    """
    p = _parse(_WS.sub("", fold(unit.name)))
    place = p.place or jurisdiction
    if not unit.known or unit.function is None:
        tail = qualify(unit.name, jurisdiction)
    elif p.kind == "zone" and p.prefix and p.place is None:
        tail = unit.name  # a zone with its own name (蔡家坡经开区管委会)
    else:
        tail = unit.function
        if p.level and not p.place and jurisdiction and not _level_matches(p.level, jurisdiction):
            tail = p.level + tail
    return f"{place}/{tail}" if place else tail


# ---------------------------------------------------------------- jieba


def write_jieba_userdict(path: Path) -> int:
    """Write every lexicon name, bare and behind 市/县/区 (市委/县委/区委 for party organs), as `word freq nt`."""
    words: dict[str, None] = {}
    for body in lexicon().bodies:
        for name in body.names:
            words.setdefault(name)
            if body.kind == "collective" or _EMBEDDED_LEVEL.fullmatch(name):
                continue
            for lvl in ("市", "县", "区"):
                words.setdefault(lvl + name)
                if body.kind == "party":
                    words.setdefault(lvl + "委" + name)
    lines = [f"{word} {_JIEBA_FREQ} nt" for word in words if not _WS.search(word)]
    write_text(path, "\n".join(lines) + "\n")
    return len(lines)
