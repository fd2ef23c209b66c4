"""Property-based battery: random sequences of ingest / remove / edit on a small corpus end with the graph a
clean ingest of the final files gives (export compared: every node and relationship with its properties).

Files are 1–2 pieces each: a test case of tests/data or one document of a corpus gazette (the same piece
in two files is a reprint: the document is the version of the last file). Edits cut a document out, duplicate one, or change a 文号 (which changes the
document's key and what cites it).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.ingest import ingest, remove
from graph.store import GraphStore, open_store
from loaders import extract_file
from tests.graph.content import graph_content

ROOT = Path(__file__).resolve().parents[2]
CORPUS_PIECES = ("bayannur-gazette-2018-03.txt", "baoji-gazette-2023-01.txt", "qingtongxia-gazette-2021-04.txt")
LARGEST_PIECE = 5000  # characters: small documents keep each example well under a second
DOC_NO = re.compile(r"〔(\d{4})〕(\d+)号")


@cache
def pieces() -> tuple[str, ...]:
    """The test cases of tests/data (UTF-8 ones) and the small documents of three gazettes, as text."""
    found = []
    for path in sorted((ROOT / "tests" / "data").glob("*.txt")):
        try:
            found.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the GBK case: its reading is tested elsewhere
            continue
    for name in CORPUS_PIECES:
        path = ROOT / "data" / "corpus" / name
        text = path.read_text(encoding="utf-8")
        for doc in extract_file(path).documents:
            if doc.span[1] - doc.span[0] <= LARGEST_PIECE:
                found.append(text[doc.span[0] : doc.span[1]] + "\n")
    return tuple(found)


def _documents(path: Path) -> list[tuple[int, int]]:
    return [doc.span for doc in extract_file(path).documents]


def _edit(path: Path, kind: str, k: int) -> None:
    text = path.read_text(encoding="utf-8")
    spans = _documents(path)
    if kind == "cut" and spans:
        start, end = spans[k % len(spans)]
        text = text[:start] + text[end:]
    elif kind == "duplicate" and spans:
        start, end = spans[k % len(spans)]
        text = text + "\n\n" + text[start:end] + "\n"
    elif kind == "renumber":
        numbers = list(DOC_NO.finditer(text))
        if numbers:
            m = numbers[k % len(numbers)]
            text = text[: m.start(2)] + str(int(m.group(2)) + 100 + k) + text[m.end(2) :]
    path.write_text(text, encoding="utf-8")


files = st.lists(st.lists(st.sampled_from(range(64)), min_size=1, max_size=2), min_size=2, max_size=4)
steps = st.lists(
    st.one_of(  # the likelier first: edits and removes are what can go wrong
        *(st.tuples(st.just("edit"), st.integers(0, 3), st.just(kind)) for kind in ("renumber", "cut", "duplicate")),
        st.tuples(st.just("remove"), st.integers(0, 3), st.just("")),
        st.tuples(st.just("ingest"), st.integers(0, 3), st.just("")),
        st.tuples(st.just("ingest all"), st.just(0), st.just("")),
    ),
    min_size=1,
    max_size=6,
)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, GraphStore]]:
    """One incremental and one clean store for every example (emptied at its start): opening costs seconds."""
    tmp = tmp_path_factory.mktemp("battery")
    with (
        open_store(None, tmp / "incremental.db", mode="create") as incremental,
        open_store(None, tmp / "clean.db", mode="create") as clean,
    ):
        yield incremental, clean


EXPLORE = os.environ.get("POLICYGRAPH_BATTERY_EXAMPLES")  # a number: that many random examples, not the fixed ones


@settings(
    max_examples=int(EXPLORE or 12),
    deadline=None,
    derandomize=not EXPLORE,  # the same examples in every run keep CI repeatable
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(layout=files, sequence=steps, edits=st.integers(0, 50))
def test_ingest_remove_and_edit_in_any_order_give_the_graph_of_a_clean_ingest(
    stores: tuple[GraphStore, GraphStore], layout: list[list[int]], sequence: list[tuple[str, int, str]], edits: int
) -> None:
    incremental, clean = stores
    incremental.clear()
    clean.clear()
    pool = pieces()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [folder / f"f{n}.txt" for n in range(len(layout))]
        for path, chosen in zip(paths, layout, strict=True):
            path.write_text("\n\n".join(pool[i % len(pool)] for i in chosen), encoding="utf-8")
        owners = [{i % len(pool) for i in chosen} for chosen in layout]
        if sum(map(len, owners)) > len(set().union(*owners)):
            event("a piece in two files (a reprint)")
        held: set[Path] = set()  # the files the graph holds
        for action, index, kind in [("ingest all", 0, ""), *sequence]:  # from a graph of every file
            path = paths[index % len(paths)]
            if action == "ingest all":
                assert not ingest(incremental, [folder], jobs=1).errors
                held.update(paths)
            elif action == "ingest":
                assert not ingest(incremental, [path], jobs=1).errors
                held.add(path)
            elif action == "remove" and path in held:
                assert remove(incremental, [path]).removed == 1
                held.discard(path)
                event("remove")
            elif action == "edit":
                _edit(path, kind, edits)
                event(f"edit: {kind}")
        final = sorted(held)
        if final:  # the edits made since their last ingest go in
            ingest(incremental, final, jobs=1)
            ingest(clean, final, jobs=1)
        assert graph_content(incremental) == graph_content(clean)
