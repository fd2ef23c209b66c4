"""What each network view shows: typed node and edge records read from the store (Cypher in graph/view_cypher.py).

viz/network.py draws them with pyvis; tests assert on these records. Views over `max_nodes` are reduced to the
departments with the highest load, a few tasks each, and say in `View.note` what they left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from graph import view_cypher as q
from graph.facts import close_matches, find_department, find_document
from graph.lineage import ROLE_STRENGTH, last_bodies, read_successors
from graph.store import GraphStore
from loaders.errors import QueryError
from viz.labels import labelled, owner, role, shown_value, t
from viz.sources import SourceLines

MAX_NODES = 400
MIN_NODES = 10  # below this a view is a dot or two: the CLI refuses smaller --max-nodes
MAX_HOPS = 6  # citation hops walked up and down a chain, as in queries/chain/
NODE_KINDS = ("document", "upstream", "department", "former", "task", "indicator")
EDGE_ROLES = (
    "lead",
    "responsible",
    "support",
    "task",
    "indicator",
    "implements",
    "cites",
    "titled_after",
    "issued",
    "succeeded",
    "shares",
)
DEPARTMENT_KINDS = ("department", "former")


@dataclass(frozen=True, slots=True)
class ViewNode:
    id: str  # `<label>:<graph key>`: unique across labels
    kind: str  # one of NODE_KINDS
    label: str  # drawn on the canvas (short)
    name: str  # what search matches: full names, 文号, task text
    details: tuple[str, ...] = ()  # the tooltip, one plain-text line each
    weight: float = 0.0  # departments: load (analytics) or, without it, the number of assignments
    focus: bool = False  # what the view is about
    group: int | None = None  # collaboration views: the department's community (0 = the largest)
    link: str = ""  # a page to open on double click (a department's own view, beside this one)
    status: str | None = None  # tasks: the latest progress reported (graph/status.py), None when none

    @property
    def tooltip(self) -> str:
        return "\n".join(line for line in self.details if line)


@dataclass(frozen=True, slots=True)
class ViewEdge:
    source: str
    target: str
    role: str  # one of EDGE_ROLES
    detail: str = ""
    weight: float = 1.0  # `shares`: how many tasks the two departments share


@dataclass(frozen=True, slots=True)
class View:
    kind: str  # department | document | chain | jurisdiction | collaboration
    subject: str  # the key of what it is about
    title: str
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    total_nodes: int = 0  # before reduction
    top_departments: int | None = None  # set when reduced
    tasks_per_department: int | None = None  # set when reduced: the most tasks kept for one department
    omitted: tuple[tuple[str, int], ...] = ()  # set when reduced: nodes left out, by kind
    ranked_by: str = "load"
    communities: tuple[tuple[str, ...], ...] = ()  # collaboration views: each community's department names

    @property
    def reduced(self) -> bool:
        return len(self.nodes) < self.total_nodes

    @property
    def note(self) -> str | None:
        if not self.reduced:
            return None
        cap = t("view.note_cap", cap=self.tasks_per_department) if self.tasks_per_department else ""
        what = t("view.list_sep").join(t(f"view.left.{k}", n=n) for k, n in self.omitted)
        return t(
            "view.note",
            shown=len(self.nodes),
            total=self.total_nodes,
            top=self.top_departments,
            by=t(self.ranked_by),
            cap=cap,
        ) + (t("view.omitted", what=what) if what else "")

    def counts(self) -> dict[str, int]:
        """Nodes per kind, in NODE_KINDS order, kinds present only."""
        found = {k: sum(1 for n in self.nodes if n.kind == k) for k in NODE_KINDS}
        return {k: v for k, v in found.items() if v}

    def node(self, node_id: str) -> ViewNode:
        return next(n for n in self.nodes if n.id == node_id)


def dept_node_id(key: str) -> str:
    return f"department:{key}"


def task_node_id(key: str) -> str:
    return f"task:{key}"


def doc_node_id(key: str) -> str:
    return f"document:{key}"


def indicator_node_id(key: str) -> str:
    return f"indicator:{key}"


def short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])\s*")


@dataclass(slots=True)
class _Collect:
    """The keys a view reaches and its edges, before the node records are read. Departments a reform merged
    away are folded (`fold`: former key → the body that exists now) into that body, which keeps the former names
    it carries tasks for in this view (`printed`); an empty `fold` draws every name as printed."""

    fold: Mapping[str, str] = field(default_factory=dict)
    departments: dict[str, None] = field(default_factory=dict)
    tasks: dict[str, None] = field(default_factory=dict)
    documents: dict[str, None] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], str] = field(default_factory=dict)
    printed: dict[str, dict[str, None]] = field(default_factory=dict)  # body → former keys folded into it
    printed_as: dict[tuple[str, str], str] = field(default_factory=dict)  # (body node, task node) → former key
    roles: dict[tuple[str, str], str] = field(default_factory=dict)  # (department node, task node) → its role

    def edge(self, source: str, target: str, role: str, detail: str = "") -> None:
        self.edges.setdefault((source, target, role), detail)

    def body(self, department: str) -> str:
        """The key the view draws `department` under: the body that exists now, unless drawn as printed."""
        current = self.fold.get(department, department)
        if current != department:
            self.printed.setdefault(current, {})[department] = None
        self.departments[current] = None
        return current

    def assignment(self, department: str, task: str, role: str | None) -> None:
        """One RESPONSIBLE_FOR edge; when a body answers for a task under two names, the stronger role is drawn."""
        current = self.body(department)
        self.tasks[task] = None
        role = role or "responsible"
        pair = (dept_node_id(current), task_node_id(task))
        have = self.roles.get(pair)
        if have is not None:
            if ROLE_STRENGTH.get(role, 1) <= ROLE_STRENGTH.get(have, 1):
                return
            del self.edges[(*pair, have)]
            self.printed_as.pop(pair, None)
        self.roles[pair] = role
        self.edge(*pair, role)
        if current != department:
            self.printed_as[pair] = department

    def citation(self, row: dict[str, Any]) -> None:
        self.documents[row["citing"]] = None
        self.documents[row["cited"]] = None
        role = "implements" if row.get("relation") == "implements" else "cites"
        self.edge(doc_node_id(row["citing"]), doc_node_id(row["cited"]), role)


# --- finding the subject ------------------------------------------------------------------------------------------


def find_jurisdiction(store: GraphStore, name: str) -> str:
    """A jurisdiction by its name, or by the start of it when only one starts so (宝鸡 → 宝鸡市)."""
    names = [r["name"] for r in store.read(q.JURISDICTIONS)]
    if name in names:
        return name
    starting = [n for n in names if n.startswith(name)]
    if len(starting) == 1:
        return starting[0]
    raise QueryError(
        f"no jurisdiction {name!r} in the graph" + close_matches(name, names) + f" (all: {', '.join(names)})"
    )


# --- the node records -----------------------------------------------------------------------------------------------


def folding(store: GraphStore, as_printed: bool = False) -> dict[str, str]:
    """Former department key → the body that exists now (SUCCEEDED_BY to its end); empty `as_printed`."""
    return {} if as_printed else last_bodies(read_successors(store))


def _department_nodes(
    store: GraphStore, keys: Iterable[str], place: str = "", printed: Mapping[str, Iterable[str]] | None = None
) -> tuple[list[ViewNode], bool, dict[str, str]]:
    """The department nodes, whether analytics has scored them (`load`), and the printed names of the former
    bodies folded into them (key → name). In a view of one `place` the labels drop its name (教育局, not
    青铜峡市教育局): the title says it, and short labels overlap less. A body that carries a former name's tasks
    says so in its tooltip and is found by that name."""
    printed = printed or {}
    formers = sorted({f for key in keys for f in printed.get(key, ())})
    rows = store.read(q.DEPARTMENTS_BY_ID, {"ids": formers}) if formers else []
    names = {r["id"]: r["name"] or r["id"] for r in rows}
    carried = {r["id"]: int(r["assignments"]) for r in rows}  # without analytics, a body's size counts them too
    nodes, scored = [], False
    for r in store.read(q.DEPARTMENTS_BY_ID, {"ids": list(keys)}):
        printed_names = list(dict.fromkeys(names.get(f, f) for f in printed.get(r["id"], ())))
        former = "、".join(printed_names)
        load = r["load"]
        scored = scored or load is not None
        assignments = int(r["assignments"]) + sum(carried.get(f, 0) for f in printed.get(r["id"], ()))
        weight = float(load) if load is not None else float(assignments)
        scores = [f"{t('load')} {float(load):.2f}" if load is not None else f"{t('assignments')} {assignments}"]
        if r["pagerank"] is not None:
            scores.append(f"{t('pagerank')} {float(r['pagerank']):.4f}")
        if r["betweenness"] is not None:
            scores.append(f"{t('betweenness')} {float(r['betweenness']):.4f}")
        name = r["name"] or r["id"]
        nodes.append(
            ViewNode(
                dept_node_id(r["id"]),
                "former" if r["former"] else "department",
                short(_unplaced(name, place), 16),
                " ".join(dict.fromkeys([name, *(r["aliases"] or []), *printed_names])),  # search finds any of them
                (
                    t("load.including", name=name, former=former) if former else name,
                    f"{r['jurisdiction'] or ''} · {r['function'] or ''}"
                    + (f" · {t('view.abolished')}" if r["former"] else ""),
                    t("view.folded", former=former) if former else "",
                    ", ".join(scores),
                ),
                weight,
            )
        )
    return nodes, scored, names


def _unplaced(name: str, place: str) -> str:
    return name[len(place) :] if place and name.startswith(place) and len(name) > len(place) + 1 else name


def _owners(owners: list[str]) -> str:
    """`kind|name` pairs of a unit-less task's targets: 目标责任方：文件目标 · 宝鸡市人民政府."""
    shown = dict.fromkeys(owner(*pair.split("|", 1)) for pair in owners)
    return labelled("owner", "、".join(shown)) if shown else ""


