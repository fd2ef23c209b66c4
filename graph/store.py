"""One interface to every graph backend, and the factory that picks one from a URL or path.

Backends: embedded FalkorDB (falkordblite, the default), a FalkorDB server, Neo4j 5 over Bolt.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from graph import cypher
from loaders.errors import ConfigError, StoreError

DEFAULT_DB = Path("out/graph.db")
GRAPH_NAME = "policygraph"

Statement = tuple[str, dict[str, Any]]

# read: the store must exist and nothing is written (a write is refused); write: it must exist;
# create: made when missing (only `ingest` and `run` create a store)
StoreMode = Literal["read", "write", "create"]


class GraphStore(ABC):
    """What ingest, queries, analytics and views need from a graph database."""

    kind: str = "abstract"
    mode: StoreMode = "create"

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data lives: a file path or a server URL."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create uniqueness constraints and indexes when they are missing (idempotent)."""

    @abstractmethod
    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read-only statement; rows as dicts keyed by the RETURN aliases."""

    @abstractmethod
    def read_only(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Like `read`, in the backend's own read-only mode: a statement that would write is refused
        by the database (StoreError), whatever the text looks like. For Cypher from users."""

    @abstractmethod
    def write(self, statements: Sequence[Statement]) -> None:
        """Run statements as one transaction.

        Neo4j: all or nothing. FalkorDB: MULTI/EXEC — executed as one unit (nothing interleaves; the
        append-only log holds it whole, so a crash never leaves part of it), but a statement failing at
        run time does not undo the ones before it.
        """

    def write_behind(self, statements: Sequence[Statement]) -> None:
        """Send statements as one transaction without waiting for it: it runs while the caller prepares the
        next. A failure surfaces at the next `sync` (which `read`, `write`, `flush` and `close` do first).

        Default: `write` (backends without pipelining wait)."""
        self.write(statements)

    def sync(self) -> None:  # noqa: B027 - optional: only pipelining backends have anything in flight
        """Wait for every transaction `write_behind` sent; StoreError if one of them failed."""

    def flush(self) -> None:  # noqa: B027 - optional: most backends' commits are durable already
        """Make everything written so far durable (a no-op where commits already are)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection (and, embedded, the server and the lock)."""

    def _check_writable(self) -> None:
        if self.mode == "read":
            raise StoreError(f"{self.location} is open for reading: this command does not change the graph")

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        labels = {r["label"]: int(r["count"]) for r in self.read(cypher.COUNT_LABELS)}
        rels = {r["type"]: int(r["count"]) for r in self.read(cypher.COUNT_RELATIONSHIPS)}
        return labels, rels

    def clear(self) -> None:
        self.write([(cypher.CLEAR, {})])

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(store: str | None = None, db: Path | None = None, *, mode: StoreMode = "read") -> GraphStore:
    """`store`: neo4j://…, bolt://…, neo4j+s://…, falkordb://host:port, or None for the embedded file `db`.

    `mode` "read" opens what exists and refuses writes; "write" too, writing allowed; "create" makes an
    embedded store where there is none. A path holding anything but a store is refused, untouched.
    Environment: NEO4J_URI (when no store is given), POLICYGRAPH_DB (when no db is given).
    """
    if store is not None and not store.strip():
        raise ConfigError("--store is empty: give neo4j://…, bolt://…, falkordb://host:port, or leave it out")
    url = store or os.environ.get("POLICYGRAPH_STORE") or None
    if url is None and os.environ.get("NEO4J_URI") and db is None:
        url = os.environ["NEO4J_URI"]
    if url is None or url == "embedded":
        from graph.falkor import EmbeddedFalkorStore

        path = db or Path(os.environ.get("POLICYGRAPH_DB") or DEFAULT_DB)
        return EmbeddedFalkorStore(path, mode)
    if url.startswith(("falkordb://", "redis://")):
        from graph.falkor import FalkorServerStore

        return FalkorServerStore(check_url(url), mode)
    if url.startswith(("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(check_url(url), mode)
    raise ConfigError(f"unknown store {url!r}: use neo4j://…, bolt://…, falkordb://host:port or a --db file")


def check_url(url: str) -> str:
    """`url` when its host and port can be used; ConfigError in one line when not (a port out of range
    would otherwise be wrapped round by the driver and reach some other port)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise ConfigError(f"bad store URL {url!r}: the port must be a number from 1 to 65535")
    if not parts.hostname:
        raise ConfigError(f"bad store URL {url!r}: no host (e.g. {parts.scheme}://localhost:PORT)")
    return url
