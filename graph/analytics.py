"""Who carries the load: pure functions over the responsibility graph in NetworkX, returning plain data.

The graphs (built by graph/load.py from any store, or by hand in tests):

* the **bipartite graph** `B` (`nx.Graph`): department nodes (`kind="department"`, `name`, `jurisdiction`)
  and task nodes (`kind="task"`, `doc_id`, `deadline` ISO date or None, `indicator_years` list of due years,
  one entry per indicator, None when unknown); an edge per assignment with `role` = lead | support |
  responsible. Node keys are the graph keys (`department_id`, `task_id`).
* the **department projection** `P`: departments, an edge between two that share a task, `weight` = the
  number of tasks they share (`department_projection`).
* the **citation graph** `C` (`nx.DiGraph`): documents by `doc_id`, an edge citing → cited with `relation`.

Load. Each assignment of a department to a task weighs, with the weights `w` (DEFAULT_WEIGHTS unless
given):

* `lead` (牵头): `w["lead"]`;
* `support` (配合): `w["support"]`;
* `responsible` (责任单位, 负责): `w["responsible"]` **shared**: divided by the number of departments
  responsible for that task, so a task with three co-responsible units gives each `w["responsible"] / 3`
  and a task with one responsible unit gives it the whole `w["responsible"]`. (Lead and support are not
  shared: a lead is answerable for the whole task however many partners it has.)

A department's `load` is the sum over its assignments.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.centrality import (
    BETWEENNESS_EXACT_UP_TO,
    BETWEENNESS_SAMPLE,
    LOUVAIN_UP_TO,
    SEED,
    betweenness_centrality,
    centrality,
    communities,
    community_method,
    community_of,
    pagerank,
)
from graph.lineage import ROLE_STRENGTH, last_bodies
from loaders.errors import ConfigError

__all__ = [
    "BETWEENNESS_EXACT_UP_TO",
    "BETWEENNESS_SAMPLE",
    "LOUVAIN_UP_TO",
    "SEED",
    "betweenness_centrality",
    "centrality",
    "communities",
    "community_method",
    "community_of",
    "pagerank",
]

ROLES = ("lead", "responsible", "support")
DEFAULT_WEIGHTS: dict[str, float] = {"lead": 1.0, "responsible": 1.0, "support": 0.5}


def parse_weights(text: str | None) -> dict[str, float]:
    """`"lead=1,responsible=1,support=0.5"` → weights (roles left out keep their default).

    >>> parse_weights("support=0.25")
    {'lead': 1.0, 'responsible': 1.0, 'support': 0.25}
    """
    weights = dict(DEFAULT_WEIGHTS)
    for part in (text or "").split(","):
        if not part.strip():
            continue
        role, sep, value = part.partition("=")
        role = role.strip()
        if not sep or role not in ROLES:
            raise ConfigError(f"--weights takes role=number for roles {', '.join(ROLES)}; not {part.strip()!r}")
        try:
            weights[role] = float(value)
        except ValueError:
            raise ConfigError(f"--weights: {value.strip()!r} is not a number (in {part.strip()!r})") from None
        if weights[role] < 0 or not math.isfinite(weights[role]):
            raise ConfigError(f"--weights: {role} must be a finite non-negative number, not {value.strip()}")
    return weights


def departments_of(B: nx.Graph) -> list[Any]:
    """Department nodes of the bipartite graph, sorted."""
    return sorted(n for n, kind in B.nodes(data="kind") if kind == "department")


def tasks_of(B: nx.Graph) -> list[Any]:
    return sorted(n for n, kind in B.nodes(data="kind") if kind == "task")


def assignment_weights(B: nx.Graph, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> dict[tuple[Any, Any], float]:
    """(department, task) → what that assignment adds to the department's load (see the module docstring).

    >>> B = nx.Graph()
    >>> B.add_nodes_from(["a", "b", "c"], kind="department")
    >>> B.add_node("t", kind="task")
    >>> B.add_edges_from([("a", "t", {"role": "lead"}), ("b", "t", {"role": "responsible"}),
    ...                   ("c", "t", {"role": "responsible"})])
    >>> sorted(assignment_weights(B).items())
    [(('a', 't'), 1.0), (('b', 't'), 0.5), (('c', 't'), 0.5)]
    """
    shares: dict[tuple[Any, Any], float] = {}
    for task, kind in B.nodes(data="kind"):
        if kind != "task":
            continue
        edges = [(dept, data.get("role") or "responsible") for dept, data in B._adj[task].items()]
        responsible = sum(1 for _, role in edges if role == "responsible")
        for dept, role in edges:
            weight = float(weights.get(role, 0.0))
            shares[dept, task] = weight / responsible if role == "responsible" else weight
    return shares


def current_bodies(B: nx.Graph, successors: Mapping[Any, Any]) -> nx.Graph:
    """B with every department a reform merged away folded into the body that exists now: SUCCEEDED_BY
    followed to its end, the former node's tasks moved onto that body (one edge per task, the stronger
    role kept when both were named, a moved edge `printed` under the former name), its printed name kept in the
    body's `former_names`. In place; returns B.

    >>> B = nx.Graph()
    >>> B.add_node("卫健", kind="department", name="卫健委")
    >>> B.add_node("卫健@卫计局", kind="department", name="卫计局", former=True)
    >>> B.add_nodes_from(["t1", "t2"], kind="task")
    >>> B.add_edges_from([("卫健@卫计局", "t1", {"role": "lead"}), ("卫健@卫计局", "t2", {"role": "support"}),
    ...                   ("卫健", "t2", {"role": "responsible"})])
    >>> C = current_bodies(B, {"卫健@卫计局": "卫健"})
    >>> sorted(C["卫健"].items()), C.nodes["卫健"]["former_names"], "卫健@卫计局" in C
    ([('t1', {'role': 'lead', 'printed': '卫计局'}), ('t2', {'role': 'responsible'})], ['卫计局'], False)
    """

    last = last_bodies(successors)
    for former in sorted(f for f in successors if f in B):
        target = last[former]
        if target == former:
            continue
        if target not in B:
            B.add_node(target, kind="department")
        name = B.nodes[former].get("name") or former
        for task, edge in list(B.adj[former].items()):
            role = edge.get("role") or "responsible"
            have = B.adj[target].get(task)
            if have is None or ROLE_STRENGTH.get(role, 1) > ROLE_STRENGTH.get(have.get("role") or "responsible", 1):
                B.add_edge(target, task, role=role, printed=name)  # the name it was printed under
        names = B.nodes[target].setdefault("former_names", [])
        if B.adj[former] and name not in names:  # a name that carries no task is not counted in
            names.append(name)
        B.remove_node(former)
    return B


def department_metrics(
    B: nx.Graph, C: nx.DiGraph | None = None, weights: Mapping[str, float] = DEFAULT_WEIGHTS
) -> dict[Any, dict[str, Any]]:
    """Per department: assignments by role, load, indicators owned, deadlines per year, documents, upstream.

    * `lead`, `support`, `responsible`: assignments in that role; `tasks`: all its tasks;
    * `load`: the weighted sum (module docstring);
    * `indicators`: indicators of the tasks it leads or is responsible for (support owns none);
    * `deadlines`: {year: tasks due that year} over its tasks with a deadline;
    * `documents`: distinct documents its tasks come from; `upstream`: distinct documents those cite (in `C`).

    >>> B = nx.Graph()
    >>> B.add_nodes_from(["科技局", "财政局", "教育局"], kind="department")
    >>> B.add_node("t1", kind="task", doc_id="d1", deadline="2018-12-31", indicator_years=[2018])
    >>> B.add_node("t2", kind="task", doc_id="d1", deadline=None, indicator_years=[])
    >>> B.add_edges_from([("科技局", "t1", {"role": "lead"}), ("财政局", "t1", {"role": "support"}),
    ...                   ("科技局", "t2", {"role": "responsible"}), ("教育局", "t2", {"role": "responsible"})])
    >>> C = nx.DiGraph([("d1", "国发〔2016〕1号")])
    >>> m = department_metrics(B, C)
    >>> m["科技局"]["load"], m["科技局"]["lead"], m["科技局"]["indicators"], m["科技局"]["deadlines"]
    (1.5, 1, 1, {2018: 1})
    >>> m["财政局"]["load"], m["财政局"]["indicators"], m["教育局"]["upstream"]
    (0.5, 0, 1)
    """
    shares = assignment_weights(B, weights)
    # what each task contributes, computed once: (indicators, deadline year, document)
    facts = {
        task: (len(data.get("indicator_years") or ()), _year(data.get("deadline")), data.get("doc_id"))
        for task, data in B.nodes(data=True)
        if data.get("kind") == "task"
    }
    metrics: dict[Any, dict[str, Any]] = {}
    adjacency = B._adj  # the raw dicts: the views' per-access overhead doubles the time on large graphs
    for dept in departments_of(B):
        roles = {"lead": 0, "support": 0, "responsible": 0}
        load = 0.0
        indicators = 0
        years: dict[int, int] = {}
        documents: set[Any] = set()
        for task, edge in adjacency[dept].items():
            role = edge.get("role") or "responsible"
            roles[role] = roles.get(role, 0) + 1
            load += shares[dept, task]
            owned, year, doc = facts[task]
            if role != "support":
                indicators += owned
            if year is not None:
                years[year] = years.get(year, 0) + 1
            if doc is not None:
                documents.add(doc)
        upstream: set[Any] = set()
        if C is not None:
            for doc in documents:
                if doc in C:
                    upstream.update(C._succ[doc])
        metrics[dept] = {
            "lead": roles["lead"],
            "support": roles["support"],
            "responsible": roles["responsible"],
            "tasks": len(adjacency[dept]),
            "load": round(load, 6),
            "indicators": indicators,
            "deadlines": dict(sorted(years.items())),
            "documents": len(documents),
            "upstream": len(upstream),
        }
    return metrics


def _year(deadline: Any) -> int | None:
    if isinstance(deadline, str) and len(deadline) >= 4 and deadline[:4].isdigit():
        return int(deadline[:4])
    return None


def department_projection(B: nx.Graph) -> nx.Graph:
    """Departments, joined when they share a task; `weight` = tasks shared. Every department is a node.

    (Like `nx.bipartite.weighted_projected_graph`, built from the tasks' side: a task with n departments
    adds n·(n-1)/2 increments, which is fast when tasks have few departments and departments many tasks.)

    >>> B = nx.Graph()
    >>> B.add_nodes_from("abcde", kind="department")
    >>> B.add_nodes_from(["t1", "t2", "t3"], kind="task")
    >>> B.add_edges_from([("a", "t1"), ("b", "t1"), ("c", "t1"), ("a", "t2"), ("b", "t2"), ("d", "t3")])
    >>> P = department_projection(B)
    >>> P["a"]["b"]["weight"], P["a"]["c"]["weight"], sorted(P["d"]), sorted(P["e"])
    (2, 1, [], [])
    """
    departments = departments_of(B)
    order = {d: i for i, d in enumerate(departments)}  # each pair counted under one orientation
    shared: dict[Any, dict[Any, int]] = {}
    for task, kind in B.nodes(data="kind"):
        if kind != "task":
            continue
        members = sorted(B._adj[task], key=order.__getitem__)
        for i, a in enumerate(members):
            row = shared.setdefault(a, {})
            for b in members[i + 1 :]:
                row[b] = row.get(b, 0) + 1
    P = nx.Graph()
    P.add_nodes_from((n, {"name": B.nodes[n].get("name")}) for n in departments)
    # filled the way Graph.add_edge does (one attribute dict shared by both ends), without its per-edge
    # checks: half the time of add_weighted_edges_from on a 500,000-edge projection
    adjacency = P._adj
    for a, row in shared.items():
        out = adjacency[a]
        for b, w in row.items():
            out[b] = adjacency[b][a] = {"weight": w}
    return P


def rank_departments(
    metrics: Mapping[Any, Mapping[str, Any]], scores: Mapping[str, Any], groups: dict[Any, int]
) -> list[dict[str, Any]]:
    """One row per department, heaviest load first (ties: more tasks, then PageRank, then key).

    >>> metrics = {"a": {"load": 2.0, "tasks": 2}, "b": {"load": 3.0, "tasks": 3}}
    >>> scores = {"degree": {"a": 1.0, "b": 1.0}, "strength": {"a": 1, "b": 1},
    ...           "betweenness": {"a": 0.0, "b": 0.0}, "pagerank": {"a": 0.5, "b": 0.5}}
    >>> [(r["rank"], r["id"]) for r in rank_departments(metrics, scores, {"a": 0, "b": 0})]
    [(1, 'b'), (2, 'a')]
    """
    rows = []
    for dept, m in metrics.items():
        rows.append(
            {
                "id": dept,
                **m,
                "degree": round(scores["degree"].get(dept, 0.0), 6),
                "strength": scores["strength"].get(dept, 0),
                "betweenness": round(scores["betweenness"].get(dept, 0.0), 6),
                "pagerank": round(scores["pagerank"].get(dept, 0.0), 6),
                "community": groups.get(dept),
            }
        )
    rows.sort(key=lambda r: (-r["load"], -r["tasks"], -r["pagerank"], str(r["id"])))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows


def restrict(B: nx.Graph, documents: Iterable[Any]) -> nx.Graph:
    """The part of B that comes from some documents: their tasks and the departments on them (a new graph).

    >>> B = nx.Graph()
    >>> B.add_nodes_from(["科技局", "财政局"], kind="department")
    >>> B.add_node("t1", kind="task", doc_id="d1")
    >>> B.add_node("t2", kind="task", doc_id="d2")
    >>> B.add_edges_from([("科技局", "t1"), ("财政局", "t1"), ("财政局", "t2")])
    >>> sorted(restrict(B, ["d2"]).nodes)
    ['t2', '财政局']
    """
    keep = set(documents)
    tasks = {t for t in tasks_of(B) if B.nodes[t].get("doc_id") in keep}
    return B.subgraph(tasks | {d for t in tasks for d in B[t]}).copy()


def analyse(
    B: nx.Graph,
    C: nx.DiGraph | None = None,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    seed: int = SEED,
    exact_up_to: int = BETWEENNESS_EXACT_UP_TO,
    sample: int = BETWEENNESS_SAMPLE,
    jurisdiction: str | None = None,
) -> dict[str, Any]:
    """Everything the load report shows: {`departments`: ranked rows, `weights`, `betweenness_sample`,
    `communities`: count, `seed`, `tasks`, `assignments`}. `jurisdiction` keeps the rows of that
    jurisdiction's departments (ranked among themselves; centrality stays that of the whole projection).

    >>> B = nx.Graph()
    >>> B.add_nodes_from("abcde", kind="department")
    >>> B.add_nodes_from(["t1", "t2"], kind="task")
    >>> B.add_edges_from([("a", "t1", {"role": "lead"}), ("b", "t1", {"role": "support"}),
    ...                   ("a", "t2", {"role": "responsible"}), ("c", "t2", {"role": "responsible"})])
    >>> result = analyse(B)
    >>> [(r["id"], r["load"]) for r in result["departments"][:3]], result["betweenness_sample"]
    ([('a', 1.5), ('b', 0.5), ('c', 0.5)], None)
    """
    metrics = department_metrics(B, C, weights)
    P = department_projection(B)
    scores = centrality(P, exact_up_to=exact_up_to, sample=sample, seed=seed)
    groups = communities(P, seed=seed)
    rows = rank_departments(metrics, scores, community_of(groups))
    for row in rows:
        row["name"] = B.nodes[row["id"]].get("name") or row["id"]
        row["jurisdiction"] = B.nodes[row["id"]].get("jurisdiction")
        # the former names whose tasks are counted here (a period or a document may have left none of them)
        printed = {edge.get("printed") for edge in B.adj[row["id"]].values()}
        row["former_names"] = [n for n in B.nodes[row["id"]].get("former_names") or () if n in printed]
    if jurisdiction is not None:
        rows = [row for row in rows if row["jurisdiction"] == jurisdiction]
        for rank, row in enumerate(rows, 1):
            row["rank"] = rank
    return {
        "jurisdiction": jurisdiction,
        "departments": rows,
        "weights": dict(weights),
        "betweenness_sample": scores["betweenness_sample"],
        "projection": {"departments": P.number_of_nodes(), "edges": P.number_of_edges()},
        "communities": len(groups),
        "community_method": community_method(P),
        "seed": seed,
        "tasks": len(tasks_of(B)),
        "assignments": B.number_of_edges(),
    }


def by_partner(P: nx.Graph, department: Any, limit: int = 10) -> list[tuple[Any, int]]:
    """The departments `department` shares most tasks with: [(partner, tasks shared)], most first."""
    if department not in P:
        return []
    pairs = [(other, int(data.get("weight", 1))) for other, data in P[department].items()]
    return sorted(pairs, key=lambda p: (-p[1], str(p[0])))[:limit]


def roles_by_document(B: nx.Graph) -> dict[Any, dict[Any, int]]:
    """department → {doc_id: tasks of that document it is on}: the department × document matrix."""
    matrix: dict[Any, dict[Any, int]] = defaultdict(dict)
    for dept in departments_of(B):
        for task in B[dept]:
            doc = B.nodes[task].get("doc_id")
            matrix[dept][doc] = matrix[dept].get(doc, 0) + 1
    return dict(matrix)