def _task_nodes(store: GraphStore, keys: Iterable[str], lines: SourceLines, doc_nos: dict[str, str]) -> list[ViewNode]:
    nodes = []
    keys = list(keys)
    from graph.status import latest_statuses  # supervision, read when a view has tasks

    statuses = latest_statuses(store, keys)
    for r in store.read(q.TASKS_BY_ID, {"ids": keys}):
        text = r["text"] or ""
        deadline = r["deadline_text"] or ""
        if r["deadline"]:
            deadline = f"{deadline} ({r['deadline']})" if deadline else str(r["deadline"])
        nodes.append(
            ViewNode(
                task_node_id(r["id"]),
                "task",
                short(_NUMBERING.sub("", text), 8),
                text,
                (
                    t("view.task_of", path=r["path"], doc=doc_nos.get(r["doc_id"], r["doc_id"])),
                    short(text, 400),
                    labelled("task_units", "、".join(r["units"])) if r["units"] else _owners(r["owners"]),
                    labelled("deadline", deadline or t("view.no_deadline")),
                    *(labelled("indicator", short(i, 120)) for i in r["indicators"]),
                    labelled("source", lines.label(r["source"], r["span"])),
                    labelled("status", t(f"status.{statuses[r['id']]}")) if r["id"] in statuses else "",
                ),
                status=statuses.get(r["id"]),
            )
        )
    return nodes


