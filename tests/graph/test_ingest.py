"""Ingest on the sample corpus: repeatable, incremental, and repaired after a kill -9."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import cypher
from graph.ingest import ingest, remove
from graph.store import GraphStore, open_store
from loaders import extract_file
from tests.graph.content import graph_content

CORPUS = Path("data/corpus")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _tasks_per_source(store: GraphStore) -> dict[str, int]:
    rows = store.read("MATCH (d:Document)-[:HAS_TASK]->(t:Task) RETURN d.source AS source, count(t) AS n")
    return {Path(r["source"]).name: int(r["n"]) for r in rows}


def test_ingesting_twice_gives_the_same_graph(store: GraphStore, corpus: Path) -> None:
    first = ingest(store, [corpus])
    assert first.ingested == 5 and not first.errors
    counts = store.counts()
    second = ingest(store, [corpus])
    assert second.skipped == 5 and second.ingested == 0
    assert store.counts() == counts
    third = ingest(store, [corpus], rebuild=True)
    assert third.ingested == 5 and store.counts() == counts


def test_the_graph_holds_what_the_documents_say(store: GraphStore, corpus: Path) -> None:
    ingest(store, [corpus])
    # both standardisation plans implement 陕政发〔2022〕16号, which implements the national 纲要
    rows = store.read(
        "MATCH (d:Document)-[:CITES {relation: 'implements'}]->(p:Document {doc_id: $province}) "
        "RETURN d.doc_no AS doc_no ORDER BY doc_no",
        {"province": "doc:陕政发〔2022〕16号"},
    )
    assert [r["doc_no"] for r in rows] == ["宝政发〔2022〕19号", "渭政发〔2023〕16号"]
    # one node for 《国家标准化发展纲要》 whoever cites it
    cited = store.read("MATCH (n:Document {title_key: '国家标准化发展纲要'}) RETURN count(n) AS n")
    assert cited == [{"n": 1}]
    # 市市场监管局 of Baoji leads tasks of 宝政发〔2022〕17号 (department keyed by jurisdiction + function)
    lead = store.read(
        "MATCH (p:Department {department_id: '宝鸡市/市场监管'})-[r:RESPONSIBLE_FOR {role: 'lead'}]->(t:Task) "
        "MATCH (d:Document {doc_no: '宝政发〔2022〕17号'})-[:HAS_TASK]->(t) RETURN count(t) AS n"
    )
    assert lead[0]["n"] > 0
    # a pre-reform name is its own node, succeeded by the current body
    lineage = store.read("MATCH (a:Department)-[:SUCCEEDED_BY]->(b:Department) RETURN a.name AS a, b.name AS b")
    assert {"a": "宝鸡市环保局", "b": "宝鸡市生态环境局"} in lineage


def test_editing_one_file_changes_only_its_documents(store: GraphStore, corpus: Path) -> None:
    ingest(store, [corpus])
    before = _tasks_per_source(store)
    path = corpus / "weinan-standardization-plan-2023.txt"
    text = path.read_text(encoding="utf-8")
    start = text.index("(二)推动科技创新成果转化应用")
    end = text.index("\n", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")  # one task paragraph deleted
    report = ingest(store, [corpus])
    assert (report.ingested, report.skipped) == (1, 4)
    after = _tasks_per_source(store)
    assert after[path.name] == before[path.name] - 1
    assert {k: v for k, v in after.items() if k != path.name} == {k: v for k, v in before.items() if k != path.name}
    stale = store.read("MATCH (t:Task) WHERE t.text CONTAINS '推动科技创新成果转化应用' RETURN count(t) AS n")
    assert stale == [{"n": 0}]


def test_remove_takes_a_source_out(store: GraphStore, corpus: Path) -> None:
    ingest(store, [corpus])
    report = remove(store, [corpus / "bayannur-gazette-2018-03.txt"])
    assert report.removed == 1
    assert "bayannur-gazette-2018-03.txt" not in _tasks_per_source(store)
    sources = [Path(r["path"]).name for r in store.read(cypher.SOURCE_STATE)]
    assert "bayannur-gazette-2018-03.txt" not in sources and len(sources) == 4


def _logged_bytes(aof: Path) -> int:
    total = 0
    for f in aof.glob("*.incr.aof"):
        with contextlib.suppress(FileNotFoundError):  # a log rewrite swaps the files
            total += f.stat().st_size
    return total


def test_a_killed_ingest_is_repaired_by_the_next(tmp_path: Path, corpus: Path) -> None:
    # many copies make the ingest long enough to be killed in the middle
    big = tmp_path / "big"
    big.mkdir()
    for n in range(12):
        for f in corpus.iterdir():
            text = re.sub(
                r"〕(\d+)号", lambda m, n=n: f"〕{int(m.group(1)) + 1000 * n}号", f.read_text(encoding="utf-8")
            )
            (big / f"{n:02d}-{f.name}").write_text(text, encoding="utf-8")
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    proc = subprocess.Popen(
        [sys.executable, "-m", "policygraph", "ingest", str(big), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # killed as soon as the first documents are in the log (not after a fixed time, which a fast machine or a
    # quick start can outrun): 60 files are still to write then
    aof = db.parent / f"{db.name}.aof"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _logged_bytes(aof) > 100_000:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the ingest finished before it could be killed (machine too fast for this corpus size)")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(None, db, mode="create") as repaired:
        done = [r for r in repaired.read(cypher.SOURCE_STATE) if r["complete"]]
        assert len(done) < 60  # killed in the middle: not every file made it
        report = ingest(repaired, [big])
        assert report.skipped == len(done)
        assert report.ingested >= 1 and not report.errors
        killed_counts = repaired.counts()
    with open_store(None, tmp_path / "clean.db", mode="create") as clean:
        ingest(clean, [big])
        assert clean.counts() == killed_counts


def test_batched_and_record_by_record_writers_build_the_same_graph(tmp_path: Path, corpus: Path) -> None:
    counts = []
    for batched in (True, False):
        with open_store(None, tmp_path / f"w{batched}.db", mode="create") as graph:
            ingest(graph, [corpus], batched=batched)
            counts.append(graph.counts())
    assert counts[0] == counts[1]
    assert counts[0][1]["RESPONSIBLE_FOR"] > 1000


def test_department_rows_are_one_per_department_and_sent_once_per_run() -> None:
    from graph.rows import Sent, document_rows
    from loaders import extract_file

    class NoStore:  # document_rows only reads to resolve citations by title
        def read(self, query: str, params: dict[str, object]) -> list[dict[str, object]]:
            return []

    result = extract_file(Path("data/corpus/bayannur-gazette-2018-03.txt"))
    sent = Sent()
    first = list(document_rows(NoStore(), result, "digest", sent))  # type: ignore[arg-type]
    for rows in first:
        ids = [row["department_id"] for row in rows.departments.values()]
        assert len(ids) == len(set(ids))
        assert all(row["name"] == row["names"][0] for row in rows.departments.values())
    names = {(r["department_id"], n) for rows in first for r in rows.departments.values() for n in r["names"]}
    assert len(names) == sum(len(r["names"]) for rows in first for r in rows.departments.values())  # none twice
    again = list(document_rows(NoStore(), result, "digest", sent))  # type: ignore[arg-type]
    assert all(not rows.departments and not rows.successors for rows in again)
    assert sum(len(rows.responsible) for rows in again) == sum(len(rows.responsible) for rows in first) > 0


def test_created_and_merged_writes_build_the_same_graph(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh document's tasks, indicators and edges are created; one the graph holds already (here a
    reprint in a second file) is merged. Merging everything must give the very same graph."""
    import graph.rows

    shutil.copy(corpus / "baoji-gazette-2023-01.txt", corpus / "zz-reprint.txt")
    graphs = []
    for merged in (False, True):
        if merged:  # every document counts as held already: the MERGE path writes all of them
            monkeypatch.setattr(graph.rows, "_written", lambda store, result: {d.doc_id for d in result.documents})
        with open_store(None, tmp_path / f"m{merged}.db", mode="create") as store:
            ingest(store, [corpus])
            graphs.append(graph_content(store))
    assert graphs[0] == graphs[1]
    assert sum('"RESPONSIBLE_FOR"' in r for r in graphs[0][1]) > 1000
    # both paths write each unit's place in the printed list onto its edge
    edges = [json.loads(r) for r in graphs[0][1] if '"RESPONSIBLE_FOR"' in r]
    assert all(isinstance(e[3].get("position"), int) for e in edges)


