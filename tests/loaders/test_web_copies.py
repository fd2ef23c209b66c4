"""Web copies, fragments and mirrors (issue 12): metadata blocks, page chrome, titles carrying their 文号,
incomplete numbers, dates with 年月日 lost, citations in odd forms, traditional and Taiwan-variant text."""

from __future__ import annotations

import pytest

from loaders import extract_text
from loaders.dates import parse_date_line
from loaders.layout import split_lines
from loaders.metadata import read_metadata
from loaders.text import fold

BODY = "一、加强组织领导。各部门要明确分工，到2025年建成示范点10个以上。（市发展改革委牵头，市财政局配合）\n"


def _meta(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    folded = fold(text)
    lines = split_lines(folded)
    m = read_metadata(text, folded, lines, 0, len(lines))
    return m.doc_no, m.issuer, m.date, m.title


@pytest.mark.parametrize(
    "block",
    [
        # label: value pairs, several on a line
        "索 引 号: 123/2024-01 主题分类: 城乡建设\n发文机关: 宝鸡市人民政府 成文日期: 2024年03月15日\n"
        "标  题: 宝鸡市人民政府关于做好绿化工作的通知\n发文字号: 宝政发〔2024〕3号\n",
        # | cells
        "索引号: | 123/2024-01 | 主题分类: | 城乡建设 |\n发布机构: | 宝鸡市人民政府 | 发文日期: | 2024-03-15 |\n"
        "名 称: | 宝鸡市人民政府关于做好绿化工作的通知 | ||\n文 号: | 宝政发〔2024〕3号 | 公开类型: | 主动公开 |\n",
        # one cell per line
        "索引号：\n123/2024-01\n发文机关：\n宝鸡市人民政府\n文号：\n宝政发〔2024〕3号\n成文日期：\n2024年03月15日\n"
        "标题：\n宝鸡市人民政府关于做好绿化工作的通知\n",
        # a law database's 【label】 lines
        "【发布部门】宝鸡市人民政府\n【发文字号】宝政发〔2024〕3号\n【成文日期】2024.03.15\n",
    ],
)
def test_metadata_block_in_every_layout(block: str) -> None:
    doc_no, issuer, date, title = _meta(block)
    assert (doc_no, issuer, date) == ("宝政发〔2024〕3号", "宝鸡市人民政府", "2024-03-15")
    assert title in (None, "宝鸡市人民政府关于做好绿化工作的通知")


def test_metadata_fills_a_fragment_and_yields_no_records() -> None:
    text = (
        "首页 > 政策文件\n索引号：\n123/2024-01\n发文机关：\n宝鸡市人民政府\n文号：\n宝政发〔2024〕3号\n"
        "成文日期：\n2024年03月15日\n发布时间：2024-03-18　浏览次数：2025\n各县区人民政府：\n" + BODY
    )
    result = extract_text(text, "t.txt")
    (doc,) = result.documents
    assert (doc.doc_no, doc.issuer, doc.date) == ("宝政发〔2024〕3号", "宝鸡市人民政府", "2024-03-15")
    assert [i.value for i in result.indicators] == [10]  # not the page's 2025 views, not 2024-01
    assert len(result.tasks) == 1


def test_title_carrying_its_doc_no_before_or_after() -> None:
    for head in (
        "宝政办发〔2023〕3号 宝鸡市人民政府办公室关于做好春耕工作的通知",
        "宝鸡市人民政府办公室关于做好春耕工作的通知（宝政办发〔2023〕3号）",
    ):
        text = f"{head}\n发布时间：2023-03-01\n各县区人民政府：\n{BODY}"
        (doc,) = extract_text(text, "t.txt").documents
        assert (doc.doc_no, doc.title) == ("宝政办发〔2023〕3号", "宝鸡市人民政府办公室关于做好春耕工作的通知")
        assert doc.issuer == "宝鸡市人民政府办公室"


def test_incomplete_doc_no_is_kept_as_printed() -> None:
    text = "沙县人民政府\n关于加快发展的实施意见\n沙政〔2012478\n各乡镇人民政府：\n" + BODY
    (doc,) = extract_text(text, "t.txt").documents
    assert doc.doc_no == "沙政〔2012478" and doc.title == "沙县人民政府关于加快发展的实施意见"


@pytest.mark.parametrize(("line", "iso"), [("2024327", "2024-03-27"), ("20240327", "2024-03-27"), ("2024111", None)])
def test_date_with_its_year_month_day_lost(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso  # 2024111: 1月11日 or 11月1日, so no date


def test_joint_issuers_run_together_in_a_title_are_split() -> None:
    text = (
        "中共宝鸡市委办公室宝鸡市人民政府办公室印发《关于加强基层治理的实施意见》的通知\n宝办发〔2022〕4号\n各县区：\n"
        + BODY
    )
    (doc,) = extract_text(text, "t.txt").documents
    assert doc.issuer == "中共宝鸡市委办公室、宝鸡市人民政府办公室"


def test_news_lead_announcing_the_document_is_no_document() -> None:
    lead = (
        "日前，宝鸡市人民政府印发《宝鸡市春耕生产实施方案》，对全年春耕生产作出部署，明确到2025年粮食产量稳定在150万吨以上。"
        * 3
    )
    doc = "宝鸡市人民政府关于印发宝鸡市春耕生产实施方案的通知\n宝政发〔2023〕3号\n各县区人民政府：\n" + BODY
    result = extract_text(lead + "全文如下：\n" + doc, "t.txt")
    assert [d.doc_no for d in result.documents] == ["宝政发〔2023〕3号"]
    assert [i.value for i in result.indicators] == [10]


def test_page_numbers_and_database_notes_are_not_content() -> None:
    text = (
        "宝鸡市人民政府关于加强供水管理的通知\n宝政发〔2015〕9号\n各县区人民政府：\n" + BODY + "— 2 —\n"
        "【注】本篇法规已被《宝鸡市人民政府关于废止部分规范性文件的决定》（宝政发〔2020〕12号）宣布失效。\n"
    )
    result = extract_text(text, "t.txt")
    assert result.citations == []
    assert "失效" not in result.tasks[0].text and "— 2 —" not in result.tasks[0].text


def _cites(body: str) -> list[tuple[str | None, str | None, str]]:
    text = (
        "宝鸡市人民政府关于加强安全生产的通知\n宝政发〔2020〕5号\n各县区人民政府：\n"
        + body
        + "\n宝鸡市人民政府\n2020年3月1日\n"
    )
    return [(c.cited_no, c.cited_title, c.relation) for c in extract_text(text, "t.txt").citations]


def test_regulations_cited_by_their_ling_number() -> None:
    assert _cites("根据《生产安全事故应急条例》（国务院令第708号）和国务院令第493号，制定本通知。") == [
        ("国务院令第708号", "生产安全事故应急条例", "implements"),
        ("国务院令第493号", None, "implements"),
    ]


def test_plans_still_to_be_written_are_not_cited() -> None:
    body = "加快出台《宝鸡市安全生产规划》。参与《宝鸡市应急体系规划》编制。修订《宝鸡市安全生产管理办法》。"
    assert _cites(body) == [(None, "宝鸡市安全生产管理办法", "cites")]


def test_odd_brackets_spaces_and_broken_numbers() -> None:
    body = "依照《陕西省安全生产条例》（陕政发[2019] 12 号），„陕西省应急预案管理办法‟（陕政办发〔2018〕号）执行。"
    assert _cites(body) == [
        ("陕政发〔2019〕12号", "陕西省安全生产条例", "implements"),
        ("陕政办发〔2018〕号", "陕西省应急预案管理办法", "implements"),
    ]


def test_the_same_title_with_its_issuers_written_before_is_one_citation() -> None:
    body = "贯彻落实《关于加强街道工作的意见》，按照《中共宝鸡市委宝鸡市人民政府关于加强街道工作的意见》要求。"
    assert _cites(body) == [(None, "关于加强街道工作的意见", "implements")]


def test_taiwan_variant_wording_is_folded_for_matching_only() -> None:
    text = "寶雞市人民政府關於印發數位經濟行動計畫的通知\n寶政發〔2023〕3號\n各縣區人民政府：\n一、建設網路。到2025年建成基站100萬個。（市工業和資訊化局牽頭）\n寶雞市人民政府\n2023年5月1日\n"
    result = extract_text(text, "t.txt")
    (doc,) = result.documents
    assert doc.title == "寶雞市人民政府關於印發數位經濟行動計畫的通知" and doc.doc_type == "通知"
    (ind,) = result.indicators
    assert ind.unit == "萬個" and text[ind.span[0] : ind.span[1]] == ind.text
    assert result.tasks[0].departments[0].mention == "市工業和資訊化局"


NOTICE_TAIL = (
    "各乡镇人民政府，区直属有关单位：\n《关于推动经济高质量发展若干政策举措（2025年版）》已经区政府同意，现印发给你们。\n"
    "金华市婺城区人民政府\n2025年4月1日\n"
)


@pytest.mark.parametrize("heading", ["关于推动经济高质量发展若干政策举措\n（2025年版）\n", ""])
def test_titleless_notice_issuing_a_plan_headed_with_guanyu(heading: str) -> None:
    # the plan's heading (or, without it, the 《X》 the notice issues) is the subject, never the title
    text = NOTICE_TAIL + heading + "一、强化科技创新（区科技局牵头）\n2025年，力争全社会研发投入强度达到2.95%。\n"
    (doc,) = extract_text(text, "t.txt").documents
    assert doc.title is None and doc.issuer == "金华市婺城区人民政府" and doc.date == "2025-04-01"
    assert doc.subject == "关于推动经济高质量发展若干政策举措（2025年版）"


def test_labels_in_the_text_of_a_fragment_are_no_metadata() -> None:
    text = (
        "各县区人民政府：\n为做好项目申报，现将有关事项通知如下，请认真组织实施并按时报送。\n"
        "名称：宝鸡市重点项目申报表\n文号：按申报批次填写\n发文机关：各县区发展改革部门\n" + BODY
    )
    (doc,) = extract_text(text, "t.txt").documents
    assert (doc.doc_no, doc.title, doc.issuer) == (None, None, None)


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("【法宝引证码】CLI.12.851234", True),
        ("【时效性】失效", True),
        ("本篇法规已被《X的决定》（宝政发〔2020〕12号）宣布失效。", True),
        ("— 3 —", True),
        ("【责任单位】市水利局", False),
        ("【重点任务】", False),
        ("12", False),  # a table cell, not a page number
    ],
)
def test_database_notes_and_page_numbers(line: str, note: bool) -> None:
    from loaders.layout import is_page_no_or_note

    assert is_page_no_or_note(line) is note


