"""HTML reports: load ranking, one department, one document, an upstream chain, and an index page.

Each is one self-contained file (viz/html.py); each fact links to its source `file:line` relative to the
folder the page is written to (`report_dir`). `dept_href` / `doc_href` map a key to the page about it, or
None when that page is not written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from viz import charts
from viz.html import esc, link, page, section, source_link, table
from viz.reports import LOAD_COLUMNS, _cell, load_header
from viz.sources import SourceLines

Href = Callable[[str], str | None]
ROLE_NAMES = {"lead": "牵头 lead", "responsible": "负责 responsible", "support": "配合 support"}


def _none(_: str) -> str | None:
    return None


def _src(lines: SourceLines, report_dir: Path, source: str | None, span: Any) -> str:
    return source_link(lines.href(source, report_dir), lines.label(source, span))


def _doc_label(doc: dict[str, Any]) -> str:
    return str(doc.get("doc_no") or doc.get("title") or doc.get("doc_id") or "")


def load_html(
    result: dict[str, Any],
    report_dir: Path,
    lines: SourceLines | None = None,
    dept_href: Href = _none,
    doc_href: Href = _none,
    top: int = 25,
) -> str:
    """The ranking table, a stacked bar chart of load by role, the department × document matrix of the top
    departments, and the indicators due per year."""
    lines = lines or SourceLines()
    rows = result["departments"]
    w = result["weights"]
    bars = [
        charts.Bar(
            str(r["name"]),
            [
                ("lead", r["lead"] * w["lead"]),
                ("responsible (shared)", r["load"] - r["lead"] * w["lead"] - r["support"] * w["support"]),
                ("support", r["support"] * w["support"]),
            ],
            dept_href(r["id"]),
            f"{r['load']:.1f}  ({r['tasks']} tasks)",
        )
        for r in rows[:top]
    ]
    colours = {
        "lead": charts.ROLE_COLOURS["lead"],
        "responsible (shared)": charts.ROLE_COLOURS["responsible"],
        "support": charts.ROLE_COLOURS["support"],
    }
    chart = charts.bar_chart(bars, colours, f"load, top {len(bars)}")
    docs = result["documents"]
    heat = _matrix(result, rows[:top], report_dir, lines, dept_href)
    events = [
        charts.Event(
            e["year"],
            f"{_doc_label(docs.get(e['doc_id'], {}))}: {e['indicators']} indicators due {e['year']}",
            doc_href(e["doc_id"]),
            weight=e["indicators"],
        )
        for e in result["indicators_due"]
    ]
    when = charts.timeline(events, {"indicator": "#27ae60"}, "indicators due per year (a segment per document)")
    due = [
        (
            esc(e["year"]),
            link(doc_href(e["doc_id"]), _doc_label(docs.get(e["doc_id"], {}))),
            esc(e["indicators"]),
            _src(lines, report_dir, docs.get(e["doc_id"], {}).get("source"), docs.get(e["doc_id"], {}).get("span")),
        )
        for e in sorted(result["indicators_due"], key=lambda e: (e["year"], str(e["doc_id"])))
    ]
    ranking = table(
        [title for _, title in LOAD_COLUMNS] + ["deadlines per year"],
        (
            [link(dept_href(r["id"]), r[k]) if k == "name" else esc(_cell(r.get(k))) for k, _ in LOAD_COLUMNS]
            + [esc(" ".join(f"{y}:{n}" for y, n in r["deadlines"].items()))]
            for r in rows
        ),
        numeric=[0, *range(2, len(LOAD_COLUMNS))],
    )
    return page(
        "部门任务负荷 · department load",
        esc(load_header(result)),
        [
            section("Load ranking", chart),
            section("Department × document (tasks)", heat),
            section("Indicator deadlines", when, table(["year", "document", "indicators", "source"], due, [0, 2])),
            section("All departments", ranking),
        ],
    )


def _matrix(
    result: dict[str, Any], rows: list[dict[str, Any]], report_dir: Path, lines: SourceLines, dept_href: Href
) -> str:
    docs = result["documents"]
    matrix = result["matrix"]
    columns = sorted(
        {d for r in rows for d in matrix.get(r["id"], {}) if d in docs},
        key=lambda d: (-sum(matrix.get(r["id"], {}).get(d, 0) for r in rows), str(d)),
    )
    heat = charts.HeatMap(
        rows=[(str(r["name"]), dept_href(r["id"])) for r in rows],
        columns=[
            (
                _doc_label(docs[d])[:14],
                f"{_doc_label(docs[d])} {docs[d].get('title') or ''}",
                lines.href(docs[d].get("source"), report_dir) or None,
            )
            for d in columns
        ],
        values=[[float(matrix.get(r["id"], {}).get(d, 0)) for d in columns] for r in rows],
    )
    return charts.heat_map(heat)


def _task_rows(
    tasks: list[dict[str, Any]], report_dir: Path, lines: SourceLines, extra: Callable[[dict[str, Any]], list[str]]
) -> list[list[str]]:
    out = []
    for t in tasks:
        out.append(
            [
                esc(t.get("path")),
                f'<span class="task">{esc(t.get("text"))}</span>',
                *extra(t),
                esc(t.get("deadline_text") or t.get("deadline") or ""),
                _src(lines, report_dir, t.get("source"), t.get("span")),
            ]
        )
    return out


def department_html(
    data: dict[str, Any],
    report_dir: Path,
    lines: SourceLines | None = None,
    doc_href: Href = _none,
    dept_href: Href = _none,
) -> str:
    lines = lines or SourceLines()
    dept = data["department"]
    score_keys = (
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
    scores = [(k, _cell(dept.get(k))) for k in score_keys if dept.get(k) is not None]
    summary = data["summary"]
    docs = summary["documents"]
    bars = [charts.Bar(_doc_label(d), [("tasks", d["tasks"])], doc_href(doc)) for doc, d in docs.items()]
    events = [
        charts.Event(
            int(str(t["deadline"])[:4]),
            f"{t.get('path')}: {str(t.get('text'))[:60]}",
            lines.href(t.get("source"), report_dir) or None,
            t["role"],
        )
        for t in data["tasks"]
        if t.get("deadline")
    ]
    task_rows = _task_rows(
        data["tasks"],
        report_dir,
        lines,
        lambda t: [
            link(doc_href(t["doc_id"]), t.get("doc_no") or t.get("title")),
            f'<span class="role-{esc(t["role"])}">{esc(ROLE_NAMES.get(t["role"], t["role"]))}</span>',
        ],
    )
    meta = (
        f"{esc(dept.get('department_id'))} · {esc(dept.get('jurisdiction') or '')} · names: "
        f"{esc('、'.join(dept.get('aliases') or []))}"
    )
    return page(
        f"{dept.get('name')} · department",
        meta,
        [
            section(
                "Scores",
                table(["measure", "value"], ([esc(k), esc(v)] for k, v in scores), [1])
                if scores
                else "<p>No scores yet: run <code>policygraph run</code> or <code>report load</code>.</p>",
            ),
            section("Tasks per document", charts.bar_chart(bars, {"tasks": "#2e86c1"}, label_width=180)),
            section(
                "Deadlines", charts.timeline(events, charts.ROLE_COLOURS, "tasks by deadline year") or "<p>none</p>"
            ),
            section(
                "Shares most tasks with",
                table(
                    ["department", "tasks shared"],
                    ([link(dept_href(p["id"]), p["name"]), esc(p["shared"])] for p in data["partners"]),
                    [1],
                ),
            ),
            section(
                f"Tasks ({len(data['tasks'])})",
                table(["path", "task", "document", "role", "deadline", "source"], task_rows),
            ),
        ],
    )


def document_html(
    data: dict[str, Any],
    report_dir: Path,
    lines: SourceLines | None = None,
    doc_href: Href = _none,
    dept_href: Href = _none,
) -> str:
    lines = lines or SourceLines()
    doc = data["document"]
    meta = " · ".join(
        esc(x) for x in (doc.get("doc_no"), doc.get("issuer"), doc.get("date"), doc.get("jurisdiction")) if x
    )
    meta += " · " + _src(lines, report_dir, doc.get("source"), doc.get("span"))
    bars = [
        charts.Bar(d["name"], [("tasks", d["tasks"])], dept_href(d["department_id"])) for d in data["departments"][:30]
    ]

    def who(t: dict[str, Any]) -> list[str]:
        names = [
            f'<span class="role-{esc(d["role"])}">{link(dept_href(d["department_id"]), d["name"])}</span>'
            for d in sorted(
                t["departments"], key=lambda d: ({"lead": 0, "responsible": 1}.get(d["role"], 2), d["name"])
            )
        ]
        return ["、".join(names), esc(len(t["indicators"]) or "")]

    indicators = [
        [
            esc(i.get("text")),
            esc(i.get("comparator")),
            esc(_cell(i.get("value"))),
            esc(i.get("unit")),
            esc(i.get("year")),
            _src(lines, report_dir, i.get("source"), i.get("span")),
        ]
        for i in data["indicators"]
    ]
    events = [
        charts.Event(int(i["year"]), str(i.get("text"))[:80], lines.href(i.get("source"), report_dir) or None)
        for i in data["indicators"]
        if i.get("year")
    ]
    cites = [
        [
            link(doc_href(c["doc_id"]), _doc_label(c)),
            esc(c.get("title")),
            esc(c.get("relation")),
            esc(c.get("level")),
            "stub" if c.get("stub") else "",
        ]
        for c in data["cites"]
    ]
    cited_by = [
        [link(doc_href(c["doc_id"]), _doc_label(c)), esc(c.get("title")), esc(c.get("relation"))]
        for c in data["cited_by"]
    ]
    return page(
        str(doc.get("title") or doc.get("doc_no") or doc.get("doc_id")),
        meta,
        [
            section("Who carries this document's tasks", charts.bar_chart(bars, {"tasks": "#2e86c1"})),
            section(
                "Indicator deadlines",
                charts.timeline(events, {"indicator": "#27ae60"}) or "<p>none</p>",
                table(["indicator", "comparator", "value", "unit", "year", "source"], indicators, [2, 4]),
            ),
            section(
                f"Tasks ({len(data['tasks'])})",
                table(
                    ["path", "task", "departments (牵头 first)", "indicators", "deadline", "source"],
                    _task_rows(data["tasks"], report_dir, lines, who),
                ),
            ),
            section("Cites (upstream)", table(["文号", "title", "relation", "level", ""], cites)),
            section("Cited by", table(["文号", "title", "relation"], cited_by)),
        ],
    )


def chain_html(data: dict[str, Any], report_dir: Path, lines: SourceLines | None = None, doc_href: Href = _none) -> str:
    lines = lines or SourceLines()
    root = data["root"]
    rows = [
        [
            esc(d["depth"]),
            link(doc_href(d["doc_id"]), _doc_label(d)),
            esc(d.get("title")),
            esc(d.get("level")),
            esc(d.get("jurisdiction")),
            esc(d.get("relation")),
            _src(lines, report_dir, d.get("source"), None) if not d.get("stub") else "stub (not in the corpus)",
        ]
        for level in data["levels"]
        for d in level
    ]
    return page(
        f"{root.get('doc_no') or root.get('title')} · upstream chain",
        f"{esc(root.get('title'))} · {_src(lines, report_dir, root.get('source'), root.get('span'))}",
        [
            section(
                "Upstream documents, by depth",
                table(["depth", "文号", "title", "level", "jurisdiction", "relation", "source"], rows, [0]),
            )
        ],
    )


def index_html(entries: list[tuple[str, list[tuple[str, str, str]]]]) -> str:
    """Sections of (href, label, note) links."""
    parts = [
        section(title, table(["report", ""], ([link(href, label), esc(note)] for href, label, note in items)))
        for title, items in entries
    ]
    return page("policygraph reports", "", parts)
