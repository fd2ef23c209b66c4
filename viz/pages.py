"""HTML reports: load ranking, one department, one document, an upstream chain, and an index page.

Each is one self-contained file (viz/html.py) in the language in use (viz/labels.py); each fact carries its
source `file:line` and the verbatim source lines inside the page, so a page copied alone still shows its
evidence. `dept_href` / `doc_href` map a key to the page about it, or None when that page is not written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from viz import charts
from viz.html import esc, evidence, link, page, section, table
from viz.labels import LABELS, owner, role, shown_value
from viz.labels import t as tr
from viz.reports import LOAD_COLUMNS, RANKING_COLUMNS, _cell, load_header, ranked_sections, section_title
from viz.sources import SourceLines
from viz.supervision import status_section

Href = Callable[[str], str | None]


def _none(_: str) -> str | None:
    return None


def _src(lines: SourceLines, source: str | None, span: Any, stored: str | None = None) -> str:
    """`file:line` and the lines quoted; `stored`: the record's text in the graph, quoted when the file is gone."""
    return evidence(lines.label(source, span), lines.quote(source, span, stored=stored))


def _sec_text(title: str, *parts: str) -> str:
    """A section titled by text (a jurisdiction's ranking): its id from that text."""
    return section(title, *parts)


def _sec(key: str, *parts: str, count: int | None = None) -> str:
    """A section titled by label `key` (with a count), its id from the English title in either language."""
    title = tr(key) + (f" ({count})" if count is not None else "")
    return section(title, *parts, anchor_of=LABELS[key][1])


def _role_span(name: str) -> str:
    return f'<span class="role-{esc(name)}">{esc(role(name))}</span>'


def _doc_label(doc: dict[str, Any]) -> str:
    return str(doc.get("doc_no") or doc.get("title") or doc.get("doc_id") or "")


def load_html(
    result: dict[str, Any],
    lines: SourceLines | None = None,
    dept_href: Href = _none,
    doc_href: Href = _none,
    top: int = 25,
) -> str:
    """The ranking table, a stacked bar chart of load by role, the department × document matrix of the top
    departments, and the indicators due per year."""
    lines = lines or SourceLines()
    sections = ranked_sections(result)
    places = [
        _sec_text(
            section_title(place, bool(result.get("all_places"))),
            _load_chart(result, rows[:top], dept_href) + _ranking(rows, dept_href),
        )
        for place, rows in sections
    ]
    heat = _matrix(result, result["departments"][:top], lines, dept_href)
    docs = result["documents"]
    events = [
        charts.Event(
            e["year"],
            tr("chart.due_event", doc=_doc_label(docs.get(e["doc_id"], {})), n=e["indicators"], year=e["year"]),
            doc_href(e["doc_id"]),
            weight=e["indicators"],
        )
        for e in result["indicators_due"]
    ]
    when = charts.timeline(events, {"indicator": "#27ae60"}, tr("chart.due"))
    due = [
        (
            esc(e["year"]),
            link(doc_href(e["doc_id"]), _doc_label(docs.get(e["doc_id"], {}))),
            esc(e["indicators"]),
            _src(lines, docs.get(e["doc_id"], {}).get("source"), docs.get(e["doc_id"], {}).get("span")),
        )
        for e in sorted(result["indicators_due"], key=lambda e: (e["year"], str(e["doc_id"])))
    ]
    return page(
        tr("page.load"),
        esc(load_header(result)),
        [
            *places,
            _sec("sec.matrix", heat),
            _sec(
                "sec.indicator_deadlines",
                when,
                table([tr("year"), tr("document"), tr("indicators"), tr("source")], due, [0, 2]),
            ),
        ],
    )


def _load_chart(result: dict[str, Any], rows: list[dict[str, Any]], dept_href: Href) -> str:
    """A stacked bar chart of load by role."""
    w = result["weights"]
    bars = [
        charts.Bar(
            str(r["name"]),
            [
                (tr("role.lead"), r["lead"] * w["lead"]),
                (tr("role.responsible_shared"), r["load"] - r["lead"] * w["lead"] - r["support"] * w["support"]),
                (tr("role.support"), r["support"] * w["support"]),
            ],
            dept_href(r["id"]),
            f"{r['load']:.1f}  ({tr('chart.n_tasks', n=r['tasks'])})",
        )
        for r in rows
    ]
    colours = {
        tr("role.lead"): charts.ROLE_COLOURS["lead"],
        tr("role.responsible_shared"): charts.ROLE_COLOURS["responsible"],
        tr("role.support"): charts.ROLE_COLOURS["support"],
    }
    return charts.bar_chart(bars, colours, tr("chart.load_top", n=len(bars)))


