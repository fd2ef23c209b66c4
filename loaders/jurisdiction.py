"""Jurisdiction and level of a document, from its 文号 机关代字 and its issuer.

The tables live in data/: doc_prefixes.tsv (whole prefixes such as 国办发), places.tsv
(place abbreviations such as 陕 → 陕西省) and organ_codes.tsv (政办 → 人民政府办公室).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.text import DATA_DIR, to_simplified

TYPE_CHARS = "发字函文电令呈报复规通"


@dataclass(frozen=True, slots=True)
class Place:
    abbr: str
    name: str
    level: str
    parent: str

    @property
    def short(self) -> str:
        """宝鸡市 → 宝鸡, 内蒙古自治区 → 内蒙古, 青铜峡市 → 青铜峡."""
        return short_name(self.name)


PLACE_SUFFIXES = (
    "维吾尔自治区",
    "回族自治区",
    "壮族自治区",
    "自治区",
    "自治州",
    "特别行政区",
    "省",
    "市",
    "地区",
    "盟",
    "县",
    "区",
    "旗",
)


def short_name(name: str) -> str:
    """A place name without its level suffix, when at least two characters remain."""
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True, slots=True)
class Resolved:
    issuer: str | None
    jurisdiction: str | None
    level: str | None


def read_table(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, Resolved], dict[str, list[Place]], dict[str, tuple[str, str]]]:
    prefixes = {
        r["prefix"]: Resolved(r["issuer"], r.get("jurisdiction") or None, r.get("level") or None)
        for r in read_table("doc_prefixes.tsv")
    }
    places: dict[str, list[Place]] = {}
    for r in read_table("places.tsv"):
        places.setdefault(r["abbr"], []).append(Place(r["abbr"], r["name"], r["level"], r.get("parent", "")))
    organs = {
        ("" if r["code"] == "-" else r["code"]): (
            r["issuer_template"],
            r.get("provincial_template") or r["issuer_template"],
        )
        for r in read_table("organ_codes.tsv")
    }
    return prefixes, places, organs


@lru_cache(maxsize=1)
def places_by_name() -> dict[str, Place]:
    _, places, _ = tables()
    return {p.name: p for group in places.values() for p in group}


def _choose(candidates: list[Place], context: str) -> Place:
    named = [p for p in candidates if p.short in context]
    if named:
        return max(named, key=lambda p: len(p.short))
    in_context = [p for p in candidates if p.parent and p.parent[:2] in context]
    if in_context:
        return in_context[0]
    order = {"provincial": 0, "prefecture": 1, "county": 2, "national": 3}
    return min(candidates, key=lambda p: order.get(p.level, 9))


def resolve_prefix(org: str, context: str = "") -> Resolved:
    """The body, jurisdiction and level behind a 机关代字; `context` (issuer, title) settles ambiguity."""
    prefixes, places, organs = tables()
    org = to_simplified(org)
    if org in prefixes:
        return prefixes[org]
    for length in (3, 2, 1):
        abbr, rest = org[:length], org[length:]
        if abbr not in places:
            continue
        place = _choose(places[abbr], to_simplified(context))
        code = rest.rstrip(TYPE_CHARS) if rest not in organs else rest
        template = organs.get(code)
        issuer = None
        if template is not None:
            issuer = (template[1] if place.level == "provincial" else template[0]).format(place=place.name)
        return Resolved(issuer, place.name, place.level)
    return Resolved(None, None, None)


@lru_cache(maxsize=1)
def _place_names() -> tuple[dict[str, Place], re.Pattern[str]]:
    """Every full and short (two characters or more) place name, and one pattern finding the first."""
    names: dict[str, Place] = {}
    for place in sorted(places_by_name().values(), key=lambda p: -len(p.name)):
        if place.level == "national":
            continue
        names.setdefault(place.name, place)
        if len(place.short) >= 2:
            names.setdefault(place.short, place)
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    return names, pattern


_NATIONAL = re.compile(
    r"^(?:国务院|中共中央|中华人民共和国|中国共产党|全国人民代表大会|全国人大|最高人民|国家[^省市县区]{2,12}(?:局|委|署|院)$|[^省市县区旗]{2,10}部$)"
)
_PLACE_IN_NAME = re.compile(
    r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{2,8}?(?:自治区|自治州|自治县|自治旗|特别行政区|省|市|县|区|旗|盟|地区))"
)
_LEVEL_BY_SUFFIX = (
    ("自治区", "provincial"),
    ("特别行政区", "provincial"),
    ("省", "provincial"),
    ("自治州", "prefecture"),
    ("地区", "prefecture"),
    ("盟", "prefecture"),
    ("市", "prefecture"),
    ("自治县", "county"),
    ("自治旗", "county"),
    ("县", "county"),
    ("区", "county"),
    ("旗", "county"),
)


def resolve_issuer(issuer: str) -> Resolved:
    """Jurisdiction named inside an issuer ('宝鸡市人民政府' → 宝鸡市, prefecture)."""
    text = to_simplified(issuer)
    if _NATIONAL.match(text):
        return Resolved(issuer, "中华人民共和国", "national")
    # the place named first (宝鸡市贯彻落实内蒙古… is 宝鸡市's), the longest name at one position
    names, pattern = _place_names()
    m = pattern.search(text)
    best = names[m.group()] if m else None
    if best is not None:
        return Resolved(issuer, best.name, best.level)
    # a place the tables do not know, named by its own suffix: 清河县人民政府 → 清河县, county
    m = _PLACE_IN_NAME.match(text)
    if m and m.group("place") not in ("自治区", "市区", "县区"):
        name = m.group("place")
        level = next(level for suffix, level in _LEVEL_BY_SUFFIX if name.endswith(suffix))
        return Resolved(issuer, issuer[m.start("place") : m.end("place")], level)
    return Resolved(issuer, None, None)
