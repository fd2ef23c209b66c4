"""Remove and re-ingest take out only what no other file still uses: for every corpus file, the graph
after a remove is a clean ingest of the others, and after re-ingesting it a clean ingest of all."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ingest import ingest, remove
from graph.store import GraphStore, open_store
from tests.graph.content import graph_content

CORPUS = Path("data/corpus")
FILES = sorted(p.name for p in Path(__file__).resolve().parents[2].joinpath(CORPUS).glob("*.txt"))


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, GraphStore]]:
    """An incremental store (the corpus ingested once, kept across the tests) and a scratch one for clean
    ingests (emptied before each): opening a store costs seconds."""
    tmp = tmp_path_factory.mktemp("remove")
    with (
        open_store(None, tmp / "incremental.db", mode="create") as incremental,
        open_store(None, tmp / "clean.db", mode="create") as clean,
    ):
        yield incremental, clean


def _clean(store: GraphStore, paths: list[Path]) -> tuple[list[str], list[str]]:
    store.clear()
    report = ingest(store, paths, jobs=1)
    assert not report.errors
    return graph_content(store)


@pytest.mark.parametrize("name", FILES)
def test_remove_then_reingest_gives_the_graph_of_a_clean_ingest(
    stores: tuple[GraphStore, GraphStore], name: str
) -> None:
    incremental, clean = stores
    ingest(incremental, [CORPUS], jobs=1)
    removed = remove(incremental, [CORPUS / name])
    assert removed.removed == 1 and not removed.errors
    others = [CORPUS / f for f in FILES if f != name]
    assert graph_content(incremental) == _clean(clean, others)
    again = ingest(incremental, [CORPUS], jobs=1)
    assert (again.ingested, again.skipped) == (1, len(FILES) - 1)
    assert graph_content(incremental) == _clean(clean, [CORPUS])


def test_removing_a_file_keeps_the_departments_and_successions_other_files_name(
    stores: tuple[GraphStore, GraphStore],
) -> None:
    """The Weinan plan names 33 departments no other file names: those go, the 219 others stay, and so do
    the pre-reform names other files use (remove once took every department without a task or document
    of its own: 252 → 204, SUCCEEDED_BY 43 → 15)."""
    incremental, _ = stores
    ingest(incremental, [CORPUS], jobs=1)
    labels, rels = incremental.counts()
    remove(incremental, [CORPUS / "weinan-standardization-plan-2023.txt"])
    after_labels, after_rels = incremental.counts()
    kept = incremental.read(
        "MATCH (p:Department) OPTIONAL MATCH (p)-[n:NAMED_IN]->(:Source) "
        "RETURN p.department_id AS id, count(n) AS sources"
    )
    assert kept and all(row["sources"] > 0 for row in kept)  # every department left is named by some file
    successions = incremental.read(
        "MATCH (a:Department)-[:SUCCEEDED_BY]->(b:Department) RETURN count(*) AS n, count(DISTINCT b) AS successors"
    )[0]
    assert after_rels["SUCCEEDED_BY"] == successions["n"] > rels["SUCCEEDED_BY"] // 2
    assert labels["Department"] > after_labels["Department"] > labels["Department"] * 3 // 4
    ingest(incremental, [CORPUS], jobs=1)
    assert incremental.counts() == (labels, rels)


def test_a_changed_file_reingested_gives_the_graph_of_a_clean_ingest(
    stores: tuple[GraphStore, GraphStore], tmp_path: Path
) -> None:
    """The changed-file path drops the old content the way remove does: a document cut out of a gazette
    takes its names, citations and jurisdictions with it, and nothing another file still uses."""
    incremental, clean = stores
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    incremental.clear()
    ingest(incremental, [corpus], jobs=1)
    gazette = corpus / "bayannur-gazette-2018-03.txt"
    text = gazette.read_text(encoding="utf-8")
    start = text.index("巴政办发〔2018〕46号")
    start = text.rindex("\n\n", 0, start) if "\n\n" in text[:start] else 0
    end = text.index("巴政办发〔2018〕51号")
    end = text.rindex("\n\n", 0, end)
    gazette.write_text(text[:start] + text[end:], encoding="utf-8")
    report = ingest(incremental, [corpus], jobs=1)
    assert (report.ingested, report.skipped) == (1, len(FILES) - 1)
    assert graph_content(incremental) == _clean(clean, [corpus])
    incremental.clear()  # the next test starts from the corpus in data/


def test_removing_one_of_two_files_holding_a_document_keeps_the_other_ones_version(
    stores: tuple[GraphStore, GraphStore], tmp_path: Path
) -> None:
    """A gazette reprinted in a second file: removing either leaves the graph a clean ingest of the other
    (the document stayed real with its tasks, not a stub)."""
    incremental, clean = stores
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "baoji-gazette-2023-01.txt", corpus / "a.txt")
    shutil.copy(CORPUS / "weinan-standardization-plan-2023.txt", corpus / "b.txt")
    (corpus / "c.txt").write_text(
        (corpus / "a.txt").read_text(encoding="utf-8") + "\n\n" + (corpus / "b.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    for gone in ("a.txt", "c.txt"):
        incremental.clear()
        ingest(incremental, [corpus], jobs=1)
        report = remove(incremental, [corpus / gone])
        assert report.removed == 1 and not report.errors
        rest = [p for p in sorted(corpus.iterdir()) if p.name != gone]
        assert graph_content(incremental) == _clean(clean, rest)
    incremental.clear()


def test_a_citation_by_title_follows_the_cited_file_in_and_out_in_any_order(
    stores: tuple[GraphStore, GraphStore], tmp_path: Path
) -> None:
    """a.txt cites 《全国冷链物流体系建设规划（2021—2025年）》 by title alone; b.txt is that plan (国发〔2021〕7号).
    With b in the graph the citation is the plan's, without it a stub of the title: whichever was written
    first, and after b is removed or re-added (the citation once stayed on the plan's demoted node)."""
    incremental, clean = stores
    root = Path(__file__).resolve().parents[2] / "tests" / "data"
    folder = tmp_path / "files"
    folder.mkdir()
    citing = (root / "resp-prose.txt").read_text(encoding="utf-8")
    marker = "（一）降低企业要素成本。"
    assert marker in citing
    citing = citing.replace(marker, marker + "按照《全国冷链物流体系建设规划（2021—2025年）》要求，", 1)
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(citing, encoding="utf-8")
    shutil.copy(root / "national-guofa.txt", b)
    both, only_a = _clean(clean, [a, b]), _clean(clean, [a])
    cites = clean.read("MATCH (:Document)-[r:CITES]->(d:Document) RETURN d.doc_id AS id, d.stub AS stub")
    assert {"id": "doc:全国冷链物流体系建设规划(2021—2025年)", "stub": True} in cites  # without b: the title's stub
    incremental.clear()
    ingest(incremental, [b], jobs=1)
    ingest(incremental, [a], jobs=1)  # b first: the citation finds the plan straight away
    assert graph_content(incremental) == both
    assert '"Document:doc:国发〔2021〕7号"' in "".join(both[1])  # the plan is what a.txt cites
    remove(incremental, [b])
    assert graph_content(incremental) == only_a
    ingest(incremental, [folder], jobs=1)
    assert graph_content(incremental) == both
    incremental.clear()


def test_an_ingest_in_source_order_writes_what_settling_each_file_would(
    stores: tuple[GraphStore, GraphStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """New files after every other in source order skip the settling reads (first names and first
    citations are theirs already as written): settling each one anyway must change nothing."""
    import graph.ingest

    incremental, clean = stores
    expected = _clean(clean, [CORPUS])
    write = graph.ingest._write_source
    settled: list[bool] = []

    def always_settle(*args: object, **kwargs: object) -> set[str]:
        settled.append(bool(kwargs.get("settle", True)))
        kwargs["settle"] = True
        return write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(graph.ingest, "_write_source", always_settle)
    incremental.clear()
    ingest(incremental, [CORPUS], jobs=1)
    assert settled == [False] * len(FILES)  # the clean ingest skipped every settling
    assert graph_content(incremental) == expected
    incremental.clear()


def test_a_graph_written_before_sources_recorded_their_names_is_refused_until_rebuilt(
    stores: tuple[GraphStore, GraphStore],
) -> None:
    """A graph of schema 1 has no NAMED_IN edges nor citation properties: settling a remove there would
    drop departments other files use. Ingest and remove refuse it in one line; --rebuild starts over."""
    from loaders.errors import StoreError

    incremental, _ = stores
    incremental.clear()
    ingest(incremental, [CORPUS / FILES[0]], jobs=1)
    incremental.write([("MATCH (s:Source) REMOVE s.schema_version", {})])  # as version 1 wrote it
    counts = incremental.counts()
    for act in (lambda: ingest(incremental, [CORPUS], jobs=1), lambda: remove(incremental, [CORPUS / FILES[0]])):
        with pytest.raises(StoreError, match="--rebuild"):
            act()
        assert incremental.counts() == counts  # nothing changed
    report = ingest(incremental, [CORPUS / FILES[0]], rebuild=True, jobs=1)
    assert report.ingested == 1 and not report.errors
    incremental.clear()
