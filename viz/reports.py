"""Report data (plain dicts) and its text forms: the load ranking, one department, one document, a chain.

Data comes from graph/analytics.py (the ranking) and graph/facts.py (the facts); HTML is in viz/pages.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from typing import Any

from graph import analytics, facts
from graph.load import document_details, paused_gc, read_graphs
from graph.store import GraphStore
from loaders.errors import ConfigError
from queries.packs import DATE_BOUND
from viz import tables
from viz.labels import owner, role, shown_value, t
from viz.sources import SourceLines
from viz.tables import Sheet

FORMATS = ("table", "markdown", "html", "csv", "json", "xlsx")
FILE_FORMATS = ("xlsx",)  # binary: written to a file (-o), never to a terminal
LOAD_COLUMNS = (
    "rank",
    "name",
    "load",
    "tasks",
    "lead",
    "responsible",
    "support",
    "indicators",
    "documents",
    "upstream",
    "degree",
    "betweenness",
    "pagerank",
    "community",
)


# the ranking as the load report shows it: after the name, the jurisdiction (ranks are within it by default)
RANKING_COLUMNS = ("rank", "name", "jurisdiction", *LOAD_COLUMNS[2:])


def check_date_bound(option: str, value: str | None) -> str | None:
    """A --since/--until value: a year (2018), a month (2018-05) or an ISO date (2018-05-23)."""
    if value is not None and not DATE_BOUND.match(value.strip()):
        raise ConfigError(f"{option} takes a year (2018) or an ISO date (2018-05-23), not {value!r}")
    return None if value is None else value.strip()


def in_period(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a document date (ISO text) falls in [since, until], bounds as years, months or dates, compared as
    text the way the .cypher filters compare them (a year bounds its whole year); undated is out once a bound is set.

    >>> [in_period(d, "2018", "2021") for d in ("2017-12-31", "2018-01-01", "2021-12-31", "2022-01-01", None)]
    [False, True, True, False, False]
    >>> in_period(None, None, None)
    True
    """
    if since is None and until is None:
        return True
    if not date:
        return False
    return (since is None or date >= since) and (until is None or date[: len(until)] <= until)


def slug(key: str) -> str:
    """A file-name-safe form of a graph key (CJK kept): `doc:宝政发〔2022〕17号` → `doc-宝政发-2022-17号`."""
    return re.sub(r"[^\w]+", "-", key).strip("-") or "unnamed"


def load_report(
    store: GraphStore,
    weights: dict[str, float] | None = None,
    jurisdiction: str | None = None,
    document: str | None = None,
    seed: int = analytics.SEED,
    since: str | None = None,
    until: str | None = None,
    as_printed: bool = False,
    all_places: bool = False,
) -> dict[str, Any]:
    """The load ranking with centrality and communities, the department × document matrix, and the
    indicators due per document and year. `document`: only that document's tasks (文号 or title);
    `since`/`until`: only the tasks of documents dated in that period (see `in_period`).

    Departments are ranked within their jurisdiction (`place_rank`; `sections`: one per jurisdiction, the one
    with the most load first) unless `all_places` asks for one list across places (`rank` is always that one).

    Departments are the bodies that exist now: a name a reform merged away counts as its last successor,
    named after it ("宝鸡市卫健委（含 宝鸡市卫计局）", in the language in use); `as_printed` keeps them apart."""
    graphs = read_graphs(store, as_printed=as_printed)
    B = graphs.bipartite
    if document is not None:
        B = analytics.restrict(B, [facts.find_document(store, document)])
    if since is not None or until is not None:
        task_docs = {B.nodes[task].get("doc_id") for task in analytics.tasks_of(B)}
        dated = document_details(store, (str(d) for d in task_docs if d is not None))
        B = analytics.restrict(B, [d for d, row in dated.items() if in_period(row.get("date"), since, until)])
    if jurisdiction is not None and not any(
        B.nodes[d].get("jurisdiction") == jurisdiction for d in analytics.departments_of(B)
    ):
        places = sorted({str(j) for _, j in B.nodes(data="jurisdiction") if j})
        period = f" in documents dated {since or '…'} to {until or '…'}" if since or until else " in the graph"
        raise ConfigError(f"no department of {jurisdiction!r}{period}; jurisdictions: {', '.join(places) or 'none'}")
    with paused_gc():
        result = analytics.analyse(
            B, graphs.citations, weights or analytics.DEFAULT_WEIGHTS, seed, jurisdiction=jurisdiction
        )
    for row in result["departments"]:
        if row.get("former_names"):
            row["name"] = t("load.including", name=row["name"], former="、".join(row["former_names"]))
    result["as_printed"] = as_printed
    result["all_places"] = all_places
    result["sections"] = place_sections(result["departments"], all_places)
    result["document"] = document
    result["since"], result["until"] = since, until
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