def _ranking(rows: list[dict[str, Any]], dept_href: Href) -> str:
    """The ranking table: every row with its jurisdiction, ranks as the section gives them."""
    return table(
        [tr(k) for k in RANKING_COLUMNS] + [tr("deadlines_per_year")],
        (
            [link(dept_href(r["id"]), r[k]) if k == "name" else esc(_cell(r.get(k))) for k in RANKING_COLUMNS]
            + [esc(" ".join(f"{y}:{n}" for y, n in r["deadlines"].items()))]
            for r in rows
        ),
        numeric=[0, *range(3, len(RANKING_COLUMNS))],
    )


def _matrix(result: dict[str, Any], rows: list[dict[str, Any]], lines: SourceLines, dept_href: Href) -> str:
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
                None,
            )
            for d in columns
        ],
        values=[[float(matrix.get(r["id"], {}).get(d, 0)) for d in columns] for r in rows],
    )
    return charts.heat_map(heat)


def _task_rows(
    tasks: list[dict[str, Any]], lines: SourceLines, extra: Callable[[dict[str, Any]], list[str]]
) -> list[list[str]]:
    out = []
    for t in tasks:
        out.append(
            [
                esc(t.get("path")),
                f'<span class="task">{esc(t.get("text"))}</span>',
                *extra(t),
                esc(t.get("deadline_text") or t.get("deadline") or ""),
                _src(lines, t.get("source"), t.get("span"), t.get("text")),
            ]
        )
    return out


def department_html(
    data: dict[str, Any],
    lines: SourceLines | None = None,
    doc_href: Href = _none,
    dept_href: Href = _none,
) -> str:
    lines = lines or SourceLines()
    dept = data["department"]
    score_keys = LOAD_COLUMNS[2:]  # the load table's columns after rank and name
    scores = [(k, _cell(dept.get(k))) for k in score_keys if dept.get(k) is not None]
    summary = data["summary"]
    docs = summary["documents"]
    bars = [charts.Bar(_doc_label(d), [(tr("tasks"), d["tasks"])], doc_href(doc)) for doc, d in docs.items()]
    events = [
        charts.Event(
            int(str(t["deadline"])[:4]),
            f"{t.get('path')}: {str(t.get('text'))[:60]}",
            None,
            t["role"],
        )
        for t in data["tasks"]
        if t.get("deadline")
    ]
    task_rows = _task_rows(
        data["tasks"],
        lines,
        lambda t: [
            link(doc_href(t["doc_id"]), t.get("doc_no") or t.get("title")),
            _role_span(t["role"]),
        ],
    )
    meta = (
        f"{esc(dept.get('department_id'))} · {esc(dept.get('jurisdiction') or '')} · {esc(tr('names'))}: "
        f"{esc('、'.join(dept.get('aliases') or []))}"
    )
    return page(
        f"{dept.get('name')} · {tr('page.department')}",
        meta,
        [
            _sec(
                "sec.scores",
                table([tr("measure"), tr("value")], ([esc(tr(k)), esc(v)] for k, v in scores), [1])
                if scores
                else f"<p>{tr('no_scores')}</p>",
            ),
            *([status_section(data["progress"], lines)] if data.get("progress") else []),
            _sec("sec.tasks_per_document", charts.bar_chart(bars, {tr("tasks"): "#2e86c1"}, label_width=180)),
            _sec(
                "sec.deadlines",
                charts.timeline(events, charts.ROLE_COLOURS, tr("chart.by_deadline")) or f"<p>{tr('none')}</p>",
            ),
            _sec(
                "sec.partners",
                table(
                    [tr("department"), tr("shared")],
                    ([link(dept_href(p["id"]), p["name"]), esc(p["shared"])] for p in data["partners"]),
                    [1],
                ),
            ),
            _sec(
                "sec.tasks",
                table([tr(k) for k in ("path", "task", "document", "role", "deadline", "source")], task_rows),
                count=len(data["tasks"]),
            ),
        ],
    )


