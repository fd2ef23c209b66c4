"""What a store holds, checked against graph/schema.py PROPERTIES by Python type (not by the export's own checks)."""

from __future__ import annotations

from typing import Any

from graph import export
from graph.schema import PROPERTIES
from graph.store import GraphStore

PYTHON_TYPE = {"string": str, "int": int, "float": float, "boolean": bool, "date": str, "localdatetime": str}


def mistyped(store: GraphStore) -> list[str]:
    """`Label.key: value` for every property of every node and relationship whose value (or list element) is not
    of the type its label or type declares; a property declared nowhere raises KeyError."""
    found: list[str] = []
    elements: list[tuple[str, dict[str, Any]]] = [*export.nodes(store)]
    elements += [(rtype, props) for rtype, _, _, props in export.relationships(store)]
    for name, props in elements:
        for key, value in props.items():
            kind = PROPERTIES[name][key]
            for v in value if kind.endswith("[]") else [value]:
                if v is not None and type(v) is not PYTHON_TYPE[kind.removesuffix("[]")]:
                    found.append(f"{name}.{key}: {v!r}")
    return found
