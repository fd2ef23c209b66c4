"""Supervision in the graph: the obligations a department is sent (template rows), the progress it sends back
(StatusReport nodes, user data no ingest deletes), and what is due or overdue as of a date.

The Cypher is in graph/status_cypher.py; sheets are read by loaders/status.py; pages are in viz/supervision.py.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graph import facts
from graph import status_cypher as q
from graph.lineage import last_bodies, read_successors
from graph.store import GraphStore
from loaders.due import due_as_of, plan_year
from loaders.status import FINISHED, SheetProblem, StatusSheet

ROLE_ORDER = {"lead": 0, "responsible": 1, "support": 2}


def report_id(task_id: str, status: str, done_on: str | None, note: str, reporter: str) -> str:
    """A report's key from what it says: the same row imported again is the same report."""
    text = "\x1f".join((task_id, status, done_on or "", note, reporter))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def read_tasks(store: GraphStore, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Every task (of one document when `doc_id`), in printed order (source file, then offset), each with its
    units in printed order as [{department_id, name, role, printed, body, body_name}]: `body` is the department
    that exists now (a reform-abolished name folded into its successor), `printed` the name the text uses."""
    successors = last_bodies(read_successors(store))
    names = {r["id"]: r["name"] for r in store.read(q.DEPARTMENT_NAMES)} if successors else {}
    tasks = store.read(q.TASKS, {"doc_id": doc_id})
    for task in tasks:
        units = []
        for dept_id, name, role, _former in task["departments"]:
            if dept_id is None:
                continue
            body = successors.get(dept_id, dept_id)
            units.append(
                {
                    "department_id": dept_id,
                    "name": name,
                    "role": role or "responsible",
                    "body": body,
                    "body_name": names.get(body, name) if body != dept_id else name,
                }
            )
        task["departments"] = units
        task["span"] = list(task["span"] or [0, 0])
    tasks.sort(key=lambda t: (t["source"] or "", t["span"][0], t["task_id"]))
    return tasks


def template(store: GraphStore, department: str | None = None, document: str | None = None) -> list[dict[str, Any]]:
    """One row per obligation, in printed order: of one department (its current body, with the tasks printed
    under its former names) and/or of one document. Goals and rules of procedure are no obligation to report on,
    as in `due_report`. Raises QueryError when either is not in the graph."""
    doc_id = facts.find_document(store, document) if document else None
    dept_id = facts.find_department(store, department) if department else None
    rows = []
    for task in read_tasks(store, doc_id):
        if (task.get("part") or "tasks") != "tasks":
            continue
        units = task["departments"]
        if dept_id is not None:
            units = [u for u in units if u["body"] == dept_id]
            if not units:
                continue
            units = sorted(units, key=lambda u: ROLE_ORDER.get(u["role"], 3))[:1]  # its strongest role
        rows.append(
            {
                **task,
                "document": task["doc_no"] or task["title"],
                "department": "、".join(dict.fromkeys(u["body_name"] for u in units)),
                "role": "、".join(dict.fromkeys(u["role"] for u in units)),
            }
        )
    return rows


@dataclass(slots=True)
class ImportResult:
    """One sheet's import: reports added, rows already known (imported before), or the problems that refused it."""

    file: str
    added: int = 0
    unchanged: int = 0
    blank: int = 0
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.problems)


