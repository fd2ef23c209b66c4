"""Outline markers of official documents (第一章, 一、, （一）, 1., （1）, ①, 第一条, 专栏) and their ranks.

A lower rank is a higher level; documents follow GB/T 9704's 一、→（一）→1.→（1） order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇两"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (kind, rank, pattern) — patterns run on folded text (full-width brackets already "(" ")")
_MARKERS: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("part", 0.0, re.compile(rf"^第[{_CN}\d]+(?:部分|篇)")),
    ("chapter", 0.5, re.compile(rf"^第[{_CN}\d]+章")),
    ("section", 0.8, re.compile(rf"^第[{_CN}\d]+节")),
    ("cn", 1.0, re.compile(rf"^[{_CN}]+[、.．]")),
    ("article", 1.5, re.compile(rf"^第[{_CN}\d]+条")),
    ("paren_cn", 2.0, re.compile(rf"^\(\s*[{_CN}]+\s*\)")),
    ("num", 3.0, re.compile(r"^\d{1,3}(?:[、．]|\.(?!\d))")),
    ("paren_num", 4.0, re.compile(r"^\(\s*\d{1,3}\s*\)")),
    ("circled", 5.0, re.compile(rf"^[{CIRCLED}]")),
)
BOX = re.compile(r"^专栏\s*\d*")


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str
    rank: float
    label: str  # the marker as printed, without trailing 、 or .: 一, (三), 2, ①, 第五条
    length: int  # characters the marker takes, including its punctuation


def parse_marker(clean: str) -> Marker | None:
    """The outline marker a (folded, stripped) line starts with, if any."""
    for kind, rank, pattern in _MARKERS:
        m = pattern.match(clean)
        if m:
            label = m.group().rstrip("、.．").replace(" ", "")
            return Marker(kind, rank, label, m.end())
    return None


def path_label(marker: Marker) -> str:
    """How the marker appears in a task path: 二/（三）/2 uses full-width brackets."""
    return marker.label.replace("(", "（").replace(")", "）")


INLINE = re.compile(
    rf"(?<=[。;；:：])\s*(?=(?:\d{{1,3}}[.、．](?!\d)|\(\s*\d{{1,3}}\s*\)|\(\s*[{_CN}]{{1,3}}\s*\)|[{CIRCLED}]))"
)
