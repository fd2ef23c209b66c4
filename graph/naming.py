"""Display names of departments: the official name at the body's level, else its most frequent printing.

Every printing stays an alias. Names are chosen from what the graph holds (NAMED_IN names and counts), so they
do not depend on the order sources were written or removed in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from graph import cypher
from graph.store import GraphStore
from loaders.names import official_name

__all__ = ["display_name", "name_departments"]


def display_name(official: str | None, printings: Iterable[tuple[str, int]]) -> str | None:
    """The official name when the lexicon knows it, else the most frequent printing (the first printed of equals).

    >>> display_name(None, [("巴彦淖尔市人力资源社会保障厅", 1), ("巴彦淖尔市人社局", 27)])
    '巴彦淖尔市人社局'
    >>> display_name("巴彦淖尔市人力资源和社会保障局", [("巴彦淖尔市人力资源社会保障厅", 1)])
    '巴彦淖尔市人力资源和社会保障局'
    >>> display_name(None, [("宝鸡市金融办", 5), ("宝鸡市金融局", 5)])
    '宝鸡市金融办'
    """
    if official:
        return official
    counts: Counter[str] = Counter()
    for name, count in printings:
        counts[name] += count
    return max(counts, key=lambda n: counts[n], default=None)  # max keeps the first of equals


def _official(row: dict[str, Any]) -> str | None:
    """Official names are for bodies keyed by jurisdiction and lexicon function only (宝鸡市/科技): not a
    pre-reform name (its own node), nor a body printed at another level (宝鸡市/县民政), nor unknown ones."""
    function, place = row.get("function"), row.get("jurisdiction")
    if row.get("former") or not function or not place or row["id"] != f"{place}/{function}":
        return None
    return official_name(str(function), str(place))


def name_departments(store: GraphStore, ids: Iterable[str]) -> int:
    """Set the name (official, else most frequent printing) and aliases (every printing, in source order) of
    the departments `ids` (those a source written or dropped names; one gone is skipped); returns how many
    changed."""
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    by_id: dict[str, list[dict[str, Any]]] = {}
    for row in store.read(cypher.DEPARTMENT_PRINTINGS, {"ids": wanted}):
        by_id.setdefault(row["id"], []).append(row)
    changes = []
    for dep, rows in by_id.items():
        aliases: dict[str, None] = {}
        printings: list[tuple[str, int]] = []
        for row in rows:  # in source order
            names = list(row["names"] or [])
            counts = list(row["counts"] or []) or [1] * len(names)  # a source written before counts were kept
            aliases.update(dict.fromkeys(names))
            printings += zip(names, counts, strict=False)
        name = display_name(_official(rows[0]), printings)
        if name is None:
            continue
        if name != rows[0]["name"] or list(aliases) != list(rows[0]["aliases"] or []):
            changes.append({"id": dep, "name": name, "aliases": list(aliases)})
    if changes:
        store.write([(cypher.SET_DEPARTMENT_NAMES, {"rows": changes})])
    return len(changes)
