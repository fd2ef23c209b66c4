"""The sample corpus: the gold scores the issue asks for, and what every gazette visibly holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders import extract_file, to_json
from loaders.layout import ends_with_doc_type
from loaders.scoring import load_gold, score

CORPUS = Path("data/corpus")


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    return {p.stem: extract_file(p) for p in sorted(CORPUS.glob("*.txt"))}


def test_gold_scores(results: dict) -> None:
    gold = load_gold(Path("data/gold"))
    predicted = [to_json(r) for stem in gold for r in results[stem].records]
    report = score(predicted, gold)
    assert report.documents.recall >= 0.97
    for name in ("title", "issuer", "date"):
        correct, total = report.document_fields[name]
        assert correct / total >= 0.97, name
    assert report.citations.f1 >= 0.95


# 文号 lines printed under a title outside the table of contents, counted by hand.
EXPECTED_DOCS = {
    "baoji-gazette-2023-01": 4,
    "baoji-innovation-city-tasks-2018": 1,
    "bayannur-gazette-2018-03": 16,
    "qingtongxia-gazette-2021-04": 9,
    "weinan-standardization-plan-2023": 1,
}


@pytest.mark.parametrize("stem", sorted(EXPECTED_DOCS))
def test_every_document_found_once_with_its_metadata(results: dict, stem: str) -> None:
    docs = results[stem].documents
    assert len(docs) == EXPECTED_DOCS[stem]
    assert len({d.doc_no for d in docs}) == len(docs)
    for doc in docs:
        assert doc.date and doc.issuer, doc.doc_no
        assert ends_with_doc_type(doc.title), doc.title
        assert doc.jurisdiction and doc.level, doc.doc_no


def test_toc_entries_are_not_documents(results: dict) -> None:
    # the Baoji gazette prints its contents first: documents start after it
    text = (CORPUS / "baoji-gazette-2023-01.txt").read_text(encoding="utf-8")
    first = results["baoji-gazette-2023-01"].documents[0]
    assert first.span[0] > text.index("宝政办发[2022]73号 (29)")


def test_joint_issuers_are_joined(results: dict) -> None:
    doc = results["qingtongxia-gazette-2021-04"].documents[0]
    assert doc.issuer == "中共青铜峡市委员会、青铜峡市人民政府"
    assert doc.date == "2021-12-15"


def test_documents_issuing_two_rules_do_not_cite_them(results: dict) -> None:
    result = results["qingtongxia-gazette-2021-04"]
    doc = next(d for d in result.documents if d.doc_no == "青政发〔2021〕66号")
    titles = {c.cited_title for c in result.citations if c.doc_id == doc.doc_id}
    assert "青铜峡市人民政府工作规则" not in titles
    assert "中华人民共和国宪法" in titles