def import_sheet(store: GraphStore, sheet: StatusSheet, reported_on: date) -> ImportResult:
    """A sheet's rows as StatusReports dated `reported_on`, in one transaction; the sheet is refused whole
    (nothing written) when a row is bad or names a task the graph does not hold."""
    result = ImportResult(sheet.file, blank=sheet.blank, problems=list(sheet.problems))
    ids = sorted({row.task_id for row in sheet.rows})
    known = {r["id"] for r in store.read(q.KNOWN_TASKS, {"ids": ids})} if ids else set()
    result.problems += [
        SheetProblem(sheet.file, row.row, f"unknown task id {row.task_id!r} (not in the graph: ingest its document)")
        for row in sheet.rows
        if row.task_id not in known
    ]
    if result.problems:
        result.problems.sort(key=lambda p: p.row)
        return result
    rows = [
        {
            "report_id": report_id(r.task_id, r.status, r.done_on, r.note, r.reporter),
            "task_id": r.task_id,
            "status": r.status,
            "done_on": r.done_on,
            "note": r.note,
            "reporter": r.reporter,
            "file": Path(r.file).name,  # the sheet's name, not where it lay on this machine
            "row": r.row,
        }
        for r in sheet.rows
    ]
    seen = {r["id"] for r in store.read(q.KNOWN_REPORTS, {"ids": [r["report_id"] for r in rows]})} if rows else set()
    result.unchanged = len(seen)
    result.added = len(rows) - len(seen)
    if rows:
        params = {
            "rows": rows,
            "sheet": sheet.sha256,
            "reported_on": reported_on.isoformat(),
            "imported_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        store.write([(q.MERGE_REPORTS, params), (q.MARK_LATEST, {"ids": ids}), (q.COPY_TO_TASKS, {"ids": ids})])
        store.flush()
    return result


def latest_reports(store: GraphStore) -> dict[str, dict[str, Any]]:
    """task_id → its latest report (status, done_on, note, reporter, reported_on, seen_on, file, row)."""
    return {row.pop("task_id"): row for row in store.read(q.LATEST_REPORTS)}


def latest_statuses(store: GraphStore, task_ids: Iterable[str]) -> dict[str, str]:
    """task_id → its latest status, for the tasks of `task_ids` reported on."""
    ids = sorted(set(task_ids))
    return {r["task_id"]: r["status"] for r in store.read(q.LATEST_STATUS_OF, {"ids": ids})} if ids else {}


def task_history(store: GraphStore, task_id: str) -> list[dict[str, Any]]:
    """Every report on a task, oldest first."""
    return store.read(q.TASK_HISTORY, {"task_id": task_id})


@dataclass(slots=True)
class DueReport:
    """Obligations as of a date: overdue, falling due within the window, and those without a deadline."""

    as_of: str
    within: int
    overdue: list[dict[str, Any]]
    due: list[dict[str, Any]]
    undated: list[dict[str, Any]]
    finished: int  # reported done or closed: owed nothing more
    statuses: dict[str, int]  # latest status → tasks (unreported: "unreported")
    by_department: list[dict[str, Any]]
    by_document: list[dict[str, Any]]
    task_status: dict[str, str] = field(default_factory=dict)  # every obligation's latest status, or "unreported"

    def for_tasks(self, task_ids: Iterable[str]) -> dict[str, Any]:
        """What a page about some tasks (one department's) shows: their statuses counted, their overdue rows."""
        wanted = set(task_ids)
        counts: dict[str, int] = {}
        for task_id in wanted:
            if task_id in self.task_status:
                status = self.task_status[task_id]
                counts[status] = counts.get(status, 0) + 1
        overdue = [row for row in self.overdue if row["task_id"] in wanted]
        return {"as_of": self.as_of, "statuses": counts, "overdue": overdue}

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "within": self.within,
            "counts": {
                "overdue": len(self.overdue),
                "due": len(self.due),
                "undated": len(self.undated),
                "finished": self.finished,
            },
            "statuses": self.statuses,
            "by_department": self.by_department,
            "by_document": self.by_document,
            "overdue": self.overdue,
            "due": self.due,
            "undated": self.undated,
        }


def due_report(
    store: GraphStore, as_of: date, within: int = 30, tasks: Sequence[dict[str, Any]] | None = None
) -> DueReport:
    """Every obligation classified as of `as_of`: overdue (due before it, not reported done or closed), due
    within `within` days, or without a deadline; with counts per department (the body that exists now) and per
    document. Goals and rules of procedure (task part other than "tasks") are not obligations with a date."""
    if tasks is None:
        tasks = read_tasks(store)
    latest = latest_reports(store)
    horizon = as_of + timedelta(days=within)
    overdue, due, undated = [], [], []
    finished = 0
    statuses: dict[str, int] = {}
    task_status: dict[str, str] = {}
    for task in tasks:
        if (task.get("part") or "tasks") != "tasks":
            continue
        report = latest.get(task["task_id"])
        status = report["status"] if report else None
        task_status[task["task_id"]] = status or "unreported"
        statuses[status or "unreported"] = statuses.get(status or "unreported", 0) + 1
        when = due_as_of(
            task["deadline"],
            task["deadline_text"],
            task["task"],
            bool(task["recurring"]),
            as_of,
            plan_year(task["title"]),
        )
        row = _due_row(task, report, when.date, when.basis, as_of)
        if status in FINISHED:
            finished += 1
        elif when.date is None:
            undated.append(row)
        elif when.date < as_of.isoformat():
            overdue.append(row)
        elif when.date <= horizon.isoformat():
            due.append(row)
    overdue.sort(key=lambda r: (r["due"], r["source"] or "", r["span"][0]))
    due.sort(key=lambda r: (r["due"], r["source"] or "", r["span"][0]))
    return DueReport(
        as_of.isoformat(),
        within,
        overdue,
        due,
        undated,
        finished,
        dict(sorted(statuses.items())),
        _by_department(overdue, due, undated),
        _by_document(overdue, due, undated),
        task_status,
    )


