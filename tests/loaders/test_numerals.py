"""The one Chinese-numeral reader (loaders/numerals.py) that dates, deadlines and indicators share."""

from __future__ import annotations

import pytest

from loaders.numerals import read_number, read_positional, read_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [("三", 3), ("十", 10), ("十二", 12), ("二十一", 21), ("两百", 200), ("一千零五", 1005), ("三千五百", 3500)],
)
def test_positional(text: str, value: int) -> None:
    assert read_positional(text) == value


@pytest.mark.parametrize("text", ["二〇一八", "五一", "十五五"])
def test_two_digits_in_a_row_are_no_quantity(text: str) -> None:
    assert read_positional(text) is None


@pytest.mark.parametrize(
    ("token", "expected"),
    [("五千亿", (5000.0, "亿")), ("一万", (1.0, "万")), ("两", (2.0, "")), ("三十万亿", (30.0, "万亿")), ("零", None)],
)
def test_quantity_keeps_wan_and_yi_for_the_unit(token: str, expected: tuple[float, str] | None) -> None:
    assert read_quantity(token) == expected


@pytest.mark.parametrize(("text", "value"), [("二〇二一", 2021), ("二O二三", 2023), ("07", 7), ("三十一", 31)])
def test_date_numbers(text: str, value: int) -> None:
    assert read_number(text) == value