def place_sections(departments: list[dict[str, Any]], all_places: bool = False) -> list[dict[str, Any]]:
    """The ranking cut by jurisdiction: `[{"jurisdiction": 宝鸡市, "ids": [...]}, ...]`, the jurisdiction with
    the most load first (a department of no known jurisdiction last, under None); each row gets its
    `place_rank`. With `all_places`, one section (jurisdiction None) holding every department in rank order.

    >>> rows = [{"id": "a", "jurisdiction": "X", "load": 3}, {"id": "b", "jurisdiction": "Y", "load": 2},
    ...         {"id": "c", "jurisdiction": "Y", "load": 2}]
    >>> place_sections(rows), [r["place_rank"] for r in rows]
    ([{'jurisdiction': 'Y', 'ids': ['b', 'c']}, {'jurisdiction': 'X', 'ids': ['a']}], [1, 1, 2])
    """
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for row in departments:  # in rank order
        group = groups.setdefault(row.get("jurisdiction") or None, [])
        group.append(row)
        row["place_rank"] = len(group)
    if all_places:
        return [{"jurisdiction": None, "ids": [row["id"] for row in departments]}]
    order = sorted(groups, key=lambda j: (j is None, -sum(float(r["load"]) for r in groups[j]), str(j)))
    return [{"jurisdiction": j, "ids": [row["id"] for row in groups[j]]} for j in order]


def ranked_sections(result: dict[str, Any], limit: int | None = None) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """(jurisdiction, its rows with `rank` as shown: within the place, or across places with --all-places),
    the first `limit` of each section."""
    by_id = {row["id"]: row for row in result["departments"]}
    sections = result.get("sections") or place_sections(result["departments"], bool(result.get("all_places")))
    key = "rank" if result.get("all_places") else "place_rank"
    out = []
    for section in sections:
        rows = [by_id[i] for i in section["ids"]][:limit] if limit else [by_id[i] for i in section["ids"]]
        out.append((section["jurisdiction"], [{**row, "rank": row[key]} for row in rows]))
    return out


def section_title(jurisdiction: str | None, all_places: bool) -> str:
    """The heading of one section of the load ranking."""
    if all_places:
        return t("sec.all_places")
    return t("sec.place_ranking", place=jurisdiction or t("place.unknown"))


def department_summary(data: dict[str, Any]) -> dict[str, Any]:
    """Roles, deadlines per year and tasks per document of a `facts.department_facts` result."""
    roles = Counter(t["role"] for t in data["tasks"])
    years = Counter(str(t["deadline"])[:4] for t in data["tasks"] if t.get("deadline"))
    docs: dict[str, dict[str, Any]] = {}
    for task in data["tasks"]:
        entry = docs.setdefault(task["doc_id"], {"doc_no": task["doc_no"], "title": task["title"], "tasks": 0})
        entry["tasks"] += 1
    return {"roles": dict(roles), "deadlines": dict(sorted(years.items())), "documents": docs}


def department_report(store: GraphStore, name: str, as_of: date | None = None) -> dict[str, Any]:
    """Everything about one department (by name, key or the end of its name), with the progress reported on its
    tasks and those overdue as of `as_of` (today)."""
    from graph.status import due_report

    data = facts.department_facts(store, facts.find_department(store, name))
    data["summary"] = department_summary(data)
    data["progress"] = due_report(store, as_of or date.today()).for_tasks(t["task_id"] for t in data["tasks"])
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


COMPARE_COLUMNS = (
    "policy",
    "jurisdiction",
    "document",
    "date",
    "task_path",
    "task",
    "leads",
    "responsible",
    "support",
    "indicators",
    "source",
    "evidence",
)


