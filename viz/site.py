"""What `policygraph run` writes after the ingest: the load report (load.md, .html, .json, .csv, .xlsx) and a
folder of HTML reports (reports/index.html, a page per document, its upstream chain, the top departments, what is
overdue: reports/due.html).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.status import due_report
from graph.store import GraphStore
from loaders.files import write_bytes, write_text
from viz import pages, reports, tables
from viz.labels import t
from viz.sources import SourceLines
from viz.supervision import due_html, status_label

TOP_DEPARTMENTS = 20


@dataclass(slots=True)
class Site:
    written: list[Path] = field(default_factory=list)

    def write(self, path: Path, text: str, encoding: str = "utf-8") -> None:
        write_text(path, text, encoding)
        self.written.append(path)


def write_site(
    store: GraphStore, out_dir: Path, result: dict[str, Any], top: int = TOP_DEPARTMENTS, as_of: date | None = None
) -> list[Path]:
    """Write the load report and the HTML reports for `result` (a `reports.load_report`) into out_dir; the
    supervision page (reports/due.html) and the progress on each department page are as of `as_of` (today)."""
    site = Site()
    due = due_report(store, as_of or date.today())
    folder = out_dir / "reports"
    lines = SourceLines.of(store)  # the sources where the graph records them
    real = [d for d, doc in result["documents"].items() if doc.get("source")]
    sections = reports.ranked_sections(result, top)  # the top of each jurisdiction (or across places)
    departments = list(dict.fromkeys(r["id"] for _, rows in sections for r in rows))
    dept_pages = {d: f"department-{reports.slug(d)}.html" for d in departments}
    doc_pages = {d: f"document-{reports.slug(d)}.html" for d in real}

    def from_top(pages_of: dict[str, str]) -> pages.Href:
        return lambda key: f"reports/{pages_of[key]}" if key in pages_of else None

    def within(pages_of: dict[str, str]) -> pages.Href:
        return lambda key: pages_of.get(key)

    site.write(out_dir / "load.md", reports.load_markdown(result))
    site.write(out_dir / "load.csv", reports.load_csv(result), tables.CSV_ENCODING)
    write_bytes(out_dir / "load.xlsx", tables.to_xlsx(reports.load_sheets(result)))
    site.written.append(out_dir / "load.xlsx")
    site.write(out_dir / "load.json", reports.load_json(result))
    site.write(
        out_dir / "load.html",
        pages.load_html(result, lines, from_top(dept_pages), from_top(doc_pages)),
    )
    for dept, name in dept_pages.items():
        data = reports.facts.department_facts(store, dept)
        data["summary"] = reports.department_summary(data)
        data["progress"] = due.for_tasks(t["task_id"] for t in data["tasks"])
        site.write(folder / name, pages.department_html(data, lines, within(doc_pages), within(dept_pages)))
    chains: dict[str, str] = {}
    for doc, name in doc_pages.items():
        data = reports.document_data(store, doc)
        site.write(folder / name, pages.document_html(data, lines, within(doc_pages), within(dept_pages)))
        if data["cites"]:
            chains[doc] = f"chain-{reports.slug(doc)}.html"
            chain = reports.facts.upstream_chain(store, doc)
            site.write(folder / chains[doc], pages.chain_html(chain, lines, within(doc_pages)))
    site.write(folder / "due.html", due_html(due, lines))
    docs = result["documents"]
    statuses = t("sep").join(f"{status_label(k)} {n}" for k, n in due.statuses.items())
    index = [
        (
            t("due.index"),
            [("due.html", t("due.index_note", as_of=due.as_of, overdue=len(due.overdue)), statuses)],
        ),
        (
            t("idx.load"),
            [("../load.html", t("idx.load_ranking"), t("idx.n_departments", n=len(result["departments"])))],
        ),
        *(
            (
                t("idx.top", n=len(rows))
                if result.get("all_places")
                else t("idx.top_place", place=place or t("place.unknown"), n=len(rows)),
                [
                    (
                        dept_pages[r["id"]],
                        f"{r['rank']}. {r['name']}",
                        (r.get("jurisdiction") or t("place.unknown")) + " · " + t("idx.load_value", v=f"{r['load']:g}"),
                    )
                    for r in rows
                ],
            )
            for place, rows in sections
        ),
        (
            t("idx.documents"),
            [(doc_pages[d], str(docs[d].get("doc_no") or d), str(docs[d].get("title") or "")) for d in real],
        ),
        (
            t("idx.chains"),
            [(chains[d], str(docs[d].get("doc_no") or d), t("idx.chain_note")) for d in chains],
        ),
    ]
    site.write(folder / "index.html", pages.index_html(index))
    return site.written
