"""ingest / remove / info / export through the CLI: output, files, and one-line errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.falkor import EmbeddedFalkorStore
from policygraph.app import app
from tests.graph.bolt_refuser import BoltRefuser

runner = CliRunner()


def test_ingest_info_export_remove(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy("data/corpus/weinan-standardization-plan-2023.txt", corpus)
    db = str(tmp_path / "g.db")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Task" in result.output and "1 ingested" in result.output
    info = runner.invoke(app, ["info", "--db", db])
    assert info.exit_code == 0 and "(:Document)" in info.output and "embedded" in info.output
    for fmt, name in (("jsonl", "nodes.jsonl"), ("graphml", "graph.graphml"), ("neo4j-admin", "nodes_Task.csv")):
        out = tmp_path / fmt
        exported = runner.invoke(app, ["export", str(out), "--format", fmt, "--db", db])
        assert exported.exit_code == 0, exported.output
        assert (out / name).stat().st_size > 0
    header = (
        (tmp_path / "neo4j-admin" / "relationships_RESPONSIBLE_FOR.csv").read_text(encoding="utf-8").splitlines()[0]
    )
    assert header.startswith(":START_ID(Department),:END_ID(Task),:TYPE")
    removed = runner.invoke(app, ["remove", str(corpus / "weinan-standardization-plan-2023.txt"), "--db", db])
    assert removed.exit_code == 0, removed.output
    assert "Task" in removed.output


def test_a_second_process_is_refused_with_the_holder_named(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    holder = EmbeddedFalkorStore(db)
    try:
        result = runner.invoke(app, ["info", "--db", str(db)])
        assert result.exit_code == 2
        assert "is in use by process" in result.output and "Traceback" not in result.output
    finally:
        holder.close()


def test_unreachable_neo4j_is_one_line_and_exit_2() -> None:
    result = runner.invoke(app, ["info", "--store", "bolt://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in result.output
    assert "Traceback" not in result.output


def test_wrong_neo4j_password_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    refuser = BoltRefuser()
    with refuser as url:
        result = runner.invoke(app, ["info", "--store", url])
    assert refuser.logins >= 1  # the driver really sent the credentials and got the server's refusal
    assert result.exit_code == 2
    assert f"Neo4j at {url} refused the user name or password" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_bad_options_are_one_line(tmp_path: Path) -> None:
    assert runner.invoke(app, ["info", "--store", "mysql://x"]).exit_code == 2
    bad = runner.invoke(app, ["export", str(tmp_path), "--format", "xml", "--db", str(tmp_path / "g.db")])
    assert bad.exit_code == 2 and "unknown format" in bad.output
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "g.db")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_closing_the_embedded_store_stops_its_server_even_after_reads_from_threads(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store = EmbeddedFalkorStore(tmp_path / "g.db")
    pid = store.server_pid
    assert pid is not None
    with ThreadPoolExecutor(max_workers=3) as pool:  # each thread takes a connection of its own
        assert list(pool.map(lambda n: store.read("RETURN $n AS n", {"n": n})[0]["n"], range(6))) == list(range(6))
    store.close()
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"the embedded server (pid {pid}) is still running after close()")
    assert (tmp_path / "g.db").exists()  # it saved on the way out


def test_the_embedded_store_waits_for_long_statements(tmp_path: Path) -> None:
    # redis-py gives up on a reply after 5 s by default: a count over a national-scale graph takes longer
    store = EmbeddedFalkorStore(tmp_path / "g.db")
    try:
        assert store.client.connection_pool.connection_kwargs.get("socket_timeout") is None
    finally:
        store.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "--store is empty"),
        ("bolt://127.0.0.1:99999", "the port must be a number from 1 to 65535"),
        ("falkordb://localhost:0", "the port must be a number from 1 to 65535"),
        ("neo4j://", "no host"),
    ],
)
def test_store_urls_that_cannot_be_used_are_refused_in_one_line(url: str, message: str) -> None:
    result = runner.invoke(app, ["info", "--store", url])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("url", ["bolt://127.0.0.1:1", "neo4j://127.0.0.1:1"])
def test_an_unreachable_neo4j_is_one_line_on_stderr_without_the_drivers_log(url: str) -> None:
    # a process of its own: the driver's log line reached stderr through Python's last-resort handler,
    # which pytest's logging capture would hide here
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    done = subprocess.run(
        [sys.executable, "-m", "policygraph", "info", "--store", url], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: cannot reach Neo4j at {url}: ")


def test_run_on_a_graph_an_older_policygraph_wrote_says_rebuild_and_rebuild_works(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy("data/corpus/weinan-standardization-plan-2023.txt", corpus)
    db = tmp_path / "out" / "graph.db"
    first = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out")])
    assert first.exit_code == 0, first.output
    with EmbeddedFalkorStore(db) as old:
        old.write([("MATCH (s:Source) REMOVE s.schema_version", {})])  # as version 1 wrote it
    refused = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out")])
    assert refused.exit_code == 2 and "(or run) with --rebuild" in refused.output and "Traceback" not in refused.output
    rebuilt = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"), "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
