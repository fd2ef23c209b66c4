"""FalkorDB backends: embedded (falkordblite: a private redis-server with the FalkorDB module on a
file, guarded by a lock) and a FalkorDB server reached by URL. Transactions are Redis MULTI/EXEC.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from graph.schema import NODES
from graph.store import GRAPH_NAME, GraphStore, Statement
from loaders.errors import StoreError

_KEYS: dict[str, str] = {}


def _key(name: str) -> str:
    """`name`: as a map key, cached (row keys repeat on every row)."""
    try:
        return _KEYS[name]
    except KeyError:
        if not name or "`" in name:
            raise StoreError(f"a parameter map key cannot be empty or hold a backtick: {name!r}") from None
        _KEYS[name] = f"`{name}`:"
        return _KEYS[name]


def _literal(value: Any) -> str:
    """A Cypher literal for FalkorDB's parameter header (what falkordb-py's `stringify_param_value` writes,
    a few times faster: serialising the rows was half of a batched write's time)."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return repr(value)
    if kind is dict:
        return "{" + ",".join([_key(k) + _literal(v) for k, v in value.items()]) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join([_literal(v) for v in value]) + "]"
    from falkordb.helpers import stringify_param_value

    return str(stringify_param_value(value))


def params_header(params: dict[str, Any] | None) -> str:
    """`CYPHER name=literal … ` in front of a query: how FalkorDB takes parameters."""
    if not params:
        return ""
    return "CYPHER " + "".join(f"{_key(k)[:-1]}={_literal(v)} " for k, v in params.items())


def _rows(result: Any) -> list[dict[str, Any]]:
    header = [h[1] if isinstance(h, (list, tuple)) else h for h in (result.header or [])]
    return [dict(zip(header, row, strict=False)) for row in result.result_set or []]


