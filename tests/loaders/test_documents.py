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


def test_unsigned_titled_text_is_read_as_one_document() -> None:
    unsigned = "渭南市人民政府关于禁止燃放烟花爆竹的公告\n\n为保障公共安全，市政府决定在中心城区禁止燃放烟花爆竹，请广大市民自觉遵守。\n"
    result = extract_text(unsigned, "t.txt")
    assert _docs(unsigned) == [(None, "渭南市人民政府关于禁止燃放烟花爆竹的公告")]
    assert [w.code for w in result.warnings if w.code == "W201"] == ["W201"]
    assert "untitled document" in result.warnings[0].message
    signed = unsigned + "\n渭南市人民政府\n2023年12月15日\n"
    (doc,) = extract_text(signed, "t.txt").documents
    assert (doc.title, doc.issuer, doc.date) == (
        "渭南市人民政府关于禁止燃放烟花爆竹的公告",
        "渭南市人民政府",
        "2023-12-15",
    )


def test_headerless_fragment_is_one_document_with_a_stable_file_id() -> None:
    text = (
        "一、强化创新。支持企业建设研发机构，到2025年新增省级研发平台10家以上。（市科技局牵头，市财政局配合）\n"
        "二、优化服务。推行一网通办，审批时限压缩至5个工作日以内。（市政务服务中心负责）\n"
    )
    first = extract_text(text, "dir/frag.txt")
    (doc,) = first.documents
    assert (doc.doc_no, doc.title, doc.subject, doc.issuer, doc.date) == (None, None, None, None, None)
    assert doc.doc_id.startswith("doc:frag.txt:") and doc.doc_id.endswith(":L1")
    assert extract_text(text, "other/frag.txt").documents[0].doc_id == doc.doc_id  # the path does not matter
    assert extract_text(text + "三、", "frag.txt").documents[0].doc_id != doc.doc_id  # another text, another id
    assert first.coverage == 1.0
    assert {t.doc_id for t in first.tasks} == {doc.doc_id} and len(first.tasks) == 2
    assert any(i.value == 10 for i in first.indicators)


def test_notice_without_its_title_gives_the_plan_as_subject() -> None:
    text = (
        "各区县人民政府，市政府各部门：\n"
        "《宝鸡市春耕生产实施方案》已经市政府同意，现印发给你们，请认真贯彻执行。\n"
        "宝鸡市人民政府办公室\n2024年3月1日\n（此件公开发布）\n"
        "宝鸡市春耕生产\n实施方案\n"
        "为做好春耕生产工作，制定本方案。\n一、目标。全年粮食播种面积稳定在300万亩以上。\n"
    )
    (doc,) = extract_text(text, "t.txt").documents
    assert (doc.doc_no, doc.title) == (None, None)
    assert (doc.subject, doc.issuer, doc.date) == ("宝鸡市春耕生产实施方案", "宝鸡市人民政府办公室", "2024-03-01")


def test_plan_heading_without_notice_is_title_and_subject() -> None:
    text = (
        "首页 > 政策文件\n《宝鸡市促进消费若干措施》\n发布时间：2024-01-02\n" + "为促进消费，制定以下措施。" * 20 + "\n"
    )
    (doc,) = extract_text(text, "t.txt").documents
    assert (doc.title, doc.subject) == ("宝鸡市促进消费若干措施", "宝鸡市促进消费若干措施")


def test_substantial_text_before_the_first_document_is_not_dropped() -> None:
    lead = "一、加强组织领导。各部门要高度重视，明确分工，落实责任，确保各项任务按期完成，形成工作合力。\n" * 5
    doc = "宝鸡市人民政府关于做好春耕工作的通知\n\n宝政发〔2023〕3号\n\n" + BODY
    result = extract_text(lead + doc, "t.txt")
    assert [d.doc_no for d in result.documents] == [None, "宝政发〔2023〕3号"]
    assert result.documents[0].span == (0, len(lead) - 1)
    assert result.coverage == 1.0
    short = extract_text("当前位置：首页\n\n" + doc, "t.txt")  # a little chrome is no document
    assert [d.doc_no for d in short.documents] == ["宝政发〔2023〕3号"] and short.coverage < 1.0


def test_direct_opinion_signed_at_the_end() -> None:
    text = (
        "宝鸡市人民政府关于深入开展爱国卫生运动的实施意见\n\n宝政发〔2022〕20号\n\n各县、区人民政府：\n\n"
        "为贯彻落实《国务院关于深入开展爱国卫生运动的意见》（国发〔2020〕15号），提出如下意见。\n\n"
        "一、总体要求。到2025年，城乡环境卫生水平明显提升，健康生活方式普遍推行。\n\n宝鸡市人民政府\n\n2022年12月20日\n"
    )
    (doc,) = extract_text(text, "t.txt").documents
    assert (doc.issuer, doc.date, doc.doc_type) == ("宝鸡市人民政府", "2022-12-20", "实施意见")
    assert doc.subject == doc.title
