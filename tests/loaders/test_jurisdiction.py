"""The data/ tables behind jurisdiction and level, and traditional-character folding."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loaders.jurisdiction import resolve_issuer, resolve_prefix, tables
from loaders.text import fold, to_simplified

DATA = Path("data")
LEVELS = {"national", "provincial", "prefecture", "county"}


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))


def test_places_table_is_well_formed() -> None:
    rows = _rows("places.tsv")
    names = {r["name"] for r in rows}
    assert len({r["name"] for r in rows if r["level"] == "provincial"}) >= 31
    for row in rows:
        assert row["abbr"] and row["name"] and row["level"] in LEVELS, row
        assert not row["parent"] or row["parent"] in names, row


def test_prefix_and_organ_tables_are_well_formed() -> None:
    prefixes = _rows("doc_prefixes.tsv")
    assert len({r["prefix"] for r in prefixes}) == len(prefixes)
    assert all(r["level"] in LEVELS and r["issuer"] for r in prefixes)
    organs = _rows("organ_codes.tsv")
    assert len({r["code"] for r in organs}) == len(organs)
    assert all("{place}" in r["issuer_template"] for r in organs)


def test_t2s_maps_single_characters_once_and_spares_simplified_ones() -> None:
    rows = _rows("t2s.tsv")
    assert all(len(r["trad"]) == 1 and len(r["simp"]) == 1 for r in rows)
    assert len({r["trad"] for r in rows}) == len(rows)
    # valid simplified characters that look like traditional targets must stay as they are
    for ch in "干后里面发只台云系复覆":
        assert to_simplified(ch) == ch


def test_fold_keeps_length_and_folds_what_patterns_need() -> None:
    text = "國務院辦公廳關於印發（試行）的通知　［２０２１］"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "国务院办公厅关于印发(试行)的通知 [2021]"


@pytest.mark.parametrize(
    ("org", "context", "issuer", "jurisdiction", "level"),
    [
        ("国发", "", "国务院", "中华人民共和国", "national"),
        ("国办发", "", "国务院办公厅", "中华人民共和国", "national"),
        ("中办发", "", "中共中央办公厅", "中华人民共和国", "national"),
        ("陕政发", "", "陕西省人民政府", "陕西省", "provincial"),
        ("陕政办发", "", "陕西省人民政府办公厅", "陕西省", "provincial"),
        ("宝政办发", "", "宝鸡市人民政府办公室", "宝鸡市", "prefecture"),
        ("内政发", "", "内蒙古自治区人民政府", "内蒙古自治区", "provincial"),
        ("巴政办字", "", "巴彦淖尔市人民政府办公室", "巴彦淖尔市", "prefecture"),
        ("青政发", "青铜峡市人民政府", "青铜峡市人民政府", "青铜峡市", "county"),
    ],
)
def test_resolve_prefix(org: str, context: str, issuer: str, jurisdiction: str, level: str) -> None:
    resolved = resolve_prefix(org, context)
    assert (resolved.issuer, resolved.jurisdiction, resolved.level) == (issuer, jurisdiction, level)


def test_ambiguous_abbreviation_is_settled_by_context() -> None:
    _, places, _ = tables()
    assert len(places["青"]) > 1  # 青海省, 青岛市, 青铜峡市 …
    assert resolve_prefix("青政发", "青岛市人民政府").jurisdiction == "青岛市"


@pytest.mark.parametrize(
    ("issuer", "jurisdiction", "level"),
    [
        ("宝鸡市人民政府", "宝鸡市", "prefecture"),
        ("中共青铜峡市委员会、青铜峡市人民政府", "青铜峡市", "county"),
        ("宝鸡市国家创新型试点城市建设工作领导小组办公室", "宝鸡市", "prefecture"),
        ("国务院", "中华人民共和国", "national"),
        ("教育部", "中华人民共和国", "national"),
        ("清河縣人民政府", "清河縣", "county"),
        ("巴彦淖尔市贯彻落实内蒙古自治区若干规定分工方案", "巴彦淖尔市", "prefecture"),
    ],
)
def test_resolve_issuer(issuer: str, jurisdiction: str, level: str) -> None:
    resolved = resolve_issuer(issuer)
    assert (resolved.jurisdiction, resolved.level) == (jurisdiction, level)
