"""Neo4j 5 over Bolt with the official driver: managed transactions with retries.

Tests for it run when NEO4J_URI is set (see README: docker run … neo4j:5).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from neo4j import time as neo4j_time

from graph.schema import schema_statements
from graph.store import GraphStore, Statement, StoreMode
from loaders.errors import StoreError


def _one_line(exc: Exception) -> str:
    """The driver's message on one line (it spreads a refused connection over two)."""
    return " ".join(str(exc).split())


def _plain(value: Any) -> Any:
    """A value as the other backends give it: a Neo4j date or date-time (what a neo4j-admin import of the
    export makes of `:date` and `:localdatetime` columns) as its ISO text, the way the stores write them."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (neo4j_time.Date, neo4j_time.DateTime)):
        return value.to_native().isoformat()  # 2018-05-23, 2026-12-06T06:13:49 (no trailing nanoseconds)
    return value


class Neo4jStore(GraphStore):
    kind = "neo4j"

    def __init__(self, url: str, mode: StoreMode = "create") -> None:
        import logging

        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable

        # the driver logs what it then raises ("Unable to retrieve routing information"), which Python's
        # last-resort handler prints when no logging is set up: the error says it once, in one line
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        self.url = url
        self.mode = mode
        self.database = os.environ.get("NEO4J_DATABASE") or None
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        try:
            self.driver = neo4j.GraphDatabase.driver(url, auth=auth)
            self.driver.verify_connectivity()
        except AuthError:
            raise StoreError(f"Neo4j at {url} refused the user name or password (NEO4J_USER, NEO4J_PASSWORD)") from None
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise StoreError(f"cannot reach Neo4j at {url}: {_one_line(exc)}") from None
        except Exception as exc:  # the driver's other errors: configuration, TLS …
            raise StoreError(f"Neo4j at {url}: {_one_line(exc)}") from None

    @property
    def location(self) -> str:
        return self.url + (f" (database {self.database})" if self.database else "")

    def ensure_schema(self) -> None:
        self._check_writable()
        statements = schema_statements()
        try:
            with self.driver.session(database=self.database) as session:
                for statement in statements:
                    session.run(statement).consume()
        except Exception as exc:
            raise StoreError(f"{self.location}: cannot create the schema: {exc}") from None

    def read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            return [_plain(record.data()) for record in tx.run(query, params or {})]

        try:
            with self.driver.session(database=self.database) as session:
                return list(session.execute_read(work))
        except Exception as exc:
            raise StoreError(f"{self.location}: {exc}") from None

    def read_only(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        # `read` already runs in a READ-access transaction (execute_read): Neo4j refuses writes there
        return self.read(query, params)

    def write(self, statements: Sequence[Statement]) -> None:
        self._check_writable()

        def work(tx: Any) -> None:
            for query, params in statements:
                tx.run(query, params).consume()

        try:
            with self.driver.session(database=self.database) as session:
                session.execute_write(work)  # retried by the driver on transient errors
        except Exception as exc:
            raise StoreError(f"{self.location}: write failed: {exc}") from None

    def close(self) -> None:
        try:
            self.driver.close()
        except Exception:
            pass
