"""Opening and closing the embedded store: what is refused untouched, what a read leaves as it was, the lock,
and the private server's lifetime (it goes with its owner; one left behind is stopped at the next open)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.embedded import PrivateServer
from graph.store import open_store
from loaders.errors import StoreError
from policygraph.app import app

runner = CliRunner()
SAMPLE = Path("data/corpus/weinan-standardization-plan-2023.txt")


def files_of(folder: Path) -> dict[str, tuple[bytes, int] | str]:
    """Every file under `folder` with its bytes and mtime (ns); folders by name."""
    found: dict[str, tuple[bytes, int] | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        found[name] = "folder" if path.is_dir() else (path.read_bytes(), path.stat().st_mtime_ns)
    return found


def _gone(pid: int, within: float = 30.0) -> bool:
    """Whether process `pid` has exited (or is a zombie) within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            return True
        if state == "Z":
            return True
        time.sleep(0.02)
    return False


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by `ingest`, closed: copy it before changing it."""
    db = tmp_path_factory.mktemp("built") / "graph.db"
    result = runner.invoke(app, ["ingest", str(SAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def copy_store(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for part in db.parent.iterdir():
        (shutil.copytree if part.is_dir() else shutil.copy2)(part, folder / part.name)
    return folder / db.name


NOT_STORES = {
    "jsonl": '{"id": "doc-1", "label": "Document", "title": "关于印发实施方案的通知"}\n',
    "text": "渭南市人民政府办公室关于印发标准化发展规划的通知\n",
    "empty": "",
}
COMMANDS = {
    "info": ["info"],
    "query run": ["query", "run", "documents/most-cited"],
    "query run --cypher": ["query", "run", "--cypher", "MATCH (n) RETURN count(n) AS n"],
    "export": ["export", "{tmp}/exported"],
    "report load": ["report", "load"],
    "report department": ["report", "department", "科技局"],
    "view department": ["view", "department", "科技局", "-o", "{tmp}/view.html"],
    "remove": ["remove", str(SAMPLE)],
    "ingest": ["ingest", str(SAMPLE)],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("what", [*NOT_STORES, "directory"])
def test_a_path_that_is_not_a_store_is_refused_untouched_before_any_server_starts(
    tmp_path: Path, what: str, command: str
) -> None:
    target = tmp_path / f"some.{what}"
    if what == "directory":
        target.mkdir()
        (target / "notes.txt").write_text("keep me", encoding="utf-8")
    else:
        target.write_text(NOT_STORES[what], encoding="utf-8")
    before = files_of(tmp_path)
    args = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    result = runner.invoke(app, [*args, "--db", str(target)])
    assert result.exit_code == 2, result.output
    assert str(target) in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert ("directory" if what == "directory" else "not a policygraph graph store") in result.output
    assert files_of(tmp_path) == before  # no byte, no mtime, no lock, no log folder, no output


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "ingest"])
def test_only_ingest_and_run_create_a_store(tmp_path: Path, command: str) -> None:
    db = tmp_path / "typo" / "graph.db"
    args = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert f"no graph store at {db}" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "typo").exists()


def test_reads_leave_every_file_of_the_store_as_it_was(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    before = files_of(db.parent)
    reads = [
        ["info"],
        ["query", "run", "documents/most-cited"],
        ["query", "run", "--cypher", "MATCH (d:Document) RETURN count(d) AS n"],
        ["export", str(tmp_path / "exported")],
        ["report", "load", "--no-write-back"],
        ["report", "department", "渭南市市场监管局"],
        ["view", "department", "渭南市市场监管局", "-o", str(tmp_path / "view.html")],
    ]
    for args in reads:
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
    assert files_of(db.parent) == before  # snapshot, log, manifest: same bytes, same mtimes; no lock left


def test_a_store_open_for_reading_refuses_writes(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    before = files_of(db.parent)
    with open_store(None, db) as store:
        with pytest.raises(StoreError, match="open for reading"):
            store.write([("CREATE (:Document {doc_id: 'x'})", {})])
        with pytest.raises(StoreError):  # the server itself answers read-only queries only
            store.read("CREATE (:Document {doc_id: 'x'})")
        assert store.read("MATCH (d:Document {doc_id: 'x'}) RETURN count(d) AS n") == [{"n": 0}]
    assert files_of(db.parent) == before


def _documents(db: Path) -> int:
    with open_store(None, db) as store:
        return int(store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"])


def test_a_store_whose_first_session_was_killed_is_found_by_its_log(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    documents = _documents(db)
    db.unlink()  # a first session killed before any snapshot leaves only the append-only log
    assert _documents(db) == documents > 0


def test_a_snapshot_without_its_log_is_loaded_not_emptied(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    documents = _documents(db)
    shutil.rmtree(db.with_name(db.name + ".aof"))  # e.g. graph.db copied alone
    assert _documents(db) == documents > 0  # reading: loaded from the snapshot, nothing created
    assert not db.with_name(db.name + ".aof").exists()
    with open_store(None, db, mode="write") as store:  # writing: the log starts from the snapshot
        store.write([("MERGE (:Document {doc_id: 'added'})", {})])
    assert (db.with_name(db.name + ".aof") / "appendonly.aof.manifest").is_file()
    assert _documents(db) == documents + 1


def test_a_clean_close_removes_the_lock_and_a_dead_holders_lock_does_not_block(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    lock = db.with_name(db.name + ".lock")
    assert not lock.exists()  # ingest closed cleanly
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(json.dumps({"pid": int(dead.stdout), "command": "policygraph ingest", "since": "then"}))
    result = runner.invoke(app, ["info", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert not lock.exists()


def test_a_lock_file_that_is_not_ours_is_refused_untouched(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    lock = db.with_name(db.name + ".lock")
    lock.write_text("my notes about the lock\n", encoding="utf-8")
    before = files_of(db.parent)
    result = runner.invoke(app, ["info", "--db", str(db)])
    assert result.exit_code == 2 and "is not a policygraph lock" in result.output
    assert files_of(db.parent) == before


OWNER = """
import sys, time
from pathlib import Path
from graph.store import open_store
store = open_store(None, Path(sys.argv[1]), mode="write")
print(store.server_pid, flush=True)
time.sleep(600)
"""


def test_the_server_goes_with_its_owner_when_the_owner_is_killed(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    owner = subprocess.Popen([sys.executable, "-c", OWNER, str(db)], env=env, stdout=subprocess.PIPE, text=True)
    assert owner.stdout is not None
    server = int(owner.stdout.readline())
    os.kill(owner.pid, signal.SIGKILL)
    owner.wait()
    assert _gone(server), f"the embedded server (pid {server}) outlived its killed owner"
    result = runner.invoke(app, ["info", "--db", str(db)])  # the dead owner's lock does not block
    assert result.exit_code == 0 and "(:Document)" in result.output, result.output


def test_a_server_left_by_a_dead_owner_is_stopped_before_a_new_one_starts(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "store")
    left = PrivateServer(db)  # stands for a server whose owner died without stopping it
    left.wait_listening()
    record = {"pid": 999999999, "command": "policygraph ingest", "since": "then", "server": left.pid}
    record |= {"socket": left.socket, "workdir": str(left.workdir)}
    db.with_name(db.name + ".lock").write_text(json.dumps(record), encoding="utf-8")
    try:
        with open_store(None, db) as store:
            assert left.process.poll() is not None  # stopped (and reaped here) before the new one started
            assert store.server_pid != left.pid
        assert not left.workdir.exists()
    finally:
        left.stop()


def test_ingest_workers_die_quietly_with_a_killed_parent(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(12):  # enough files for two workers, long enough to be killed in the middle
        for source in Path("data/corpus").glob("*.txt"):
            text = source.read_text(encoding="utf-8").replace("号", f"{n}号")
            (corpus / f"{n:02d}-{source.name}").write_text(text, encoding="utf-8")
    stderr = tmp_path / "stderr.txt"
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    with stderr.open("w") as err:
        parent = subprocess.Popen(
            [sys.executable, "-m", "policygraph", "ingest", str(corpus), "--db", str(tmp_path / "g.db"), "--jobs", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        children: list[object] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and parent.poll() is None:
            children = psutil.Process(parent.pid).children(recursive=True)
            if sum(1 for c in children if "python" in c.name()) >= 3 and any("redis" in c.name() for c in children):
                break  # two workers and the resource tracker, and the server
            time.sleep(0.05)
        if parent.poll() is not None:
            pytest.skip("the ingest finished before it could be killed")
        time.sleep(1.0)  # the workers are extracting
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    for child in children:
        assert _gone(child.pid), f"{child.name()} (pid {child.pid}) outlived its killed parent"  # type: ignore[attr-defined]
    said = stderr.read_text(encoding="utf-8")
    assert "Traceback" not in said and "BrokenPipeError" not in said and "leaked" not in said, said
