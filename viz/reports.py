"""Report data (plain dicts) and its text forms: the load ranking, one department, one document, a chain.

Data comes from graph/analytics.py (the ranking) and graph/facts.py (the facts); HTML is in viz/pages.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from typing import Any

from graph import analytics, facts
from graph.load import document_details, paused_gc, read_graphs
from graph.store import GraphStore
from loaders.errors import ConfigError

FORMATS = ("table", "markdown", "html", "csv", "json")
LOAD_COLUMNS = (
    ("rank", "#"),
    ("name", "department"),
    ("load", "load"),
    ("tasks", "tasks"),
    ("lead", "lead"),
    ("responsible", "resp."),
    ("support", "support"),
    ("indicators", "indicators"),
    ("documents", "documents"),
    ("upstream", "upstream"),
    ("degree", "degree"),
    ("betweenness", "betweenness"),
    ("pagerank", "pagerank"),
    ("community", "community"),
)


def slug(key: str) -> str:
    """A file-name-safe form of a graph key (CJK kept): `doc:宝政发〔2022〕17号` → `doc-宝政发-2022-17号`."""
    return re.sub(r"[^\w]+", "-", key).strip("-") or "unnamed"


def load_report(
    store: GraphStore,
    weights: dict[str, float] | None = None,
    jurisdiction: str | None = None,
    document: str | None = None,
    seed: int = analytics.SEED,
) -> dict[str, Any]:
    """The load ranking with centrality and communities, the department × document matrix, and the
    indicators due per document and year. `document`: only that document's tasks (文号 or title)."""
    graphs = read_graphs(store)
    B = graphs.bipartite
    if document is not None:
        B = analytics.restrict(B, [facts.find_document(store, document)])
    if jurisdiction is not None and not any(
        B.nodes[d].get("jurisdiction") == jurisdiction for d in analytics.departments_of(B)
    ):
        places = sorted({str(j) for _, j in B.nodes(data="jurisdiction") if j})
        raise ConfigError(f"no department of {jurisdiction!r} in the graph; jurisdictions: {', '.join(places)}")
    with paused_gc():
        result = analytics.analyse(
            B, graphs.citations, weights or analytics.DEFAULT_WEIGHTS, seed, jurisdiction=jurisdiction
        )
    result["document"] = document
    result["matrix"] = analytics.roles_by_document(B)
    due: Counter[tuple[str, int]] = Counter()
    for task in analytics.tasks_of(B):
        node = B.nodes[task]
        for year in node.get("indicator_years") or ():
            if year is not None:
                due[node.get("doc_id"), int(year)] += 1
    result["indicators_due"] = [{"doc_id": d, "year": y, "indicators": n} for (d, y), n in sorted(due.items())]
    docs = {doc for row in result["matrix"].values() for doc in row} | {d for d, _ in due}
    details = document_details(store, (str(d) for d in docs if d is not None))
    keys = ("doc_no", "title", "source", "span", "jurisdiction", "date")
    result["documents"] = {doc: {k: details[doc].get(k) for k in keys} for doc in sorted(details)}
    return result


def department_summary(data: dict[str, Any]) -> dict[str, Any]:
    """Roles, deadlines per year and tasks per document of a `facts.department_facts` result."""
    roles = Counter(t["role"] for t in data["tasks"])
    years = Counter(str(t["deadline"])[:4] for t in data["tasks"] if t.get("deadline"))
    docs: dict[str, dict[str, Any]] = {}
    for task in data["tasks"]:
        entry = docs.setdefault(task["doc_id"], {"doc_no": task["doc_no"], "title": task["title"], "tasks": 0})
        entry["tasks"] += 1
    return {"roles": dict(roles), "deadlines": dict(sorted(years.items())), "documents": docs}


def department_report(store: GraphStore, name: str) -> dict[str, Any]:
    """Everything about one department (by name, key or the end of its name)."""
    data = facts.department_facts(store, facts.find_department(store, name))
    data["summary"] = department_summary(data)
    return data


def document_data(store: GraphStore, doc_id: str) -> dict[str, Any]:
    """`facts.document_facts` plus its departments ranked by the tasks they are on."""
    data = facts.document_facts(store, doc_id)
    load: Counter[str] = Counter()
    names: dict[str, str] = {}
    for task in data["tasks"]:
        for dept in task["departments"]:
            load[dept["department_id"]] += 1
            names[dept["department_id"]] = dept["name"]
    data["departments"] = [
        {"department_id": d, "name": names[d], "tasks": n} for d, n in sorted(load.items(), key=lambda p: (-p[1], p[0]))
    ]
    return data


def document_report(store: GraphStore, key: str) -> dict[str, Any]:
    """Everything about one document (by 文号, title or doc_id): tasks, who does them, indicators, citations."""
    return document_data(store, facts.find_document(store, key))


def chain_report(store: GraphStore, key: str, max_depth: int = 8) -> dict[str, Any]:
    """The upstream chain of one document (by 文号, title or doc_id)."""
    return facts.upstream_chain(store, facts.find_document(store, key), max_depth)


# --- text forms of the load ranking -------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value else "0"
    return "" if value is None else str(value)


def load_header(result: dict[str, Any]) -> str:
    """One line: what was ranked, the weights, and how betweenness was computed."""
    weights = ", ".join(f"{k}={v:g}" for k, v in result["weights"].items())
    sample = result["betweenness_sample"]
    how = f"sampled from {sample} source departments (seed {result['seed']})" if sample else "exact"
    scope = [f"jurisdiction {result['jurisdiction']}"] if result.get("jurisdiction") else []
    scope += [f"document {result['document']}"] if result.get("document") else []
    return (
        f"{len(result['departments'])} departments{' (' + ', '.join(scope) + ')' if scope else ''}, "
        f"{result['tasks']} tasks, {result['assignments']} assignments; weights {weights} "
        f"(responsible shared among a task's co-responsible units); betweenness {how}; "
        f"{result['communities']} communities ({result.get('community_method', 'louvain')}, seed {result['seed']})"
    )


def load_markdown(result: dict[str, Any], limit: int | None = None) -> str:
    rows = result["departments"][:limit] if limit else result["departments"]
    lines = ["# Department load", "", load_header(result), ""]
    lines.append("| " + " | ".join(title for _, title in LOAD_COLUMNS) + " |")
    lines.append("|" + "|".join("---:" if k not in ("name",) else "---" for k, _ in LOAD_COLUMNS) + "|")
    for row in rows:
        cells = [_cell(row.get(k)).replace("|", "\\|") for k, _ in LOAD_COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def load_csv(result: dict[str, Any], limit: int | None = None) -> str:
    rows = result["departments"][:limit] if limit else result["departments"]
    buffer = io.StringIO()
    keys = ["rank", "id", "name", "jurisdiction", *(k for k, _ in LOAD_COLUMNS[2:])]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*keys, "deadlines", "betweenness_sample"])
    for row in rows:
        deadlines = " ".join(f"{y}:{n}" for y, n in row["deadlines"].items())
        writer.writerow([_cell(row.get(k)) for k in keys] + [deadlines, result["betweenness_sample"] or ""])
    return buffer.getvalue()


def load_json(result: dict[str, Any], limit: int | None = None) -> str:
    data = dict(result)
    if limit:
        data["departments"] = result["departments"][:limit]
    data["deadlines_note"] = "deadlines: {year: tasks due that year}"
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"
