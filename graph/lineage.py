"""Reform lineage read from the graph: which body took over a former one's work (SUCCEEDED_BY), and the role a
body keeps when it answers for a task under two names. Plain Python, cheap to import (the views and the
supervision commands need it without networkx)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph import analytics_cypher as q
from graph.store import GraphStore

ROLE_STRENGTH = {"lead": 2, "responsible": 1, "support": 0}


def read_successors(store: GraphStore) -> dict[str, str]:
    """Every SUCCEEDED_BY step: former department_id → the next body's."""
    return {row["former"]: row["successor"] for row in store.read(q.READ_SUCCESSORS)}


def last_bodies(successors: Mapping[Any, Any]) -> dict[Any, Any]:
    """Each former body's last successor: SUCCEEDED_BY steps followed to their end (a cycle stops where it
    closes).

    >>> last_bodies({"扶贫办": "乡村振兴局", "乡村振兴局": "农业农村局"})
    {'扶贫办': '农业农村局', '乡村振兴局': '农业农村局'}
    """
    last = {}
    for former in successors:
        node, seen = former, {former}
        while node in successors and successors[node] not in seen:
            node = successors[node]
            seen.add(node)
        last[former] = node
    return last
