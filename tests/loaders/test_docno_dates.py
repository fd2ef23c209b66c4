"""The 文号 and date parsers."""

from __future__ import annotations

import pytest

from loaders.dates import parse_date, parse_date_line
from loaders.docno import find_doc_nos, normalize_doc_no, parse_doc_no
from loaders.numerals import read_number
from loaders.text import fold


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [
        ("宝政发[2022]17号", "宝政发〔2022〕17号"),
        ("渭政办发 [2023] 21 号", "渭政办发〔2023〕21号"),
        ("渭政发（2023） 5号", "渭政发〔2023〕5号"),
        ("陕政发〔2022〕16号", "陕政发〔2022〕16号"),
        ("国办发【2019】3号", "国办发〔2019〕3号"),
        ("巴政办字﹝2018﹞55号", "巴政办字〔2018〕55号"),
        ("宝市创新办发〔2018〕04号", "宝市创新办发〔2018〕4号"),
        ("国发［２０２１］７号", "国发〔2021〕7号"),
        ("清政發〔2020〕15號", "清政發〔2020〕15號"),
        ("国办发明电〔2022〕10号", "国办发明电〔2022〕10号"),
    ],
)
def test_normalize_doc_no(printed: str, normalized: str) -> None:
    assert normalize_doc_no(printed) == normalized


def test_doc_no_key_folds_traditional() -> None:
    parsed = parse_doc_no("清政發〔2020〕15號")
    assert parsed is not None and parsed.key == "清政发〔2020〕15号"


@pytest.mark.parametrize(
    ("prose", "found"),
    [
        ("按照陕政发〔2022〕16号文件要求", ["陕政发〔2022〕16号"]),
        ("将农村自建房安全管理与渭政发〔2023〕5号文件部署的", ["渭政发〔2023〕5号"]),
        ("（国发〔2020〕15号）和（陕政发〔2021〕18号）", ["国发〔2020〕15号", "陕政发〔2021〕18号"]),
        ("到2025年完成", []),
        ("第3号令", []),
    ],
)
def test_find_doc_nos_in_prose(prose: str, found: list[str]) -> None:
    assert [d.normalized for d in find_doc_nos(fold(prose))] == found


def test_doc_no_none_and_garbage() -> None:
    assert normalize_doc_no(None) is None
    assert normalize_doc_no(" 无 文号 ") == "无文号"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年7月27日", "2023-07-27"),
        ("二〇二一年十二月十五日", "2021-12-15"),
        ("二○二二年四月六日", "2022-04-06"),
        ("二〇二〇年十月三十一日", "2020-10-31"),
        ("2021 年 12 月 5 日", "2021-12-05"),
        ("２０１８年５月２３日", "2018-05-23"),
        ("2023年2月30日", None),
        ("到2025年底", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(fold(text)) == iso


def test_date_line_only_whole_lines() -> None:
    assert parse_date_line("  2018年5月23日 ") == "2018-05-23"
    assert parse_date_line("(2021年12月15日)") == "2021-12-15"
    assert parse_date_line("于2018年5月底前完成") is None
    assert parse_date_line("2018年11月30日前完成。") is None


@pytest.mark.parametrize(
    ("text", "value"), [("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("二〇二一", 2021), ("07", 7)]
)
def test_read_number(text: str, value: int) -> None:
    assert read_number(text) == value