def compare_report(
    store: GraphStore, jurisdictions: list[str], since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """The upstream policies every one of `jurisdictions` implements directly (queries/compare/jurisdictions), and
    per policy, per jurisdiction, its implementing documents with their tasks (units by role, in printed order)."""
    from queries.runner import run_query

    places = list(dict.fromkeys(j.strip() for j in jurisdictions if j.strip()))
    if len(places) < 2 or any("," in j for j in places):
        raise ConfigError(f"compare needs two or more jurisdictions, e.g. 巴彦淖尔市 青铜峡市; got {jurisdictions!r}")
    params = {"jurisdictions": ",".join(places)}
    params |= {k: v for k, v in (("since", since), ("until", until)) if v is not None}
    rows = run_query(store, "compare/jurisdictions", params).rows
    policies: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for row in rows:
        docs = policies.setdefault(row["policy"], {j: {} for j in places}).setdefault(row["jurisdiction"], {})
        doc = docs.setdefault(
            row["document"],
            {"document": row["document"], "date": row["date"], "relation": row["relation"], "tasks": []},
        )
        if row["task_path"] is not None or row["task"] is not None:
            keys = ("task_path", "task", "leads", "responsible", "support", "indicators", "source", "span")
            doc["tasks"].append({k: row[k] for k in keys})
    return {
        "jurisdictions": places,
        "since": since,
        "until": until,
        "policies": [
            {"policy": name, "jurisdictions": {j: list(docs[j].values()) for j in places}}
            for name, docs in policies.items()
        ],
    }


def compare_sheets(data: dict[str, Any], lines: SourceLines) -> list[Sheet]:
    """One row per task of each implementing document (a document with no task: one row without one)."""
    rows = []
    for policy in data["policies"]:
        for place, docs in policy["jurisdictions"].items():
            for doc in docs:
                for task in doc["tasks"] or [{}]:
                    rows.append(
                        [
                            policy["policy"],
                            place,
                            doc["document"],
                            doc["date"],
                            task.get("task_path"),
                            task.get("task"),
                            "、".join(task.get("leads") or ()),
                            "、".join(task.get("responsible") or ()),
                            "、".join(task.get("support") or ()),
                            task.get("indicators") or [],
                            lines.label(task.get("source"), task.get("span")) if task else "",
                            lines.quote(task.get("source"), task.get("span"), stored=task.get("task")) if task else "",
                        ]
                    )
    return [Sheet("page.compare", COMPARE_COLUMNS, rows)]


def compare_meta(data: dict[str, Any]) -> str:
    places = "、".join(data["jurisdictions"])
    scope = [t("hdr.since", date=data["since"])] if data.get("since") else []
    scope += [t("hdr.until", date=data["until"])] if data.get("until") else []
    key = "compare.meta" if data["policies"] else "compare.none"
    text = t(key, places=places, n=len(data["policies"]))
    return text + (t("hdr.scope", scope=", ".join(scope)) if scope else "")


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
    how = t("hdr.sampled", n=sample, seed=result["seed"]) if sample else t("hdr.exact")
    scope = [t("hdr.jurisdiction", name=result["jurisdiction"])] if result.get("jurisdiction") else []
    scope += [t("hdr.document", name=result["document"])] if result.get("document") else []
    scope += [t("hdr.since", date=result["since"])] if result.get("since") else []
    scope += [t("hdr.until", date=result["until"])] if result.get("until") else []
    scope += [t("hdr.all_places") if result.get("all_places") else t("hdr.by_place")]
    return t(
        "hdr.load",
        departments=len(result["departments"]),
        scope=t("hdr.scope", scope=", ".join(scope)) if scope else "",
        tasks=result["tasks"],
        assignments=result["assignments"],
        weights=weights,
        how=how,
        communities=result["communities"],
        method=result.get("community_method", "louvain"),
        seed=result["seed"],
    )


_SHEET_KEYS = ("rank", "id", "name", "jurisdiction", *LOAD_COLUMNS[2:])


def load_sheets(result: dict[str, Any], limit: int | None = None) -> list[Sheet]:
    """One sheet per jurisdiction (ranks within it), or one across places with --all-places."""
    sample = result["betweenness_sample"] or ""
    sheets = []
    for place, rows in ranked_sections(result, limit):
        body = [
            [*(row.get(k) for k in _SHEET_KEYS), " ".join(f"{y}:{n}" for y, n in row["deadlines"].items()), sample]
            for row in rows
        ]
        title = section_title(place, bool(result.get("all_places")))
        sheets.append(Sheet(title, [*_SHEET_KEYS, "deadlines", "betweenness_sample"], body))
    return sheets


def load_markdown(result: dict[str, Any], limit: int | None = None) -> str:
    sheets = [
        Sheet(
            section_title(place, bool(result.get("all_places"))),
            RANKING_COLUMNS,
            [[row.get(k) for k in RANKING_COLUMNS] for row in rows],
        )
        for place, rows in ranked_sections(result, limit)
    ]
    return tables.to_markdown(sheets, t("page.load"), load_header(result))


def load_csv(result: dict[str, Any], limit: int | None = None) -> str:
    """One table: the sections one after the other, every row with its jurisdiction and its rank as shown."""
    sheets = load_sheets(result, limit)
    return tables.to_csv([Sheet(sheets[0].title, sheets[0].columns, [r for s in sheets for r in s.rows])])


def load_json(result: dict[str, Any], limit: int | None = None) -> str:
    """`departments` in rank order across places (each with `place_rank` and `jurisdiction`) and `sections`
    (the ids of each jurisdiction's ranking); `limit` keeps the first N of each section."""
    data = dict(result)
    if limit:
        data["sections"] = [{**s, "ids": s["ids"][:limit]} for s in result["sections"]]
        kept = {i for s in data["sections"] for i in s["ids"]}
        data["departments"] = [row for row in result["departments"] if row["id"] in kept]
    data["deadlines_note"] = "deadlines: {year: tasks due that year}"
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


# --- tables of one department, one document, a chain (csv, markdown, xlsx) -----------------------------------


def department_sheets(data: dict[str, Any], lines: SourceLines) -> list[Sheet]:
    """Its tasks (verbatim text, role, deadline, source file:line and line text), then its partners."""
    tasks = [
        [
            task.get("doc_no") or task.get("title"),
            task.get("path"),
            role(task.get("role")),
            task.get("text"),
            task.get("deadline_text") or task.get("deadline"),
            lines.label(task.get("source"), task.get("span")),
            lines.quote(task.get("source"), task.get("span"), stored=task.get("text")),
        ]
        for task in data["tasks"]
    ]
    partners = [[p["name"], p["shared"]] for p in data["partners"]]
    return [
        Sheet("sec.tasks", ("document", "path", "role", "task", "deadline", "source", "evidence"), tasks),
        Sheet("sec.partners", ("department", "shared"), partners),
    ]


def _as_printed(departments: list[dict[str, Any]]) -> str:
    """The units in the order the document prints them (the first-listed is read as the de facto lead)."""
    ranked = sorted(departments, key=lambda d: (d.get("position") is None, d.get("position") or 0))
    return "、".join(f"{d['name']}（{role(d['role'])}）" for d in ranked)


def _owners(indicators: list[dict[str, Any]]) -> str:
    """Who answers for the targets of a task that names no unit: 文件目标 · its issuer (or a section's lead)."""
    return "、".join(sorted({owner(i.get("owner_kind"), i.get("owner")) for i in indicators} - {""}))


def document_sheets(data: dict[str, Any], lines: SourceLines) -> list[Sheet]:
    """Its tasks with who carries them (in printed order), its indicators, its departments, what it cites."""
    tasks = [
        [
            task.get("path"),
            task.get("text"),
            _as_printed(task["departments"]) or _owners(task["indicators"]),
            len(task["indicators"]),
            task.get("deadline_text") or task.get("deadline"),
            lines.label(task.get("source"), task.get("span")),
            lines.quote(task.get("source"), task.get("span"), stored=task.get("text")),
        ]
        for task in data["tasks"]
    ]
    indicators = [
        [
            i.get("text"),
            i.get("comparator"),
            i.get("value"),
            i.get("unit"),
            i.get("year"),
            lines.label(i.get("source"), i.get("span")),
            lines.quote(i.get("source"), i.get("span"), stored=i.get("text")),
        ]
        for i in data["indicators"]
    ]
    return [
        Sheet(
            "sec.tasks",
            ("path", "task", "departments_as_printed", "indicators", "deadline", "source", "evidence"),
            tasks,
        ),
        Sheet("indicators", ("indicator", "comparator", "value", "unit", "year", "source", "evidence"), indicators),
        Sheet("sec.departments", ("department", "tasks"), [[d["name"], d["tasks"]] for d in data["departments"]]),
        Sheet(
            "sec.cites",
            ("doc_no", "title", "relation", "level"),
            [
                [
                    c.get("doc_no"),
                    c.get("title"),
                    shown_value("relation", c.get("relation")),
                    shown_value("level", c.get("level")),
                ]
                for c in data["cites"]
            ],
        ),
    ]


def chain_sheets(data: dict[str, Any], lines: SourceLines) -> list[Sheet]:
    """The upstream documents by depth, each with its source file:line (or "not in the corpus")."""
    rows = [
        [
            d["depth"],
            d.get("doc_no"),
            d.get("title"),
            shown_value("level", d.get("level")),
            d.get("jurisdiction"),
            shown_value("relation", d.get("relation")),
            t("stub_note") if d.get("stub") else lines.label(d.get("source"), d.get("span")),
        ]
        for level in data["levels"]
        for d in level
    ]
    return [Sheet("sec.upstream", ("depth", "doc_no", "title", "level", "jurisdiction", "relation", "source"), rows)]
