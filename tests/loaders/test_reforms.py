"""data/reforms.tsv: every former name has one sourced step, chains end at a lexicon body or say abolished."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.lexicon import lexicon
from loaders.reforms import level_of, lineage, read_reforms, reforms, successor_name


def test_every_former_name_has_exactly_one_sourced_step() -> None:
    lex, table = lexicon(), reforms()
    former = {name for name, (_, is_former) in lex.index.items() if is_former}
    assert former == set(table.by_name)
    for step in table.steps:
        assert step.year >= 2013 and step.basis and step.levels


def test_no_successor_names_a_body_outside_the_lexicon() -> None:
    lex = lexicon()
    for name, (body, is_former) in lex.index.items():
        found = lineage(name, body.function, is_former)
        if is_former:
            assert found is not None, name
        if found is not None and found.final is not None:
            assert lex.by_function[found.final.function] is found.final
            assert found.final.function not in reforms().by_function  # the end of the chain merges no further


@pytest.mark.parametrize(
    ("name", "function", "former", "final", "years"),
    [
        ("宝鸡市卫计局", "卫生健康", True, "卫生健康委员会", [2018]),
        ("市卫生局", "卫生健康", True, "卫生健康委员会", [2013, 2018]),
        ("宝鸡市国税局", "税务", True, "税务局", [2018]),
        ("县扶贫办", "乡村振兴", True, "农业农村局", [2021, 2023]),
        ("县乡村振兴局", "乡村振兴", False, "农业农村局", [2023]),
        ("人行宝鸡市中心支行", "人民银行", True, "中国人民银行分行", [2023]),
        ("人民银行青铜峡市支行", "人民银行", True, None, [2023]),
    ],
)
def test_chains_resolve_to_the_last_body(
    name: str, function: str, former: bool, final: str | None, years: list[int]
) -> None:
    found = lineage(name, function, former)
    assert found is not None
    assert [s.year for s in found.steps] == years
    assert (found.final.canonical if found.final else None) == final
    assert successor_name(name, function, former) == final
    assert found.text().startswith(name) and all(s.basis in found.text() for s in found.steps)
    if final is None:
        assert found.abolished and "无承接机构" in found.text()


def test_the_level_decides_where_a_step_was_carried_out() -> None:
    # a city's branch printed as 支行 went to the city branch; a county's was abolished with no local successor
    assert successor_name("人民银行巴彦淖尔支行", "人民银行", True, "市") == "中国人民银行分行"
    found = lineage("人行青铜峡支行", "人民银行", True, "县")
    assert found is not None and found.abolished
    assert level_of("青铜峡市") == "县" and level_of("巴彦淖尔市") == "市" and level_of("无此地") is None


def test_current_bodies_have_no_lineage() -> None:
    assert lineage("宝鸡市自然资源和规划局", "自然资源", False) is None  # ends in 规划局, but is today's name
    assert lineage("宝鸡市卫健委", "卫生健康", False) is None


def test_bad_tables_are_refused(tmp_path: Path) -> None:
    header = "former\tsuccessor\tlevels\tyear\tbasis\tnote\n"
    cases = {
        "unknown": "不存在局\t卫生健康\t市\t2018\t方案\t\n",
        "level": "卫计局\t卫生健康\t乡\t2018\t方案\t\n",
        "twice": "卫计局\t卫生健康\t市\t2018\t方案\t\n卫计局\t卫生健康\t市\t2018\t方案\t\n",
        "successor": "卫计局\t不存在\t市\t2018\t方案\t\n",
        "loop": "卫计局\t卫计委\t市\t2018\t方案\t\n卫计委\t卫计局\t市\t2018\t方案\t\n",
        "basis": "卫计局\t卫生健康\t市\t2018\t\t\n",
    }
    for case, body in cases.items():
        path = tmp_path / f"{case}.tsv"
        path.write_text(header + body, encoding="utf-8")
        with pytest.raises(ValueError):
            read_reforms(path)
