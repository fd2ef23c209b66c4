"""Shared fixtures and the --update-golden switch."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/data/*.expected.jsonl.")
    parser.addoption("--update-readme", action="store_true", help="Write what the README's examples print into it.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # record `source` paths and CLI defaults (data/corpus, data/gold) are relative to the repo
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """data/corpus ingested once into an embedded store for the whole session.

    Shared by the query, report and view tests: treat it as read-only (a test that writes opens its own).
    """
    from graph.ingest import ingest
    from graph.store import open_store

    store = open_store(None, tmp_path_factory.mktemp("corpus") / "graph.db", mode="create")
    try:
        with contextlib.chdir(ROOT):  # sources are named relative to the repository, as the CLI names them
            report = ingest(store, [ROOT / "data" / "corpus"])
        assert not report.errors, report.errors
        yield store
    finally:
        store.close()
