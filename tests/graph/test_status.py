"""Supervision on data/corpus: templates, progress imported back as history, what is overdue as of a date, and
the reports surviving every command that rewrites the graph (ingest --rebuild, remove, re-ingest)."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graph import facts
from graph.ingest import ingest, remove
from graph.status import due_report, import_sheet, latest_reports, read_tasks, task_history, template
from graph.store import GraphStore, open_store
from loaders.status import StatusSheet, read_sheet, template_headers, template_rows
from queries.runner import run_query

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
PLAN_2018 = CORPUS / "baoji-innovation-city-tasks-2018.txt"
HEADER = template_headers()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    """data/corpus in a store of its own (the tests write reports)."""
    graph = open_store(None, tmp_path / "graph.db", mode="create")
    try:
        with contextlib.chdir(ROOT):
            assert not ingest(graph, [CORPUS]).errors
        yield graph
    finally:
        graph.close()


def filled(path: Path, rows: list[list[object]], statuses: dict[int, tuple[str, str]]) -> Path:
    """A copy of template rows with row i's 进展状态 and 完成日期 filled in (UTF-8 CSV with a BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for i, row in enumerate(rows):
        row = list(row)
        if i in statuses:
            row[HEADER.index("进展状态")], row[HEADER.index("完成日期")] = statuses[i]
            row[HEADER.index("填报人")] = "督查测试"
        writer.writerow(["" if v is None else v for v in row])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return path


def test_a_department_template_lists_each_of_its_obligations_once_in_printed_order(store: GraphStore) -> None:
    rows = template(store, "宝鸡市科技局")
    ids = [r["task_id"] for r in rows]
    assert len(ids) == len(set(ids))
    # the same tasks the department report counts (its own and those printed under a former name)
    dept = facts.find_department(store, "宝鸡市科技局")
    assert set(ids) == {t["task_id"] for t in facts.department_facts(store, dept)["tasks"]}
    assert len(ids) > 20 and {r["department"] for r in rows} == {"宝鸡市科学技术局"}  # official name, printed 科技局
    for source in {r["source"] for r in rows}:
        starts = [r["span"][0] for r in rows if r["source"] == source]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
    sources = [r["source"] for r in rows]
    assert sources == sorted(sources)  # one file after another


def test_a_template_leaves_out_goals_and_rules_of_procedure(store: GraphStore) -> None:
    everything = {t["task_id"]: t for t in read_tasks(store)}
    listed = {r["task_id"] for r in template(store)}
    left_out = set(everything) - listed
    assert left_out and {everything[t]["part"] for t in left_out} <= {"goals", "procedure"}
    assert {everything[t]["part"] or "tasks" for t in listed} == {"tasks"}


def test_import_sets_the_status_and_again_changes_nothing(store: GraphStore, tmp_path: Path) -> None:
    rows = template(store, "宝鸡市科技局")
    sheet = read_sheet(
        filled(tmp_path / "kj.csv", template_rows(rows), {0: ("已完成", "2018-11-30"), 1: ("推进中", "")})
    )
    first = import_sheet(store, sheet, date(2019, 1, 5))
    assert (first.added, first.unchanged, first.blank, first.refused) == (2, 0, len(rows) - 2, False)
    latest = latest_reports(store)
    assert latest[rows[0]["task_id"]]["status"] == "done" and latest[rows[0]["task_id"]]["done_on"] == "2018-11-30"
    assert latest[rows[1]["task_id"]]["status"] == "in_progress" and len(latest) == 2
    before = store.counts()
    again = import_sheet(store, read_sheet(tmp_path / "kj.csv"), date(2019, 1, 5))
    assert (again.added, again.unchanged) == (0, 2) and store.counts() == before
    assert latest_reports(store) == latest


def test_a_later_report_is_the_status_and_the_earlier_stays_as_history(store: GraphStore, tmp_path: Path) -> None:
    rows = template_rows(template(store, "宝鸡市科技局"))[:1]
    task_id = str(rows[0][0])
    import_sheet(store, read_sheet(filled(tmp_path / "a.csv", rows, {0: ("推进中", "")})), date(2019, 1, 5))
    import_sheet(store, read_sheet(filled(tmp_path / "b.csv", rows, {0: ("已销号", "2019-03-01")})), date(2019, 4, 1))
    assert latest_reports(store)[task_id]["status"] == "closed"
    history = task_history(store, task_id)
    assert [(h["status"], h["reported_on"], h["latest"]) for h in history] == [
        ("in_progress", "2019-01-05", False),
        ("closed", "2019-04-01", True),
    ]