def _document_nodes(store: GraphStore, keys: Iterable[str], lines: SourceLines) -> list[ViewNode]:
    nodes = []
    for r in store.read(q.DOCUMENTS_BY_ID, {"ids": list(keys)}):
        label = r["doc_no"] or short(r["title"], 14)
        place = " · ".join(x for x in (r["jurisdiction"], shown_value("level", r["level"]), r["date"]) if x)
        nodes.append(
            ViewNode(
                doc_node_id(r["id"]),
                "upstream" if r["stub"] else "document",
                label,
                " ".join(x for x in (r["doc_no"], r["title"]) if x),
                (
                    r["doc_no"] or "",
                    r["title"] or "",
                    " · ".join(x for x in (r["issuer"], place) if x),
                    t("stub_note") if r["stub"] else labelled("source", lines.label(r["source"], r["span"])),
                ),
            )
        )
    return nodes


def _indicator_nodes(rows: Iterable[dict[str, Any]], lines: SourceLines) -> list[ViewNode]:
    nodes = []
    for r in rows:
        value = "" if r["value"] is None else f"{r['value']:g}"
        if r["value_max"] is not None:
            value += f"–{r['value_max']:g}"
        sign = {">=": "≥", "<=": "≤", "~": "≈"}.get(r["comparator"] or "", "")
        target = " ".join(x for x in (r["comparator"], value + (r["unit"] or "")) if x)
        nodes.append(
            ViewNode(
                indicator_node_id(r["id"]),
                "indicator",
                short(sign + value + (r["unit"] or ""), 10) or "indicator",
                r["text"] or "",
                (
                    r["text"] or "",
                    labelled("view.target", target) + (t("view.by_year", year=r["year"]) if r["year"] else ""),
                    labelled("source", lines.label(r["source"], r["span"])),
                ),
            )
        )
    return nodes


