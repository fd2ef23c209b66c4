"""The department lexicon: the rows of data/departments.tsv, the places of data/places.tsv, the jieba dictionary.

Owns reading the tables; how a printed name is read against them lives in loaders/names.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.files import write_text
from loaders.jurisdiction import read_table, short_name
from loaders.text import DATA_DIR

__all__ = ["KINDS", "Body", "Lexicon", "lexicon", "place_full", "places", "read_lexicon", "write_jieba_userdict"]

KINDS = frozenset(
    {"party", "government", "congress", "cppcc", "court", "procuratorate", "mass", "vertical", "zone"}
    | {"collective", "enterprise", "other"}
)
# a league committee carries its level inside the name (团市委): never prefixed again
EMBEDDED_LEVEL = re.compile(r"(?:共青)?团(?P<level>[省市县区旗州盟])委")
_JIEBA_FREQ = 2000
_WS = re.compile(r"\s+")


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
def places() -> dict[str, str]:
    """Full place names of data/places.tsv and their short forms (two characters or more) → full name."""
    full = [r["name"] for r in read_table("places.tsv") if r.get("name") and r["name"] != "中华人民共和国"]
    names = {name: name for name in full}
    for name in full:
        if len(short_name(name)) >= 2:
            names.setdefault(short_name(name), name)
    return names


def place_full(text: str) -> str | None:
    """宝鸡 → 宝鸡市; an unknown name ending in a level (天台县) stands for itself; else None."""
    if text in places():
        return places()[text]
    return text if text and text[-1] in "省市县区州盟旗" else None


def write_jieba_userdict(path: Path) -> int:
    """Write every lexicon name, bare and behind 市/县/区 (市委/县委/区委 for party organs), as `word freq nt`."""
    words: dict[str, None] = {}
    for body in lexicon().bodies:
        for name in body.names:
            words.setdefault(name)
            if body.kind == "collective" or EMBEDDED_LEVEL.fullmatch(name):
                continue
            for lvl in ("市", "县", "区"):
                words.setdefault(lvl + name)
                if body.kind == "party":
                    words.setdefault(lvl + "委" + name)
    lines = [f"{word} {_JIEBA_FREQ} nt" for word in words if not _WS.search(word)]
    write_text(path, "\n".join(lines) + "\n")  # the one atomic writer
    return len(lines)