def test_a_sheet_with_one_bad_row_is_refused_whole(store: GraphStore, tmp_path: Path) -> None:
    rows = template_rows(template(store, "宝鸡市科技局"))[:4]
    rows[2][0] = "doc:宝政发〔2099〕1号#一/1"  # a task the graph does not hold, on sheet row 4
    sheet = read_sheet(filled(tmp_path / "bad.csv", rows, {i: ("推进中", "") for i in range(4)}))
    before = store.counts()
    result = import_sheet(store, sheet, date(2019, 1, 5))
    assert result.refused and result.added == 0 and [p.row for p in result.problems] == [4]
    assert "unknown task id" in str(result.problems[0]) and str(result.problems[0]).startswith(
        f"{tmp_path / 'bad.csv'}: row 4"
    )
    assert store.counts() == before and latest_reports(store) == {}


def test_report_due_lists_the_2018_obligations_not_reported_complete_as_overdue(
    store: GraphStore, tmp_path: Path
) -> None:
    tasks = read_tasks(store)
    # a fixed 2018 deadline (每年6月底前 falls due again in 2019: not overdue)
    due_2018 = [
        t
        for t in tasks
        if t["deadline"] and t["deadline"] < "2019-01-01" and t["part"] == "tasks" and not t["recurring"]
    ]
    assert len(due_2018) > 30
    rows = template_rows([t for t in tasks if t["task_id"] in {d["task_id"] for d in due_2018[:3]}])
    import_sheet(
        store,
        read_sheet(
            filled(tmp_path / "s.csv", rows, {0: ("已完成", "2018-12-20"), 1: ("已销号", ""), 2: ("推进中", "")})
        ),
        date(2019, 1, 2),
    )
    report = due_report(store, date(2019, 1, 1), within=30)
    finished = {str(rows[0][0]), str(rows[1][0])}
    overdue_2018 = {r["task_id"] for r in report.overdue if r["due"] < "2019-01-01"}
    assert overdue_2018 >= {t["task_id"] for t in due_2018} - finished
    assert not overdue_2018 & finished and report.finished == 2
    ongoing = next(r for r in report.overdue if r["task_id"] == rows[2][0])
    assert ongoing["status"] == "in_progress" and ongoing["days_late"] == 1
    # every obligation is somewhere: overdue, due later, not yet due, finished or without a deadline
    assert report.statuses["unreported"] + 3 == sum(report.statuses.values())
    assert report.undated and all(r["due"] is None for r in report.undated)
    first = report.overdue[0]
    assert first["source"] and first["deadline_text"] and first["departments"]


def test_due_per_department_counts_the_body_that_exists_now(store: GraphStore) -> None:
    report = due_report(store, date(2019, 1, 1))
    names = {e["department"] for e in report.by_department}
    # the 2018 table addresses 卫计局, merged into 卫健委 in the 2018 reform: counted under 卫健委 (by its official
    # name), printed name kept
    assert "宝鸡市卫生健康委员会" in names and not any(n.endswith("卫计局") for n in names)
    row = next(r for r in report.overdue if any(u["printed"].endswith("卫计局") for u in r["departments"]))
    assert any(u["name"] == "宝鸡市卫生健康委员会" for u in row["departments"])


def _reports(store: GraphStore) -> dict[str, dict[str, object]]:
    return latest_reports(store)


def test_rebuild_remove_and_reingest_keep_the_reports(store: GraphStore, tmp_path: Path) -> None:
    rows = template_rows(template(store, document="宝市创新办发〔2018〕4号"))[:5]
    import_sheet(
        store, read_sheet(filled(tmp_path / "s.csv", rows, {i: ("推进中", "") for i in range(5)})), date(2019, 1, 5)
    )
    kept = _reports(store)
    assert len(kept) == 5
    with contextlib.chdir(ROOT):
        ingest(store, [CORPUS], rebuild=True)
        assert _reports(store) == kept
        remove(store, [PLAN_2018])
        assert _reports(store) == kept  # its tasks are gone, their reports wait for them
        assert not {t["task_id"] for t in read_tasks(store)} & set(kept)
        ingest(store, [CORPUS])
    assert _reports(store) == kept and set(kept) <= {t["task_id"] for t in read_tasks(store)}
    # the copy on the tasks the queries filter on is back too
    by_status = {r["status"]: r["tasks"] for r in run_query(store, "supervision/by-status", {}).rows}
    assert by_status["in_progress"] == 5
    assert {r["task_id"] for r in due_report(store, date(2019, 1, 1)).overdue} & set(kept)


def test_importing_a_sheet_of_the_wrong_store_names_each_unknown_row(store: GraphStore) -> None:
    sheet = StatusSheet("x.csv", "0", (), 0, ())
    assert import_sheet(store, sheet, date(2019, 1, 1)).added == 0