def document_html(
    data: dict[str, Any],
    lines: SourceLines | None = None,
    doc_href: Href = _none,
    dept_href: Href = _none,
) -> str:
    lines = lines or SourceLines()
    doc = data["document"]
    meta = " · ".join(
        esc(x) for x in (doc.get("doc_no"), doc.get("issuer"), doc.get("date"), doc.get("jurisdiction")) if x
    )
    meta += " · " + _src(lines, doc.get("source"), doc.get("span"))
    bars = [
        charts.Bar(d["name"], [(tr("tasks"), d["tasks"])], dept_href(d["department_id"]))
        for d in data["departments"][:30]
    ]

    def who(t: dict[str, Any]) -> list[str]:
        names = [
            f'<span class="role-{esc(d["role"])}">{link(dept_href(d["department_id"]), d["name"])}</span>'
            for d in t["departments"]  # in printed order (facts.DOCUMENT_ASSIGNMENTS orders by position)
        ]
        if not names:  # a goal paragraph's targets: the document's own, owned by its issuer
            names = sorted({esc(owner(i.get("owner_kind"), i.get("owner"))) for i in t["indicators"]} - {""})
        return ["、".join(names), esc(len(t["indicators"]) or "")]

    indicators = [
        [
            esc(i.get("text")),
            esc(i.get("comparator")),
            esc(_cell(i.get("value"))),
            esc(i.get("unit")),
            esc(i.get("year")),
            _src(lines, i.get("source"), i.get("span"), i.get("text")),
        ]
        for i in data["indicators"]
    ]
    events = [charts.Event(int(i["year"]), str(i.get("text"))[:80], None) for i in data["indicators"] if i.get("year")]
    cites = [
        [
            link(doc_href(c["doc_id"]), _doc_label(c)),
            esc(c.get("title")),
            esc(shown_value("relation", c.get("relation"))),
            esc(shown_value("level", c.get("level"))),
            tr("stub") if c.get("stub") else "",
        ]
        for c in data["cites"]
    ]
    cited_by = [
        [
            link(doc_href(c["doc_id"]), _doc_label(c)),
            esc(c.get("title")),
            esc(shown_value("relation", c.get("relation"))),
        ]
        for c in data["cited_by"]
    ]
    return page(
        str(doc.get("title") or doc.get("doc_no") or doc.get("doc_id")),
        meta,
        [
            _sec("sec.who", charts.bar_chart(bars, {tr("tasks"): "#2e86c1"})),
            _sec(
                "sec.indicator_deadlines",
                charts.timeline(events, {"indicator": "#27ae60"}) or f"<p>{tr('none')}</p>",
                table(
                    [tr(k) for k in ("indicator", "comparator", "value", "unit", "year", "source")], indicators, [2, 4]
                ),
            ),
            _sec(
                "sec.tasks",
                table(
                    [tr(k) for k in ("path", "task", "departments_as_printed", "indicators", "deadline", "source")],
                    _task_rows(data["tasks"], lines, who),
                ),
                count=len(data["tasks"]),
            ),
            _sec("sec.cites", table([tr(k) for k in ("doc_no", "title", "relation", "level")] + [""], cites)),
            _sec("sec.cited_by", table([tr(k) for k in ("doc_no", "title", "relation")], cited_by)),
        ],
    )


def chain_html(data: dict[str, Any], lines: SourceLines | None = None, doc_href: Href = _none) -> str:
    lines = lines or SourceLines()
    root = data["root"]
    rows = [
        [
            esc(d["depth"]),
            link(doc_href(d["doc_id"]), _doc_label(d)),
            esc(d.get("title")),
            esc(shown_value("level", d.get("level"))),
            esc(d.get("jurisdiction")),
            esc(shown_value("relation", d.get("relation"))),
            _src(lines, d.get("source"), d.get("span")) if not d.get("stub") else esc(tr("stub_note")),
        ]
        for level in data["levels"]
        for d in level
    ]
    return page(
        f"{root.get('doc_no') or root.get('title')} · {tr('page.chain')}",
        f"{esc(root.get('title'))} · {_src(lines, root.get('source'), root.get('span'))}",
        [
            _sec(
                "sec.upstream",
                table(
                    [tr(k) for k in ("depth", "doc_no", "title", "level", "jurisdiction", "relation", "source")],
                    rows,
                    [0],
                ),
            )
        ],
    )


def index_html(entries: list[tuple[str, list[tuple[str, str, str]]]]) -> str:
    """Sections of (href, label, note) links."""
    parts = [
        section(title, table([tr("idx.report"), ""], ([link(href, label), esc(note)] for href, label, note in items)))
        for title, items in entries
    ]
    return page(tr("page.index"), "", parts)


def compare_html(data: dict[str, Any], lines: SourceLines | None = None) -> str:
    """Each shared upstream policy as a section; its jurisdictions side by side, one column each: the documents
    implementing it, their tasks with the units by role (printed order) and indicators, each with its evidence."""
    lines = lines or SourceLines()

    def cell(docs: list[dict[str, Any]]) -> str:
        parts = []
        for doc in docs:
            parts.append(f"<p><b>{esc(doc['document'])}</b> {esc(doc.get('date'))}</p>")
            for task in doc["tasks"]:
                who = [
                    f"{_role_span(r)}：{esc('、'.join(task.get(key) or ()))}"
                    for r, key in (("lead", "leads"), ("responsible", "responsible"), ("support", "support"))
                    if task.get(key)
                ]
                indicators = "".join(f"<li>{esc(i)}</li>" for i in task.get("indicators") or ())
                parts.append(
                    f"<p>{esc(task.get('task_path'))} {esc(str(task.get('task') or '')[:120])}</p>"
                    + (f"<p>{'；'.join(who)}</p>" if who else "")
                    + (f"<ul>{indicators}</ul>" if indicators else "")
                    + _src(lines, task.get("source"), task.get("span"), task.get("task"))
                )
        return "".join(parts)

    places = data["jurisdictions"]
    sections = [
        section(policy["policy"], table(places, [[cell(policy["jurisdictions"][j]) for j in places]]))
        for policy in data["policies"]
    ]
    from viz.reports import compare_meta

    return page(f"{tr('page.compare')} · {'、'.join(places)}", esc(compare_meta(data)), sections)
