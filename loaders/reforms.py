"""Reform lineage: data/reforms.tsv read, and a printed name followed step by step to the body that exists now.

Each step carries its year and basis (the reform plan it comes from). A chain ends at a function of
data/departments.tsv that no row merges away (扶贫办 → 乡村振兴局 → 农业农村局), or at an abolished body with
no successor in its own jurisdiction (a county sub-branch of the People's Bank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.jurisdiction import places_by_name
from loaders.lexicon import Body, Lexicon, lexicon
from loaders.text import DATA_DIR

__all__ = ["LEVELS", "Lineage", "Reform", "Step", "level_of", "lineage", "read_reforms", "reforms", "successor_name"]

LEVELS = frozenset({"省", "市", "县"})
_PLACE_LEVELS = {"provincial": "省", "prefecture": "市", "county": "县"}
# 人民银行宝鸡市中心支行 / 人行青铜峡市支行: the place inside the name is dropped before the name is looked up
_PBOC = re.compile(r"^(?P<head>(?:中国)?(?:人民银行|人行))\S*?(?P<branch>中心支行|支行)$")


@dataclass(frozen=True, slots=True)
class Step:
    """One row of data/reforms.tsv: names (or a whole function) → a function, an intermediate name, or nothing."""

    former: tuple[str, ...]
    successor: str  # function key, a name of another row, or "" (abolished, no local successor)
    levels: tuple[str, ...]
    year: int
    basis: str
    note: str


@dataclass(frozen=True, slots=True)
class Lineage:
    """How one printed name came to its present body: the steps in order and where they end."""

    name: str
    steps: tuple[Step, ...]
    final: Body | None  # the body that exists now; None: abolished without a local successor

    @property
    def abolished(self) -> bool:
        return self.final is None

    def text(self, name: str | None = None) -> str:
        """扶贫办 → 乡村振兴局（2021，…）→ 农业农村局（2023，《党和国家机构改革方案》(2023)）; `name` in place
        of the printed name (the qualified one)."""
        parts = [name or self.name]
        for step in self.steps:
            target = _label(step.successor) or "撤销，本级无承接机构"
            parts.append(f"{target}（{step.year}，{step.basis}）")
        return " → ".join(parts)


@dataclass(frozen=True, eq=False)
class Reform:
    """The rows, with every former name → its row and every function merged away whole → its row."""

    steps: tuple[Step, ...]
    by_name: dict[str, Step]
    by_function: dict[str, Step]


def _label(successor: str) -> str:
    body = lexicon().by_function.get(successor)
    return body.canonical if body is not None else successor


def read_reforms(path: Path = DATA_DIR / "reforms.tsv", lex: Lexicon | None = None) -> Reform:
    """Parse a reform table; an unknown name, function or level, a name in two rows, or a cycle raises ValueError."""
    lex = lex or lexicon()
    steps: list[Step] = []
    by_name: dict[str, Step] = {}
    by_function: dict[str, Step] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("former\t"):
            continue
        cells = [c.strip() for c in (line.split("\t") + [""] * 6)[:6]]
        former, successor, levels, year, basis, note = cells
        names = tuple(n for n in former.split("|") if n)
        step = Step(names, successor, tuple(v for v in levels.split("|") if v), int(year or 0), basis, note)
        if not names or not step.year or not basis or not step.levels or not set(step.levels) <= LEVELS:
            raise ValueError(f"{path}:{lineno}: bad row {line!r}")
        for name in names:
            if name in lex.by_function and len(names) == 1:
                by_function[name] = step
            elif name in lex.index and lex.index[name][1]:
                if name in by_name:
                    raise ValueError(f"{path}:{lineno}: {name} stands in two rows")
                by_name[name] = step
            else:
                raise ValueError(f"{path}:{lineno}: {name} is neither a function nor a former name of the lexicon")
        steps.append(step)
    for step in steps:
        if step.successor and step.successor not in lex.by_function and step.successor not in by_name:
            raise ValueError(f"{path}: successor {step.successor} is neither a function nor a former name")
    reform = Reform(tuple(steps), by_name, by_function)
    for step in steps:
        _follow(reform, lex, step)  # raises on a cycle
    return reform


@lru_cache(maxsize=1)
def reforms() -> Reform:
    """The table of data/reforms.tsv, read once."""
    return read_reforms()


def _follow(reform: Reform, lex: Lexicon, first: Step) -> tuple[tuple[Step, ...], Body | None]:
    chain = [first]
    while True:
        target = chain[-1].successor
        if not target:
            return tuple(chain), None
        nxt = reform.by_name.get(target) or reform.by_function.get(target)
        if nxt is None:
            return tuple(chain), lex.by_function[target]
        if nxt in chain:
            raise ValueError(f"reform chain loops at {target}")
        chain.append(nxt)


def level_of(place: str | None) -> str | None:
    """省, 市 or 县 for a jurisdiction of data/places.tsv; None when unknown."""
    found = places_by_name().get(place) if place else None
    return _PLACE_LEVELS.get(found.level) if found is not None else None


def _step_for(name: str, function: str | None, former: bool, level: str | None, reform: Reform) -> Step | None:
    if former:
        m = _PBOC.match(name)
        key = m.group("head") + m.group("branch") if m else name
        best = max((n for n in reform.by_name if key.endswith(n)), key=len, default=None)
        if best is not None:
            step = reform.by_name[best]
            if level is None or level in step.levels:
                return step
            # carried out differently at this level (人民银行巴彦淖尔支行 is a city's branch): the one row of the
            # same function that applies at this level, if there is exactly one
            lex = lexicon()
            fits = {
                id(s): s
                for n, s in reform.by_name.items()
                if lex.index[n][0].function == function and level in s.levels
            }
            return next(iter(fits.values())) if len(fits) == 1 else step
    return reform.by_function.get(function) if function else None


def lineage(name: str, function: str | None, former: bool, level: str | None = None) -> Lineage | None:
    """The way from a printed name (of a lexicon function; `former` as names.py read it) at a level (省, 市,
    县; None: unknown) to today's body, or None when the name is a body that exists now."""
    reform = reforms()
    step = _step_for(name, function, former, level, reform)
    if step is None:
        return None
    chain, final = _follow(reform, lexicon(), step)
    return Lineage(name, chain, final)


def successor_name(name: str, function: str | None, former: bool, level: str | None = None) -> str | None:
    """The canonical name of the body a printed name stands for now; None for a current body or one abolished
    without a local successor (lineage() tells the two apart)."""
    found = lineage(name, function, former, level)
    return found.final.canonical if found is not None and found.final is not None else None