def _due_row(
    task: Mapping[str, Any], report: Mapping[str, Any] | None, due: str | None, basis: str, as_of: date
) -> dict[str, Any]:
    return {
        "task_id": task["task_id"],
        "document": task["doc_no"] or task["title"],
        "doc_id": task["doc_id"],
        "task_path": task["task_path"],
        "task": task["task"],
        "departments": [
            {"department_id": u["body"], "name": u["body_name"], "printed": u["name"], "role": u["role"]}
            for u in task["departments"]
        ],
        "due": due,
        "basis": basis,
        "days_late": (as_of - date.fromisoformat(due)).days if due and due < as_of.isoformat() else None,
        "deadline_text": task["deadline_text"],
        "source": task["source"],
        "span": task["span"],
        "status": report["status"] if report else None,
        "reported_on": report["reported_on"] if report else None,
        "note": report["note"] if report else None,
    }


def _by_department(*groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = {}
    for kind, rows in zip(("overdue", "due", "undated"), groups, strict=True):
        for row in rows:
            for name in dict.fromkeys(u["name"] for u in row["departments"]) or ["—"]:
                entry = counts.setdefault(name, {"department": name, "overdue": 0, "due": 0, "undated": 0})
                entry[kind] += 1
    return sorted(counts.values(), key=lambda e: (-e["overdue"], -e["due"], -e["undated"], e["department"]))


def _by_document(*groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = {}
    for kind, rows in zip(("overdue", "due", "undated"), groups, strict=True):
        for row in rows:
            entry = counts.setdefault(
                row["document"], {"document": row["document"], "overdue": 0, "due": 0, "undated": 0}
            )
            entry[kind] += 1
    return sorted(counts.values(), key=lambda e: (-e["overdue"], -e["due"], e["document"]))


def status_counts(store: GraphStore, task_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Latest status → tasks (of `task_ids` when given; tasks never reported on are not counted)."""
    latest = latest_reports(store)
    wanted = set(task_ids) if task_ids is not None else None
    counts: dict[str, int] = {}
    for task_id, report in latest.items():
        if wanted is None or task_id in wanted:
            counts[report["status"]] = counts.get(report["status"], 0) + 1
    return counts


SYNTHETIC_STATUSES: tuple[str | None, ...] = ("not_started", "in_progress", "done", None)  # None: never reported


def seed_reports(store: GraphStore, reported_on: date = date(2018, 12, 31), batch: int = 5000) -> int:
    """Progress reports on a synthetic graph (`bench queries`): tasks in key order take the statuses of
    SYNTHETIC_STATUSES in turn (a quarter never reported), every other reported one with an earlier report
    too (history); returns the reports written."""
    ids = [r["id"] for r in store.read(q.ALL_TASK_IDS)]
    earlier = reported_on - timedelta(days=180)
    dated: dict[date, list[dict[str, Any]]] = {earlier: [], reported_on: []}
    for i, task_id in enumerate(ids):
        status = SYNTHETIC_STATUSES[i % len(SYNTHETIC_STATUSES)]
        if status is None:
            continue
        if i % 8 < 4:
            dated[earlier].append(_synthetic(task_id, "not_started", earlier, "synthetic, earlier"))
        dated[reported_on].append(_synthetic(task_id, status, reported_on))
    written = 0
    for day, rows in dated.items():
        for i in range(0, len(rows), batch):
            params = {"rows": rows[i : i + batch], "sheet": "synthetic", "reported_on": day.isoformat()}
            store.write([(q.MERGE_REPORTS, {**params, "imported_at": f"{day.isoformat()}T00:00:00"})])
            written += len(rows[i : i + batch])
    reported = sorted({r["task_id"] for rows in dated.values() for r in rows})
    for i in range(0, len(reported), batch):
        store.write(
            [(q.MARK_LATEST, {"ids": reported[i : i + batch]}), (q.COPY_TO_TASKS, {"ids": reported[i : i + batch]})]
        )
    store.flush()  # as `import_sheet` does: the next open loads a snapshot instead of replaying every report
    return written


def _synthetic(task_id: str, status: str, day: date, note: str = "synthetic") -> dict[str, Any]:
    done_on = day.isoformat() if status == "done" else None
    return {
        "report_id": report_id(task_id, status, done_on, note, "bench"),
        "task_id": task_id,
        "status": status,
        "done_on": done_on,
        "note": note,
        "reporter": "bench",
        "file": "synthetic",
        "row": 0,
    }
