"""Golden files: tests/data/<case>.txt → <case>.expected.jsonl, compared record by record.

`pytest --update-golden` rewrites the expected files; review their diff like code.
Each case also has <case>.hand.jsonl, written by hand before the extractor ran on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders import extract_file, to_json
from loaders.scoring import load_jsonl, score

DATA = Path(__file__).resolve().parent.parent / "data"
CASES = sorted(p.stem for p in DATA.glob("*.txt"))


def _records(case: str) -> list[dict]:
    result = extract_file(Path("tests/data") / f"{case}.txt")
    assert result.error is None
    return [to_json(r) for r in result.records]


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, update_golden: bool) -> None:
    expected_path = DATA / f"{case}.expected.jsonl"
    records = _records(case)
    if update_golden:
        expected_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert expected_path.exists(), f"run pytest --update-golden to create {expected_path.name}"
    expected = [json.loads(line) for line in expected_path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(expected)
    for got, want in zip(records, expected, strict=True):
        assert got == want


@pytest.mark.parametrize("case", [c for c in CASES if (DATA / f"{c}.hand.jsonl").exists()])
def test_agrees_with_hand_annotation(case: str) -> None:
    report = score(_records(case), {case: load_jsonl(DATA / f"{case}.hand.jsonl")})
    assert report.documents.f1 == 1.0
    for name, (correct, total) in report.document_fields.items():
        assert correct == total, name
    assert report.citations.f1 == 1.0
    assert report.citation_relation[0] == report.citation_relation[1]


SCORED = [
    c
    for c in CASES
    if (DATA / f"{c}.hand.jsonl").exists()
    and '"scored": true' in (DATA / f"{c}.hand.jsonl").read_text(encoding="utf-8")
]


@pytest.mark.parametrize("case", SCORED)
def test_obligations_agree_with_hand_annotation(case: str) -> None:
    report = score(_records(case), {case: load_jsonl(DATA / f"{case}.hand.jsonl")})
    assert report.tasks.recall == 1.0 and report.tasks.precision == 1.0
    assert report.assignments.f1 == 1.0
    assert report.roles[0] == report.roles[1]
    assert report.indicators_detected.precision >= 0.8 and report.indicators_detected.recall == 1.0
