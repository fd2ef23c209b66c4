"""Progress on the pages: the department network view colours its tasks by latest status (legend saying so),
department pages and the reports index show status counts and overdue obligations, reports/due.html is written."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graph.ingest import ingest
from graph.status import import_sheet
from graph.store import GraphStore, open_store
from loaders.status import read_sheet
from viz.network import NODE_STYLE, node_records, render_html
from viz.reports import department_report, load_report
from viz.site import write_site
from viz.sources import SourceLines
from viz.supervision import STATUS_COLOURS, due_html
from viz.views import department_view

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "data" / "progress" / "baoji-kj-2019-01.csv"  # 宝鸡市科技局's sheet, seven rows filled in


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    graph = open_store(None, tmp_path_factory.mktemp("pages") / "graph.db", mode="create")
    try:
        with contextlib.chdir(ROOT):
            ingest(graph, [ROOT / "data" / "corpus"])
        yield graph
    finally:
        graph.close()


def test_without_reports_tasks_keep_their_colour_and_the_legend_says_nothing_of_status(
    corpus_store: GraphStore,
) -> None:
    view = department_view(corpus_store, "宝鸡市科技局")  # the session's read-only store: no report is ever imported
    tasks = [r for r in node_records(view) if r["kind"] == "task"]
    assert tasks and {r["color"] for r in tasks} == {NODE_STYLE["task"][1]}
    assert "任务颜色" not in render_html(view)


def test_the_department_view_colours_tasks_by_status(store: GraphStore) -> None:
    result = import_sheet(store, read_sheet(SHEET), date(2019, 1, 5))
    assert result.added == 7 and not result.refused
    view = department_view(store, "宝鸡市科技局")
    statuses = {n.id: n.status for n in view.nodes if n.kind == "task"}
    assert sorted(s for s in statuses.values() if s) == sorted(
        ["done", "done", "in_progress", "in_progress", "in_progress", "not_started", "closed"]
    )
    colours = {r["n_id"]: r["color"] for r in node_records(view) if r["kind"] == "task"}
    for node_id, status in statuses.items():
        assert colours[node_id] == STATUS_COLOURS[status or "unreported"]
    page = render_html(view)
    assert "任务颜色：最新进展状态" in page and "已销号 <b>1</b>" in page and "推进中 <b>3</b>" in page


def test_department_page_index_and_due_page_show_progress(store: GraphStore, tmp_path: Path) -> None:
    import_sheet(store, read_sheet(SHEET), date(2019, 1, 5))  # the same sheet again: nothing changes
    data = department_report(store, "宝鸡市科技局", as_of=date(2019, 1, 1))
    progress = data["progress"]
    assert progress["statuses"]["done"] == 2 and progress["statuses"]["closed"] == 1
    # 2018 tasks due 2018-12-31 not reported done or closed: ③ (推进中), ④ (未启动), ⑧ (推进中), ⑩ (none)
    assert sorted(r["task_path"] for r in progress["overdue"]) == ["表1/1/③", "表1/1/④", "表1/1/⑧", "表1/1/⑩"]
    with contextlib.chdir(ROOT):
        written = write_site(store, tmp_path, load_report(store), as_of=date(2019, 1, 1))
    assert tmp_path / "reports" / "due.html" in written
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="due.html"' in index and "截至 2019-01-01：逾期" in index and "已完成 2" in index
    page = next(
        p
        for p in written
        if p.name.startswith("department-") and "宝鸡市科学技术局" in p.read_text(encoding="utf-8")[:400]
    )
    html = page.read_text(encoding="utf-8")
    assert "督查进展" in html and "表1/1/④" in html and "未启动" in html


def test_the_due_page_is_offline_and_carries_its_evidence(store: GraphStore) -> None:
    from graph.status import due_report

    html = due_html(due_report(store, date(2019, 1, 1)), SourceLines.of(store))
    assert '<html lang="zh-CN">' in html and "逾期任务" in html and "无期限任务（单列）" in html
    assert "baoji-innovation-city-tasks-2018.txt:" in html and "<blockquote>" in html
    assert "https://" not in html and "http://" not in html