def test_a_line_printed_twice_above_the_text_is_its_title() -> None:
    text = "宝鸡市2024年城市园林绿化重点工作安排\n发布时间：2024-03-18\n宝鸡市2024年城市园林绿化重点工作安排\n" + BODY
    (doc,) = extract_text(text, "t.txt").documents
    assert doc.title == "宝鸡市2024年城市园林绿化重点工作安排"


def test_a_law_databases_enactment_date_stands_in_for_the_signing_date() -> None:
    assert _meta("颁布时间:2016-04-06 00:00:00.000 发文单位:国务院办公厅\n")[1:3] == ("国务院办公厅", "2016-04-06")
    both = "发布日期：2023年3月9日\n成文日期：2023年3月3日\n颁布日期：2023年3月1日\n"
    assert _meta(both)[2] == "2023-03-03"  # a site's publishing date is never the signing date


def test_the_tail_of_a_previous_text_that_says_recently_is_still_a_document() -> None:
    tail = "（三）强化督查。市政府督查室要加强跟踪问效，定期通报各项任务进展情况，确保取得实效，形成长效机制。\n" * 4
    tail += "近期，各县区要对照任务清单开展自查，发现问题及时整改，整改情况于每季度末报市政府督查室备案。\n"
    doc = "宝鸡市人民政府关于做好春耕工作的通知\n宝政发〔2023〕3号\n各县区人民政府：\n" + BODY
    assert [d.doc_no for d in extract_text(tail + doc, "t.txt").documents] == [None, "宝政发〔2023〕3号"]


def test_a_repeated_table_header_is_no_title() -> None:
    row = "1 | 建设示范点10个 | 市发展改革委 | 2025年底前\n"
    header = "序号 | 工作任务 | 责任单位 | 完成时限\n"
    (doc,) = extract_text(header + row + header + row, "t.txt").documents
    assert doc.title is None


def test_a_long_plan_heading_above_the_body_is_the_title() -> None:
    heading = "宝鸡市全面推进城乡一体化发展加快建设生态宜居美丽乡村和特色小镇以及现代农业园区的三年行动实施方案"
    (doc,) = extract_text(heading + "\n" + BODY, "t.txt").documents
    assert len(heading) >= 40 and doc.title == heading