def _finish(
    store: GraphStore,
    kind: str,
    subject: str,
    title: str,
    found: _Collect,
    focus: set[str],
    max_nodes: int,
    lines: SourceLines | None,
    place: str = "",
) -> View:
    lines = lines or SourceLines.of(store)
    documents = _document_nodes(store, found.documents, lines)
    doc_nos = {n.id.removeprefix("document:"): n.label for n in documents}
    departments, scored, former_names = _department_nodes(store, found.departments, place, found.printed)
    for (source, target), former in found.printed_as.items():  # a task printed under a former name says so
        key = (source, target, found.roles[source, target])
        found.edges[key] = t("view.printed_as", name=former_names.get(former, former))
    nodes = [
        *documents,
        *departments,
        *_task_nodes(store, found.tasks, lines, doc_nos),
        *_indicator_nodes(found.indicators.values(), lines),
    ]
    nodes = [replace(n, focus=True) if n.id in focus else n for n in nodes]
    order = {k: i for i, k in enumerate(NODE_KINDS)}
    nodes.sort(key=lambda n: (not n.focus, order[n.kind], -n.weight, n.id))
    present = {n.id for n in nodes}
    edges = [ViewEdge(s, t, role, d) for (s, t, role), d in found.edges.items() if s in present and t in present]
    view = View(
        kind, subject, title, tuple(nodes), tuple(edges), len(nodes), ranked_by="load" if scored else "assignments"
    )
    return reduce_view(view, max_nodes)


# --- reduction ----------------------------------------------------------------------------------------------------------


BALANCE = 6  # tasks per department a reduced view aims at before it takes in one more department


def _ranked_tasks(view: View, kind: dict[str, str]) -> dict[str, list[str]]:
    """Each department's tasks, lead first, then responsible, then support (printed order within a role)."""
    rank = {"lead": 0, "responsible": 1, "support": 2}
    tasks: dict[str, list[tuple[int, int, str]]] = {}
    for i, e in enumerate(view.edges):
        if kind.get(e.source) in DEPARTMENT_KINDS and kind.get(e.target) == "task":
            tasks.setdefault(e.source, []).append((rank.get(e.role, 3), i, e.target))
    return {d: list(dict.fromkeys(t for _, _, t in sorted(found))) for d, found in tasks.items()}


def _balanced(
    departments: list[str], tasks: dict[str, list[str]], keep: dict[str, None], budget: int
) -> tuple[int, int]:
    """Adds to `keep`, within `budget` more nodes, as many departments (heaviest first) as fit with up to BALANCE
    tasks each, then their further tasks one round at a time; returns how many departments and the rounds."""
    end = len(keep) + budget
    top = 0
    for dept in departments:
        bundle = [x for x in dict.fromkeys([dept, *tasks[dept][:BALANCE]]) if x not in keep]
        if len(keep) + len(bundle) > end:
            if top == 0:  # the heaviest department alone overflows: it and the tasks that fit, not an empty view
                fitting = bundle[: end - len(keep)]
                keep.update(dict.fromkeys(fitting))
                return 1, len(fitting) - 1
            break
        keep.update(dict.fromkeys(bundle))
        top += 1
    rounds = min(BALANCE, max((len(tasks[d]) for d in departments[:top]), default=0))
    while len(keep) < end and any(len(tasks[d]) > rounds for d in departments[:top]):
        for dept in departments[:top]:
            if rounds < len(tasks[dept]) and len(keep) < end:
                keep[tasks[dept][rounds]] = None
        rounds += 1
    return top, rounds