class _FalkorBase(GraphStore):
    """Transactions go down one connection of their own as MULTI … EXEC; `write_behind` lets one of them run
    on the server while the next is being built (its replies are read before a third is sent)."""

    graph: Any
    client: Any
    behind = 16  # transactions left running when write_behind returns (a deeper queue rides out the jitter)
    _writer: Any = None

    def __init__(self) -> None:
        self._pending: deque[int] = deque()  # per transaction in flight: its number of statements

    def ensure_schema(self) -> None:
        self.sync()
        for node in NODES:
            for prop in (node.key, *node.indexed):
                self._command(lambda n=node, p=prop: self.graph.create_node_range_index(n.label, p))
            self._command(lambda n=node: self.graph.create_node_unique_constraint(n.label, n.key))

    def _command(self, call: Any) -> Any:
        """A schema command; 'already exists' answers are what a second run expects."""
        try:
            return call()
        except Exception as exc:
            if any(word in str(exc).lower() for word in ("already", "exists")):
                return None
            raise StoreError(f"{self.location}: {exc}") from None

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.sync()
        try:
            return _rows(self.graph.query(query, params or None))
        except Exception as exc:
            raise StoreError(f"{self.location}: {exc}") from None

    def read_only(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.sync()
        try:  # GRAPH.RO_QUERY: FalkorDB refuses any statement that would write
            return _rows(self.graph.ro_query(query, params or None))
        except Exception as exc:
            raise StoreError(f"{self.location}: {exc}") from None

    def write(self, statements: Sequence[Statement]) -> None:
        self.sync()  # what went before must have gone through: nothing is written after a failure
        self.write_behind(statements)
        self.sync()

    def write_behind(self, statements: Sequence[Statement]) -> None:
        if not statements:
            return
        commands: list[tuple[str, ...]] = [("MULTI",)]
        commands += [("GRAPH.QUERY", self.graph.name, params_header(p) + q, "--compact") for q, p in statements]
        commands.append(("EXEC",))
        try:
            if self._writer is None:
                self._writer = self.client.connection_pool.get_connection()
            self._writer.send_packed_command(self._writer.pack_commands(commands))
        except Exception as exc:
            self._drop_writer()
            raise StoreError(f"{self.location}: write failed: {exc}") from None
        self._pending.append(len(statements))
        while len(self._pending) > self.behind:
            self._collect(self._pending.popleft())

    def sync(self) -> None:
        while self._pending:
            self._collect(self._pending.popleft())

    def _collect(self, statements: int) -> None:
        """Read one transaction's replies: OK for MULTI, QUEUED for each statement, then EXEC's array."""
        from redis.exceptions import ResponseError

        errors: list[Exception] = []
        replies: Any = []
        try:
            for _ in range(statements + 1):
                try:
                    self._writer.read_response()
                except ResponseError as exc:
                    errors.append(exc)
            try:
                replies = self._writer.read_response()
            except ResponseError as exc:
                errors.append(exc)
        except Exception as exc:
            self._pending.clear()
            self._drop_writer()
            raise StoreError(f"{self.location}: write failed: {exc}") from None
        errors += [r for r in replies or [] if isinstance(r, Exception)]
        if errors:
            self.sync()  # the transactions sent after it still answer: read them off the connection
            raise StoreError(f"{self.location}: write failed: {errors[0]}")

    def _drop_writer(self) -> None:
        if self._writer is not None:
            try:
                self._writer.disconnect()
                self.client.connection_pool.release(self._writer)
            except Exception:
                pass
            self._writer = None

    def _release_writer(self) -> None:
        """Before closing: wait for what is in flight, give the connection back."""
        try:
            self.sync()
        except StoreError:
            pass  # the caller has seen (or will see) the failure from its own sync or flush
        if self._writer is not None:
            self.client.connection_pool.release(self._writer)
            self._writer = None


class FalkorServerStore(_FalkorBase):
    """A FalkorDB server (e.g. Docker on macOS/Windows): falkordb://host:port."""

    kind = "falkordb"

    def __init__(self, url: str) -> None:
        from falkordb import FalkorDB

        super().__init__()
        parsed = urlparse(url)
        self.url = url
        try:
            self.db = FalkorDB(
                host=parsed.hostname or "localhost",
                port=parsed.port or 6379,
                password=parsed.password,
                username=parsed.username,
            )
            self.client = self.db.connection
            self.client.ping()
        except Exception as exc:
            raise StoreError(f"cannot reach FalkorDB at {url}: {exc}") from None
        self.graph = self.db.select_graph(GRAPH_NAME)

    @property
    def location(self) -> str:
        return self.url

    def flush(self) -> None:
        self.sync()  # beyond that, the server's own persistence settings apply

    def close(self) -> None:
        self._release_writer()
        try:
            self.client.close()
        except Exception:
            pass


class EmbeddedFalkorStore(_FalkorBase):
    """falkordblite on a file, one process at a time (a lock names the holder).

    The append-only log is on: a committed transaction is in the log's file before the call returns, so
    it survives the process being killed (fsync every second guards against the machine itself failing).
    """

    kind = "embedded"

    def __init__(self, path: Path) -> None:
        if not (sys.platform == "linux" and os.uname().machine == "x86_64"):
            raise StoreError(
                "the embedded store (falkordblite) ships for Linux x86_64 only: "
                "use --store falkordb://host:port (FalkorDB in Docker) or --store neo4j://…"
            )
        super().__init__()
        self.path = path.resolve()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _acquire(self.path)
        try:
            from redislite.falkordb_client import FalkorDB
        except ImportError:
            self._release()
            raise StoreError("falkordblite is not installed: pip install falkordblite") from None
        config = {
            "appendonly": "yes",
            "appendfsync": "everysec",
            "appenddirname": f"{self.path.name}.aof",
            # no periodic snapshots: the append-only log already holds every commit, and a snapshot forks
            # and serialises the whole graph every 15 s under load, which made large ingests superlinear
            # (and a SAVE issued while one ran failed the ingest)
            "save": '""',
        }
        try:
            # no socket timeout: redis-py's default (5 s) cut off a count over a 10,000-document graph
            self.db = FalkorDB(str(self.path), serverconfig=config, socket_timeout=None)
        except Exception as exc:
            self._release()
            raise StoreError(f"{self.path}: cannot start the embedded FalkorDB: {exc}") from None
        self.client = self.db.client
        self.graph = self.db.select_graph(GRAPH_NAME)

    @property
    def location(self) -> str:
        return str(self.path)

    def flush(self, timeout: float = 600.0) -> None:
        """Compact the append-only log into a snapshot base (fsynced), so the next open loads the graph
        instead of replaying every statement; waits for a rewrite already under way."""
        self.sync()
        deadline = time.monotonic() + timeout
        try:
            self._wait_for_rewrite(deadline)
            self.client.bgrewriteaof()
            self._wait_for_rewrite(deadline)
            status = self.client.info("persistence").get("aof_last_bgrewrite_status", "ok")
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"{self.path}: cannot compact the log: {exc}") from None
        if status != "ok":
            raise StoreError(f"{self.path}: compacting the log failed ({status})")

    def _wait_for_rewrite(self, deadline: float) -> None:
        while True:
            info = self.client.info("persistence")
            if not (info.get("aof_rewrite_in_progress") or info.get("aof_rewrite_scheduled")):
                return
            if time.monotonic() > deadline:
                raise StoreError(f"{self.path}: the log is still being compacted; try again later")
            time.sleep(0.05)

    def close(self) -> None:
        if getattr(self, "db", None) is not None:
            self._release_writer()
            try:
                # falkordblite shuts its server down (saving) only when it is the last client connected:
                # connections that threads opened from the pool would keep the server running, unsaved
                self.client.connection_pool.disconnect()
            except Exception:
                pass
            try:
                self.db.close()
            except Exception:
                pass
            self.db = None
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_UN)
                self._lock.close()
            finally:
                self._lock = None


def _holder(text: str) -> str:
    try:
        info = json.loads(text)
        return f"process {info['pid']} ({info['command']}, since {info['since']})"
    except (ValueError, KeyError, TypeError):
        return "another process"


def _acquire(path: Path) -> Any:
    """An exclusive lock beside the database; a second process is refused, told who holds it."""
    lock_path = path.with_name(path.name + ".lock")
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while the store lives
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = _holder(handle.read())
        handle.close()
        raise StoreError(f"{path} is in use by {holder}; wait for it to finish or use a FalkorDB server") from None
    handle.seek(0)
    handle.truncate()
    info = {"pid": os.getpid(), "command": " ".join(sys.argv[:3]), "since": time.strftime("%Y-%m-%d %H:%M:%S")}
    handle.write(json.dumps(info, ensure_ascii=False))
    handle.flush()
    return handle