def test_every_writer_keeps_the_printed_order_on_the_edges(tmp_path: Path, corpus: Path) -> None:
    """CREATE (fresh), MERGE (held already) and the one-record-a-statement writer alike: the units of a task,
    ordered by the edge's `position`, are the units the extraction lists, in its (printed) order."""
    expected: dict[str, list[str]] = {}
    for path in sorted(corpus.glob("*.txt")):
        for task in extract_file(path).tasks:
            mentions = [r.mention for r in task.departments]
            assert [r.position for r in task.departments] == list(range(len(mentions)))
            expected[task.task_id] = mentions
    for batched in (True, False):
        with open_store(None, tmp_path / f"b{batched}.db", mode="create") as store:
            ingest(store, [corpus], batched=batched)
            rows = store.read(
                "MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t:Task) WITH t, r ORDER BY r.position "
                "RETURN t.task_id AS task, collect(r.mention) AS mentions, collect(r.position) AS positions"
            )
        assert len(rows) > 100
        several = 0
        for row in rows:
            printed = expected[row["task"]]
            # two names of one department on one task are one edge: the edges follow the printed list
            assert row["positions"] == sorted(set(row["positions"]))
            assert [printed[k] for k in row["positions"]] == row["mentions"]
            several += len(row["mentions"]) >= 3
        assert several > 20


def test_extraction_in_worker_processes_builds_the_same_graph(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.ingest

    monkeypatch.setattr(graph.ingest, "PARALLEL_FROM", 1)  # five files are enough to start two workers
    graphs = []
    for jobs in (1, 2):
        with open_store(None, tmp_path / f"j{jobs}.db", mode="create") as store:
            report = ingest(store, [corpus], jobs=jobs)
            assert report.ingested == 5 and not report.errors
            graphs.append(graph_content(store))
    assert graphs[0] == graphs[1]


def test_created_rows_carry_every_property_the_statement_writes() -> None:
    """CREATE_TASKS names the properties it writes: the rows must hold exactly those."""
    from graph.rows import document_rows
    from loaders import extract_file

    class NoStore:
        def read(self, query: str, params: dict[str, object]) -> list[dict[str, object]]:
            return []

    result = extract_file(Path("data/corpus/baoji-gazette-2023-01.txt"))
    rows = [r for r in document_rows(NoStore(), result, "digest") if r.tasks and r.indicators]  # type: ignore[arg-type]
    assert rows and all(r.fresh for r in rows)
    for r in rows:
        assert all(set(t["props"]) == set(cypher.TASK_PROPERTIES) for t in r.tasks)
        assert all(set(i["props"]) == set(cypher.INDICATOR_PROPERTIES) for i in r.indicators)