def reduce_view(view: View, max_nodes: int = MAX_NODES) -> View:
    """At most `max_nodes` nodes: the focus and what hangs on it, then the departments by weight, as many as fit
    with a few tasks each (leads first; the cap raised while it fits), then the documents and indicators next to
    what is kept. A balanced picture: ten departments with six tasks each, not two with all of theirs."""
    if len(view.nodes) <= max_nodes:
        return view
    kind = {n.id: n.kind for n in view.nodes}
    weight = {n.id: n.weight for n in view.nodes}
    neighbours: dict[str, list[str]] = {n.id: [] for n in view.nodes}
    for e in view.edges:
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    keep: dict[str, None] = {}
    for focus in (n.id for n in view.nodes if n.focus):
        keep[focus] = None
        for other in neighbours[focus]:
            if kind[other] not in DEPARTMENT_KINDS and len(keep) < max_nodes:
                keep[other] = None
    departments = sorted(
        (i for i in kind if kind[i] in DEPARTMENT_KINDS and i not in keep), key=lambda i: (-weight[i], i)
    )
    ranked = _ranked_tasks(view, kind)
    tasks = {d: [x for x in ranked.get(d, []) if x not in keep] for d in departments}
    room = max_nodes - len(keep)
    documents = sum(1 for k in kind.values() if k in ("document", "upstream")) - sum(
        1 for i in keep if kind[i] in ("document", "upstream")
    )
    reserve = min(documents, room // 6)  # the documents the kept tasks come from need room too
    top, cap = _balanced(departments, tasks, keep, room - reserve) if room > 0 else (0, 0)
    queue = list(keep)
    while queue and len(keep) < max_nodes:  # documents and indicators next to what is kept, nearest first
        for other in neighbours[queue.pop(0)]:
            if other not in keep and kind[other] in ("document", "upstream", "indicator") and len(keep) < max_nodes:
                keep[other] = None
                queue.append(other)
    nodes = tuple(n for n in view.nodes if n.id in keep)
    edges = tuple(e for e in view.edges if e.source in keep and e.target in keep)
    left_out: dict[str, int] = {}
    for n in view.nodes:
        if n.id not in keep:
            left_out[n.kind] = left_out.get(n.kind, 0) + 1
    omitted = tuple((k, left_out[k]) for k in NODE_KINDS if k in left_out)
    return replace(view, nodes=nodes, edges=edges, top_departments=top, tasks_per_department=cap, omitted=omitted)


# --- the four views ---------------------------------------------------------------------------------------------------------


def _citations_behind(store: GraphStore, documents: list[str], tasks: set[str]) -> list[dict[str, Any]]:
    """The citations of `documents` that stand behind `tasks`: written inside one of them, or outside every task
    of their document (the preamble and general parts speak for the whole document); not those written inside
    another task, which another department carries out."""
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for r in store.read(q.TASK_SPANS, {"ids": documents}):
        if r["span"]:
            spans.setdefault(r["document"], []).append((r["task"], int(r["span"][0]), int(r["span"][1])))
    behind = []
    for r in store.read(q.CITATIONS_AT, {"ids": documents}):
        inside = [
            task for task, start, end in spans.get(r["citing"], []) if r["at"] is not None and start <= r["at"] < end
        ]
        if not inside or tasks.intersection(inside):
            behind.append(r)
    return behind


def _chain(steps: Mapping[str, str], former: str) -> list[str]:
    """The bodies `former`'s work passed to, step by step (扶贫办 → 乡村振兴局 → 农业农村局)."""
    chain: list[str] = []
    while former in steps and steps[former] not in chain and steps[former] != former:
        former = steps[former]
        chain.append(former)
    return chain


def department_view(
    store: GraphStore,
    name: str,
    max_nodes: int = MAX_NODES,
    lines: SourceLines | None = None,
    as_printed: bool = False,
) -> View:
    """A department's ego network: its tasks (those printed under the names a reform merged into it included),
    who else answers for them, their documents and what those cite. A former name leads to the body that exists
    now; `as_printed` draws the former names apart, each linked to its successor."""
    steps = read_successors(store)
    last = last_bodies(steps)
    key = find_department(store, name)
    if not as_printed:
        key = last.get(key, key)
    found = _Collect(fold={} if as_printed else last)
    found.departments[key] = None
    lineage = [key, *sorted(f for f in steps if key in _chain(steps, f))]
    for r in store.read(q.DEPARTMENT_EGO, {"ids": lineage}):
        found.assignment(r["department"], r["task"], r["role"])
    if as_printed:
        for former in lineage[1:]:
            found.departments[former] = None
            found.edge(dept_node_id(former), dept_node_id(steps[former]), "succeeded")
    for r in store.read(q.TASK_DOCUMENTS, {"ids": list(found.tasks)}):
        found.documents[r["document"]] = None
        found.edge(doc_node_id(r["document"]), task_node_id(r["task"]), "task")
    for r in _citations_behind(store, list(found.documents), set(found.tasks)):
        found.citation(r)
    rows = store.read(q.DEPARTMENTS_BY_ID, {"ids": [key]})
    title = f"{t('node.department')} {rows[0]['name'] or key}" if rows else f"{t('node.department')} {key}"
    return _finish(store, "department", key, title, found, {dept_node_id(key)}, max_nodes, lines)


def document_view(
    store: GraphStore, key: str, max_nodes: int = MAX_NODES, lines: SourceLines | None = None, as_printed: bool = False
) -> View:
    """A document: its tasks, their departments (by role; the bodies that exist now unless `as_printed`) and
    indicators, its issuers, what it cites and what cites it."""
    doc_id = find_document(store, key)
    found = _Collect(fold=folding(store, as_printed))
    found.documents[doc_id] = None
    me = doc_node_id(doc_id)
    for r in store.read(q.DOCUMENT_ASSIGNMENTS, {"id": doc_id}):
        found.tasks[r["task"]] = None
        found.edge(me, task_node_id(r["task"]), "task")
        if r["department"]:
            found.assignment(r["department"], r["task"], r["role"])
    for r in store.read(q.DOCUMENT_INDICATORS, {"id": doc_id}):
        found.indicators[r["id"]] = r
        found.edge(task_node_id(r["task"]), indicator_node_id(r["id"]), "indicator")
    for r in store.read(q.DOCUMENT_ISSUERS, {"id": doc_id}):
        found.edge(me, dept_node_id(found.body(r["department"])), "issued")
    for r in store.read(q.CITATIONS_FROM, {"ids": [doc_id]}) + store.read(q.CITATIONS_TO, {"ids": [doc_id]}):
        found.citation(r)
    doc = store.read(q.DOCUMENTS_BY_ID, {"ids": [doc_id]})[0]
    title = f"{t('node.document')} {' '.join(x for x in (doc['doc_no'], doc['title']) if x)}"
    return _finish(store, "document", doc_id, title, found, {me}, max_nodes, lines)


def _walk(store: GraphStore, query: str, start: list[str], found: _Collect, end: str) -> list[str]:
    """Citation hops from `start` (up to MAX_HOPS); the documents reached at the `end` ("citing"|"cited") side."""
    seen, frontier = set(start), list(start)
    reached: list[str] = []
    for _ in range(MAX_HOPS):
        if not frontier:
            break
        rows = store.read(query, {"ids": frontier})
        for r in rows:
            found.citation(r)
        frontier = [d for d in dict.fromkeys(r[end] for r in rows) if d not in seen]
        seen.update(frontier)
        reached += frontier
    return reached


def chain_view(
    store: GraphStore, key: str, max_nodes: int = MAX_NODES, lines: SourceLines | None = None, as_printed: bool = False
) -> View:
    """A policy's citation tree: what it rests on (upstream), what implements or cites it (downstream, through
    stubs titled after it), down to the departments answerable (lead or responsible) in each document (the bodies
    that exist now unless `as_printed`)."""
    doc_id = find_document(store, key)
    found = _Collect(fold=folding(store, as_printed))
    found.documents[doc_id] = None
    _walk(store, q.CITATIONS_FROM, [doc_id], found, "cited")
    named = [r["id"] for r in store.read(q.STUBS_NAMED_AFTER, {"id": doc_id})]
    for stub in named:
        found.documents[stub] = None
        found.edge(doc_node_id(stub), doc_node_id(doc_id), "titled_after", "titled after it: one step below")
    downstream = _walk(store, q.CITATIONS_TO, [doc_id, *named], found, "citing")
    answerable: dict[tuple[str, str, str], set[str]] = {}  # (document, body, role) → its tasks' paths
    for r in store.read(q.ANSWERABLE_OF, {"ids": [doc_id, *downstream]}):
        answerable.setdefault((r["document"], found.body(r["department"]), r["role"]), set()).update(r["tasks"])
    for (document, department, answer), paths in answerable.items():
        tasks = sorted(paths)
        detail = t("view.role_for", role=role(answer), n=len(tasks), tasks="、".join(tasks[:12])) + (
            "…" if len(tasks) > 12 else ""
        )
        found.edge(doc_node_id(document), dept_node_id(department), answer, detail)
    doc = store.read(q.DOCUMENTS_BY_ID, {"ids": [doc_id]})[0]
    title = t("view.chain_of", doc=doc["doc_no"] or doc["title"])
    return _finish(store, "chain", doc_id, title, found, {doc_node_id(doc_id)}, max_nodes, lines)


def jurisdiction_view(
    store: GraphStore, name: str, max_nodes: int = MAX_NODES, lines: SourceLines | None = None, as_printed: bool = False
) -> View:
    """The department–task network of one city or county: its departments (the bodies that exist now unless
    `as_printed`), their tasks (by role), the tasks' documents."""
    place = find_jurisdiction(store, name)
    found = _Collect(fold=folding(store, as_printed))
    for r in store.read(q.JURISDICTION_ASSIGNMENTS, {"name": place}):
        found.assignment(r["department"], r["task"], r["role"])
    for r in store.read(q.TASK_DOCUMENTS, {"ids": list(found.tasks)}):
        found.documents[r["document"]] = None
        found.edge(doc_node_id(r["document"]), task_node_id(r["task"]), "task")
    title = f"{t('jurisdiction')} {place}"
    return _finish(store, "jurisdiction", place, title, found, set(), max_nodes, lines, place)


VIEWS: dict[str, Callable[..., View]] = {
    "department": department_view,
    "document": document_view,
    "chain": chain_view,
    "jurisdiction": jurisdiction_view,
}


def collaboration_view(
    store: GraphStore, name: str, max_nodes: int = MAX_NODES, lines: SourceLines | None = None, as_printed: bool = False
) -> View:
    """Who works with whom in one city or county: its departments (the bodies that exist now unless
    `as_printed`) sized by load, joined where they share tasks (width: how many; tooltip: which), coloured by
    the communities of that co-responsibility network. Every department with a task is drawn, sharing or not."""
    import networkx as nx

    from graph.analytics import department_projection
    from graph.centrality import communities, community_of

    place = find_jurisdiction(store, name)
    found = _Collect(fold=folding(store, as_printed))
    for r in store.read(q.JURISDICTION_ASSIGNMENTS, {"name": place}):
        found.assignment(r["department"], r["task"], r["role"])
    B = nx.Graph()
    B.add_nodes_from(found.departments, kind="department")
    B.add_nodes_from(found.tasks, kind="task")
    B.add_edges_from((d.removeprefix("department:"), x.removeprefix("task:")) for d, x in found.roles)
    P = department_projection(B)
    groups = communities(P)
    community = community_of(groups)
    departments, scored, _ = _department_nodes(store, found.departments, place, found.printed)
    tasks = {r["id"]: r for r in store.read(q.TASKS_BY_ID, {"ids": list(found.tasks)})}
    doc_nos = {
        r["id"]: r["doc_no"] or short(r["title"], 14)
        for r in store.read(q.DOCUMENTS_BY_ID, {"ids": sorted({r["doc_id"] for r in tasks.values()})})
    }
    edges = []
    for a, b, data in sorted(P.edges(data=True), key=lambda e: (-e[2]["weight"], str(e[0]), str(e[1]))):
        shared = sorted(set(B[a]) & set(B[b]), key=lambda x: (tasks[x]["doc_id"], tasks[x]["span"] or [0]))
        listed = [
            f"{doc_nos.get(tasks[x]['doc_id'], '')} {tasks[x]['path']} {short(_NUMBERING.sub('', tasks[x]['text'] or ''), 30)}"
            for x in shared[:SHARED_LISTED]
        ]
        more = [t("view.more", n=len(shared) - SHARED_LISTED)] if len(shared) > SHARED_LISTED else []
        detail = "\n".join([t("view.shared", n=len(shared)), *listed, *more])
        edges.append(ViewEdge(dept_node_id(a), dept_node_id(b), "shares", detail, float(data["weight"])))
    names = {n.id: n.label for n in departments}
    nodes = sorted(
        (replace(n, group=community.get(n.id.removeprefix("department:"))) for n in departments),
        key=lambda n: (-n.weight, n.id),
    )
    view = View(
        "collaboration",
        place,
        t("view.collaboration_of", place=place),
        tuple(nodes),
        tuple(edges),
        len(nodes),
        ranked_by="load" if scored else "assignments",
        communities=tuple(tuple(names[dept_node_id(d)] for d in g) for g in groups),
    )
    return reduce_view(view, max_nodes)


SHARED_LISTED = 12  # tasks a shared edge's tooltip lists
VIEWS["collaboration"] = collaboration_view
