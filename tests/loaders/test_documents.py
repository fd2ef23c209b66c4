"""Splitting text into documents: the layouts GB/T 9704 allows and gazettes print."""

from __future__ import annotations

from loaders import extract_text

BODY = (
    "各县、区人民政府，市政府各工作部门：\n\n现将有关事项通知如下，请认真贯彻落实。\n\n宝鸡市人民政府\n\n2023年2月1日\n"
)


def _docs(text: str) -> list[tuple[str | None, str]]:
    return [(d.doc_no, d.title) for d in extract_text(text, "t.txt").documents]


def test_title_above_docno() -> None:
    assert _docs("宝鸡市人民政府关于做好春耕工作的通知\n\n宝政发〔2023〕3号\n\n" + BODY) == [
        ("宝政发〔2023〕3号", "宝鸡市人民政府关于做好春耕工作的通知")
    ]


def test_masthead_docno_then_title_over_blank_separated_lines() -> None:
    text = (
        "宝鸡市人民政府文件\n\n宝政发〔2023〕3号\n\n\n宝鸡市人民政府关于印发\n\n《宝鸡市春耕工作方案》的通知\n\n" + BODY
    )
    ((no, title),) = _docs(text)
    assert no == "宝政发〔2023〕3号" and title == "宝鸡市人民政府关于印发《宝鸡市春耕工作方案》的通知"
    doc = extract_text(text, "t.txt").documents[0]
    assert doc.span[0] == 0  # the document starts at its masthead


def test_contents_without_page_numbers_is_not_a_document() -> None:
    toc = "目录\n\n宝鸡市人民政府关于做好春耕工作的通知\n宝政发〔2023〕3号\n\n宝鸡市人民政府关于做好防汛工作的通知\n宝政发〔2023〕4号\n\n"
    doc3 = "宝鸡市人民政府关于做好春耕工作的通知\n\n宝政发〔2023〕3号\n\n" + BODY
    doc4 = "宝鸡市人民政府关于做好防汛工作的通知\n\n宝政发〔2023〕4号\n\n" + BODY
    docs = extract_text(toc + doc3 + doc4, "t.txt").documents
    assert [d.doc_no for d in docs] == ["宝政发〔2023〕3号", "宝政发〔2023〕4号"]
    assert docs[0].span[0] == len(toc)


def test_a_reprinted_document_is_kept_twice_with_one_id() -> None:
    doc = "宝鸡市人民政府关于做好春耕工作的通知\n\n宝政发〔2023〕3号\n\n" + BODY
    docs = extract_text(doc + "\n" + doc, "t.txt").documents
    assert len(docs) == 2 and docs[0].doc_id == docs[1].doc_id


def test_running_page_header_is_not_a_document() -> None:
    header = "宝鸡市人民政府关于深入开展爱国卫生运动的实施意见"
    text = (
        f"{header}\n\n宝政发〔2022〕20号\n\n各县、区人民政府：\n\n一、总体要求。坚持预防为主，推进爱国卫生运动。\n\n"
        f"{header}\n\n二、重点任务。开展城乡环境卫生整治，推进垃圾分类工作落实到位。\n\n宝鸡市人民政府\n\n2022年12月20日\n"
    )
    assert _docs(text) == [("宝政发〔2022〕20号", header)]


def test_untitled_document_needs_a_signature() -> None:
    unsigned = "渭南市人民政府关于禁止燃放烟花爆竹的公告\n\n为保障公共安全，市政府决定在中心城区禁止燃放烟花爆竹，请广大市民自觉遵守。\n"
    assert _docs(unsigned) == []
    signed = unsigned + "\n渭南市人民政府\n2023年12月15日\n"
    assert _docs(signed) == [(None, "渭南市人民政府关于禁止燃放烟花爆竹的公告")]


def test_direct_opinion_signed_at_the_end() -> None:
    text = (
        "宝鸡市人民政府关于深入开展爱国卫生运动的实施意见\n\n宝政发〔2022〕20号\n\n各县、区人民政府：\n\n"
        "为贯彻落实《国务院关于深入开展爱国卫生运动的意见》（国发〔2020〕15号），提出如下意见。\n\n"
        "一、总体要求。到2025年，城乡环境卫生水平明显提升，健康生活方式普遍推行。\n\n宝鸡市人民政府\n\n2022年12月20日\n"
    )
    (doc,) = extract_text(text, "t.txt").documents
    assert (doc.issuer, doc.date, doc.doc_type) == ("宝鸡市人民政府", "2022-12-20", "实施意见")
    assert doc.subject == doc.title
