"""Deadlines: explicit dates, relative words, quarters, periods, recurring and open-ended markers."""

from __future__ import annotations

import time

import pytest

from loaders.deadlines import Deadline, bracket_spans, find_deadline, find_deadlines


def _dates(text: str, doc_year: int | None = 2018) -> list[tuple[str | None, str, bool]]:
    return [(d.date, d.words, d.recurring) for d in find_deadlines(text, doc_year=doc_year)]


@pytest.mark.parametrize(
    ("text", "date", "words"),
    [
        ("到2025年，制定地方标准280项", "2025-12-31", "到2025年"),
        ("到 2025 年，", "2025-12-31", "到 2025 年"),
        ("2022年10月底前完成", "2022-10-31", "2022年10月底前"),
        ("2023年6月30日前报送", "2023-06-30", "2023年6月30日前"),
        ("于2018年6月10日前将实施方案报送", "2018-06-10", "于2018年6月10日前"),
        ("于2023年底前完成", "2023-12-31", "于2023年底前"),
        ("2025年底前全面建成", "2025-12-31", "2025年底前"),
        ("力争到2018年年底完成", "2018-12-31", "到2018年年底"),
        ("2023年上半年启动", "2023-06-30", "2023年上半年"),
        ("2024年第三季度完成", "2024-09-30", "2024年第三季度"),
        ("2019年12月完成70%以上", "2019-12-31", "2019年12月"),
        ("2024年2月底前", "2024-02-29", "2024年2月底前"),
        ("2023年5月中旬前", "2023-05-20", "2023年5月中旬前"),
        ("二〇二五年底前", "2025-12-31", "二〇二五年底前"),
        ("2021—2025年，实施", "2025-12-31", "2021—2025年"),
        ("（2019年1月至2020年10月）", "2020-10-31", "至2020年10月"),
        ("强化“十四五”期间立法", "2025-12-31", "“十四五”期间"),
    ],
)
def test_explicit_dates(text: str, date: str, words: str) -> None:
    found = find_deadline(text, doc_year=2018)
    assert found is not None and (found.date, found.words) == (date, words)


@pytest.mark.parametrize(
    ("text", "date", "words"),
    [
        ("年内完成", "2018-12-31", "年内"),
        ("年底前建成", "2018-12-31", "年底前"),
        ("年底评选推广先进操作法", "2018-12-31", "年底"),
        ("今年计划再选树10个", "2018-12-31", "今年"),
        ("全年完成技术合同成交额", "2018-12-31", "全年"),
        ("本年度完成", "2018-12-31", "本年度"),
        ("上半年完成", "2018-06-30", "上半年"),
        ("下半年完成", "2018-12-31", "下半年"),
        ("第三季度启动", "2018-09-30", "第三季度"),
        ("一季度末前", "2018-03-31", "一季度末前"),
        ("10月底前完成", "2018-10-31", "10月底前"),
        ("十月底前完成", "2018-10-31", "十月底前"),
        ("6月30日前完成", "2018-06-30", "6月30日前"),
        ("9月份全力配合", "2018-09-30", "9月份"),
        ("明年底前建成", "2019-12-31", "明年底前"),
        ("两年内实现全覆盖", "2019-12-31", "两年内"),
        ("力争3年内完成", "2020-12-31", "3年内"),
    ],
)
def test_relative_words_use_the_document_year(text: str, date: str, words: str) -> None:
    found = find_deadline(text, doc_year=2018)
    assert found is not None and (found.date, found.words) == (date, words)


def test_relative_words_without_a_document_year_have_no_date() -> None:
    assert _dates("年内完成", doc_year=None) == [(None, "年内", False)]
    assert _dates("10月底前完成", doc_year=None) == [(None, "10月底前", False)]


@pytest.mark.parametrize(
    ("text", "words", "recurring"),
    [
        ("试点期间新增贯标企业30家", "试点期间", False),
        ("长期在新闻媒体进行宣传", "长期", False),
        ("持续推进绿色宝鸡建设", "持续推进", False),
        ("长期坚持", "长期坚持", True),
        ("每年组织1次调查", "每年", True),
        ("每季度通报一次", "每季度", True),
        ("每月召开1次", "每月", True),
        ("每半年召开1次", "每半年", True),
        ("定期听取汇报", "定期", True),
        ("逐年提高", "逐年", True),
        ("常态化开展督查", "常态化", True),
        ("一月一总结", "一月一", True),
    ],
)
def test_undated(text: str, words: str, recurring: bool) -> None:
    assert _dates(text) == [(None, words, recurring)]


def test_recurring_marker_merges_with_the_date_after_it() -> None:
    assert _dates("每年6月底前报送") == [("2018-06-30", "每年6月底前", True)]
    assert _dates("每年在6月底前完成") == [("2018-06-30", "每年在6月底前", True)]


@pytest.mark.parametrize(
    "text",
    [
        "其他断面水质不低于2017年水平",
        "规上工业能耗比2020年下降4%",
        "做好2017年度监测指标的统计",
        "渭南市人民政府\n\n2023年7月27日\n",
        "使研发投入占当年销售收入的比重增长20%",
        "去年年底",
        "上年同期",
        "印发《宝鸡市规划（2021—2025年）》的通知",
        "聚焦“宝鸡市水污染防治2018年度工作方案”",
        "纳入经济和社会发展中长期规划",
        "长期以来",
        "组织开展2018年宝鸡市文化科技卫生“三下乡”活动",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text, doc_year=2018) == []


def test_a_year_opening_a_clause_is_a_deadline() -> None:
    assert _dates("2018年选树15个市级工人先锋号") == [("2018-12-31", "2018年", False)]
    assert _dates("其中2018年达到40%,2019年达到70%") == [
        ("2018-12-31", "2018年", False),
        ("2019-12-31", "2019年", False),
    ]


def test_find_deadline_takes_the_latest_dated_one_and_keeps_recurrence() -> None:
    found = find_deadline("每年组织评估，2022年底前完成试点，2025年全面推广", doc_year=2021)
    assert found is not None
    assert (found.date, found.words, found.recurring) == ("2025-12-31", "2025年", True)
    only_open = find_deadline("试点期间持续推进", doc_year=2021)
    assert only_open is not None and (only_open.date, only_open.words) == (None, "试点期间")
    assert find_deadline("加强组织领导", doc_year=2021) is None


def test_offsets() -> None:
    text = "①年内完成，2022年10月底前验收。"
    found = find_deadlines(text, offset=50, doc_year=2022)
    assert [d.words for d in found] == ["年内", "2022年10月底前"]
    for d in found:
        assert text[d.start - 50 : d.end - 50] == d.words
    assert isinstance(found[0], Deadline)


def test_bracket_spans() -> None:
    text = "围绕“1553”行动计划，贯彻《纲要》，未闭合“开放"
    spans = bracket_spans(text)
    assert [text[s:e] for s, e in spans] == ["“1553”", "《纲要》"]


def test_pathological_inputs_finish_quickly() -> None:
    inputs = ["1" * 100_000, "、" * 100_000, "，2018年" * 20_000, "每年" * 50_000, "10月底前" * 20_000, "于" * 100_000]
    for text in inputs:
        started = time.perf_counter()
        find_deadlines(text, doc_year=2018)
        find_deadline(text, doc_year=2018)
        assert time.perf_counter() - started < 5, text[:20]
