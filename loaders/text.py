"""Character-level normalisation that keeps offsets: one character in, one out.

Extraction runs its patterns on the folded text and reports spans into the raw text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Full-width ASCII block and the ideographic space fold to ASCII; brackets of
# every width fold to a small canonical set so one pattern covers them all.
_FOLD: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        0x3000: " ",
        0x00A0: " ",
        0x2002: " ",
        0x2003: " ",
        0x2009: " ",
        0x200B: " ",
        0xFEFF: " ",
        ord("（"): "(",
        ord("）"): ")",
        ord("［"): "[",
        ord("］"): "]",
        ord("﹝"): "〔",
        ord("﹞"): "〕",
        ord("〖"): "〔",
        ord("〗"): "〕",
        ord("︹"): "〔",
        ord("︺"): "〕",
        ord("："): ":",
        ord("，"): ",",
        ord("；"): ";",
        ord("〇"): "〇",
        ord("—"): "—",
        ord("－"): "-",
        ord("‹"): "〈",
        ord("›"): "〉",
        ord("﹤"): "<",
        ord("﹥"): ">",
        ord("＜"): "<",
        ord("＞"): ">",
        ord("\t"): "\t",
        # conversion residue: „…‟ printed where the title marks were
        ord("„"): "《",
        ord("‟"): "》",
    }
)


@lru_cache(maxsize=1)
def _t2s() -> dict[int, str]:
    table: dict[int, str] = {}
    path = DATA_DIR / "t2s.tsv"
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("trad\t"):
            continue
        trad, _, simp = line.partition("\t")
        if len(trad) == 1 and len(simp) == 1:
            table[ord(trad)] = simp
    return table


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = dict(_t2s())
    table.update(_FOLD)
    return table


# Wording of Taiwan-variant mirrors, as folded, and the mainland word of the same length: read for
# matching only (計畫 → 计划 makes "行动計畫" a plan). Applied only to text with traditional characters.
_VARIANT_WORDS = {"计画": "计划", "网路": "网络", "软体": "软件", "硬体": "硬件", "数位": "数字", "资讯": "信息"}
_VARIANTS = re.compile("|".join(_VARIANT_WORDS))
_TRADITIONAL_HINT = re.compile("[們這為與國會關於於發辦號廳頭責單時實個來對經]")


def fold(text: str) -> str:
    """Width, bracket and traditional→simplified folding; `len(fold(t)) == len(t)`."""
    return text.translate(_table())


def fold_document(text: str) -> str:
    """`fold` for a whole file's text, and in a traditional text the Taiwan-variant wording too
    (done once per file: the many short strings folded later need only the characters)."""
    folded = text.translate(_table())
    if _TRADITIONAL_HINT.search(text):
        folded = _VARIANTS.sub(lambda m: _VARIANT_WORDS[m.group()], folded)
    return folded


def fold_width(text: str) -> str:
    """Width and bracket folding only: characters stay in the script they were printed in."""
    return text.translate(_FOLD)


def to_simplified(text: str) -> str:
    """Traditional characters to simplified ones, nothing else (same length)."""
    return text.translate(_t2s())


_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Remove all whitespace: the form titles and names are compared and output in."""
    return _WS.sub("", text)


_LINE_BREAK = re.compile(r"\s*\n\s*")


def join_lines(text: str) -> str:
    """A passage printed over several lines as one run of text (line breaks and their indents removed)."""
    return _LINE_BREAK.sub("", text)
