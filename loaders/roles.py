"""The role words of data/roles.tsv and the patterns compiled from them.

One table says how a document marks a lead, a responsible or a cooperating unit, or a person: as a label
(牵头单位：), a table column (责任单位), a verb after the units (A牵头) or a word before them (由A、会同B).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast, get_args

from loaders.records import Role
from loaders.text import DATA_DIR, word_alternation

__all__ = [
    "PERSON",
    "RoleWord",
    "RoleWords",
    "WordRole",
    "read_roles",
    "role_words",
]

PERSON: Literal["person"] = "person"
WordRole = Role | Literal["person"]
_USES = frozenset({"label", "column", "verb", "lead_in"})


@dataclass(frozen=True, slots=True)
class RoleWord:
    """One row: a word, the role it marks (None for a lead-in word) and where a document writes it."""

    word: str
    role: WordRole | None
    uses: frozenset[str]


@dataclass(frozen=True)
class RoleWords:
    """The rows, and the words of each use mapped to their role."""

    rows: tuple[RoleWord, ...]

    def words(self, use: str, role: WordRole | None = None) -> dict[str, WordRole | None]:
        """Words written in `use` (of one role when given) → their role."""
        return {r.word: r.role for r in self.rows if use in r.uses and (role is None or r.role == role)}

    def alternation(self, use: str, role: WordRole | None = None) -> str:
        """One regex alternation (longest first) of the words of `use`."""
        return word_alternation(list(self.words(use, role)))

    def role_of(self, word: str, use: str) -> WordRole | None:
        """The role a word of `use` marks; None for a word the table does not have there."""
        return self.words(use).get(word)


def read_roles(path: Path = DATA_DIR / "roles.tsv") -> RoleWords:
    """Parse a role-word table; an unknown role or use raises ValueError naming the line."""
    roles = {*get_args(Role), PERSON, "-"}
    rows: list[RoleWord] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        word, role, uses = (c.strip() for c in (line.split("\t") + ["", ""])[:3])
        used = frozenset(uses.split())
        if not word or role not in roles or not used or not used <= _USES:
            raise ValueError(f"{path}:{lineno}: bad row {line!r}")
        rows.append(RoleWord(word, None if role == "-" else cast(WordRole, role), used))
    return RoleWords(tuple(rows))


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    """The table of data/roles.tsv, read once."""
    return read_roles()
