"""Tests for loaders/scoring.py: normalisation, loading, matching and counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from loaders.scoring import (
    PRF,
    ScoreReport,
    load_gold,
    load_jsonl,
    normalize_doc_no,
    normalize_title,
    score,
)

Record = dict[str, Any]

ROOT = Path(__file__).resolve().parents[2]
NO = "渭政发〔2023〕16号"
SOURCE = "data/corpus/plan.txt"


def doc(
    doc_no: str | None = NO,
    title: str = "关于印发《某方案》的通知",
    scored: bool = True,
) -> Record:
    return {
        "kind": "document",
        "doc_no": doc_no,
        "title": title,
        "subject": "某方案",
        "issuer": "渭南市人民政府",
        "date": "2023-07-27",
        "scored": scored,
    }


def cit(
    cited_no: str | None,
    cited_title: str | None,
    relation: str = "implements",
    doc_no: str | None = NO,
) -> Record:
    return {
        "kind": "citation",
        "doc_no": doc_no,
        "cited_no": cited_no,
        "cited_title": cited_title,
        "relation": relation,
    }


def dept(name: str, role: str = "responsible", mention: str | None = None) -> Record:
    return {"mention": mention or name, "name": name, "role": role}


def task(anchor: str, *depts: Record, doc_no: str | None = NO) -> Record:
    return {
        "kind": "task",
        "doc_no": doc_no,
        "anchor": anchor,
        "departments": list(depts),
    }


def ind(
    anchor: str,
    value: float,
    unit: str,
    comparator: str = ">=",
    year: int | None = 2025,
    value_max: float | None = None,
    doc_no: str | None = NO,
) -> Record:
    record = {
        "kind": "indicator",
        "doc_no": doc_no,
        "anchor": anchor,
        "value": value,
        "unit": unit,
        "comparator": comparator,
        "year": year,
    }
    if value_max is not None:
        record["value_max"] = value_max
    return record


def predicted(records: list[Record], source: str = SOURCE) -> list[Record]:
    """Gold records in the predicted shape: anchor -> text, plus source and span."""
    out = []
    for record in records:
        row = {k: v for k, v in record.items() if k != "scored"}
        if "anchor" in row:
            row["text"] = row.pop("anchor")
        row["source"] = source
        row["span"] = [0, 1]
        out.append(row)
    return out


def small_gold() -> list[Record]:
    return [
        doc(),
        cit("陕政发〔2022〕16号", "关于贯彻落实<国家标准化发展纲要>的实施意见"),
        cit(None, "国家标准化发展纲要"),
        task("推动企业实施标准化战略", dept("市市场监管局"), dept("市工业和信息化局")),
        task("加强先进制造业标准支撑", dept("市科技局", "lead")),
        ind("培育3个以上企业标准“领跑者”", 3, "个", ">=", None),
        ind("确保1-2家企业通过验收", 1, "家", "range", 2025, value_max=2),
    ]


def assert_perfect(report: ScoreReport) -> None:
    for prf in (
        report.documents,
        report.citations,
        report.tasks,
        report.assignments,
        report.indicators_detected,
        report.indicators_complete,
    ):
        assert (prf.fp, prf.fn) == (0, 0)
        assert prf.precision == prf.recall == prf.f1 == 1.0
    for correct, total in [
        *report.document_fields.values(),
        report.citation_relation,
        report.roles,
    ]:
        assert correct == total


# --- normalisation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "printed",
    [
        "渭政发〔2023〕16号",
        "渭政发[2023]16号",
        "渭政发【2023】16号",
        "渭政发(2023)16号",
        "渭政发（2023）16号",
        "渭政发［2023］16号",
        "渭政发﹝2023﹞16号",
        "渭政发〖2023〗16号",
        "渭政发 〔2023〕 16 号",
        "渭政发\n[2023]\u300016号",
        "渭政发（２０２３）１６号",
    ],
)
def test_normalize_doc_no(printed: str) -> None:
    assert normalize_doc_no(printed) == NO


def test_normalize_none_stays_none() -> None:
    assert normalize_doc_no(None) is None
    assert normalize_title(None) is None


def test_normalize_title() -> None:
    expected = "关于贯彻落实国家标准化发展纲要的实施意见"
    for printed in [
        "关于贯彻落实<国家标准化发展纲要>的实施意见",
        "关于贯彻落实〈国家标准化发展纲要〉的实施意见",
        "《关于贯彻落实《国家标准化\n发展纲要》的实施意见》",
        "关于贯彻落实「国家 标准化发展纲要」的实施意见",
        "关于贯彻落实“国家标准化发展纲要”的实施意见",
        '关于贯彻落实"国家标准化发展纲要"的‹实施意见›',
    ]:
        assert normalize_title(printed) == expected


# --- PRF ---------------------------------------------------------------------------


def test_prf_values_and_zero_conventions() -> None:
    prf = PRF(tp=2, fp=1, fn=1)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 3)
    assert prf.f1 == pytest.approx(2 / 3)
    assert (PRF(0, 0, 0).precision, PRF(0, 0, 0).recall, PRF(0, 0, 0).f1) == (
        1.0,
        1.0,
        1.0,
    )
    assert (PRF(0, 0, 3).precision, PRF(0, 0, 3).recall, PRF(0, 0, 3).f1) == (
        0.0,
        0.0,
        0.0,
    )
    assert (PRF(0, 2, 0).precision, PRF(0, 2, 0).recall) == (0.0, 0.0)


# --- loading -----------------------------------------------------------------------


def write_jsonl(path: Path, records: list[Record]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def test_load_jsonl_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"kind": "document"}\n\n{"kind": "task"}\n', encoding="utf-8")
    assert load_jsonl(path) == [{"kind": "document"}, {"kind": "task"}]


def test_load_jsonl_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"kind": "document"}\n{"kind": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.jsonl:2"):
        load_jsonl(path)
    path.write_text('{"kind": "document"}\n\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.jsonl:3"):
        load_jsonl(path)


def test_load_gold_file_and_directory(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "plan.jsonl", small_gold())
    write_jsonl(tmp_path / "other.jsonl", [doc("陕政发〔2022〕16号")])
    (tmp_path / "notes.md").write_text("not gold", encoding="utf-8")
    gold = load_gold(tmp_path)
    assert sorted(gold) == ["other", "plan"]
    assert gold["plan"] == small_gold()
    assert load_gold(tmp_path / "other.jsonl") == {"other": [doc("陕政发〔2022〕16号")]}


# --- scoring -----------------------------------------------------------------------


def test_perfect_match() -> None:
    report = score(predicted(small_gold()), {"plan": small_gold()})
    assert_perfect(report)
    assert report.documents == PRF(1, 0, 0)
    assert report.citations == PRF(2, 0, 0)
    assert report.tasks == PRF(2, 0, 0)
    assert report.assignments == PRF(3, 0, 0)
    assert report.roles == (3, 3)
    assert report.indicators_complete == PRF(2, 0, 0)
    assert report.document_fields == {f: (1, 1) for f in ("doc_no", "title", "subject", "issuer", "date")}
    assert report.files == ["plan"]


def test_missing_document_and_gold_file_without_predictions() -> None:
    gold = {
        "plan": [doc(), doc("渭政办发〔2023〕3号", scored=False)],
        "other": [doc("陕政发〔2022〕16号")],
    }
    report = score(predicted([doc()]), gold)
    assert report.documents == PRF(tp=1, fp=0, fn=2)
    assert report.document_fields["title"] == (1, 1)
    assert report.files == ["other", "plan"]


def test_document_without_doc_no_matches_by_title() -> None:
    gold = [doc(None, "关于加强 《标准化》 工作的意见")]
    pred = predicted([doc(None, "关于加强〈标准化〉工作的意见")])
    report = score(pred, {"plan": gold})
    assert report.documents == PRF(1, 0, 0)
    assert report.document_fields["title"] == (0, 1)  # whitespace-only comparison


def test_document_fields_counted_over_matched_documents() -> None:
    wrong = {
        **doc(),
        "issuer": "渭南市 人民政府",
        "date": "2023-07-28",
        "subject": "别的",
    }
    report = score(predicted([wrong]), {"plan": [doc()]})
    assert report.document_fields == {
        "doc_no": (1, 1),
        "title": (1, 1),
        "subject": (0, 1),
        "issuer": (1, 1),
        "date": (0, 1),
    }


def test_doc_no_printed_with_brackets_or_spaces() -> None:
    pred = predicted(small_gold())
    for record in pred:
        record["doc_no"] = "渭政发 [2023] 16号"
    pred[1]["cited_no"] = "陕政发（2022） 16号"
    report = score(pred, {"plan": small_gold()})
    assert_perfect(report)


def test_extra_citation_and_wrong_relation() -> None:
    pred = predicted(small_gold() + [cit(None, "促进科技成果转化法")])
    pred[1]["relation"] = "cites"
    report = score(pred, {"plan": small_gold()})
    assert report.citations == PRF(tp=2, fp=1, fn=0)
    assert report.citation_relation == (1, 2)


def test_citation_matched_by_title_with_mark_differences() -> None:
    gold = [
        doc(),
        cit(None, "关于贯彻落实<国家标准化发展纲要>的实施意见"),
        cit("陕政发〔2022〕9号", "某办法"),
    ]
    pred = predicted(
        [
            doc(),
            cit("陕政发〔2022〕16号", "《关于贯彻落实〈国家标准化发展纲要〉的实施意见》"),
            cit("陕政发〔2022〕9号", "完全不同的标题"),
        ]
    )
    report = score(pred, {"plan": gold})
    assert report.citations == PRF(tp=2, fp=0, fn=0)


def test_citation_needs_same_citing_document() -> None:
    gold = [doc(), cit(None, "国家标准化发展纲要")]
    pred = predicted([doc(), cit(None, "国家标准化发展纲要", doc_no="渭政发〔2023〕17号")])
    assert score(pred, {"plan": gold}).citations == PRF(tp=0, fp=1, fn=1)


def test_gold_citation_with_cited_no_does_not_match_by_title() -> None:
    gold = [doc(), cit("陕政发〔2022〕16号", "某意见")]
    pred = predicted([doc(), cit(None, "某意见")])
    assert score(pred, {"plan": gold}).citations == PRF(tp=0, fp=1, fn=1)


def test_task_anchor_contained_in_longer_text() -> None:
    gold = [doc(), task("推动企业实施标准化战略", dept("市市场监管局"))]
    pred = predicted([doc()]) + [
        {
            "kind": "task",
            "doc_no": NO,
            "source": SOURCE,
            "task_id": "t1",
            "text": "（一）推动企业\n实施标准化战略。引导企业制定标准。",
            "departments": [dept("市市场监管局")],
        }
    ]
    report = score(pred, {"plan": gold})
    assert report.tasks == PRF(1, 0, 0)
    assert report.assignments == PRF(1, 0, 0)


def test_task_prefers_shortest_text_and_is_one_to_one() -> None:
    gold = [
        doc(),
        task("推动企业实施标准化战略", dept("A局")),
        task("引导企业制定标准", dept("A局")),
    ]
    long_text = "一、总体任务。推动企业实施标准化战略，引导企业制定标准，全面提升。"
    short_text = "推动企业实施标准化战略，引导企业制定标准。"
    pred = predicted([doc()]) + [
        {
            "kind": "task",
            "doc_no": NO,
            "source": SOURCE,
            "text": long_text,
            "departments": [dept("B局")],
        },
        {
            "kind": "task",
            "doc_no": NO,
            "source": SOURCE,
            "text": short_text,
            "departments": [dept("A局")],
        },
    ]
    report = score(pred, {"plan": gold})
    # the first anchor takes the short task; the second can only fall back to the long one
    assert report.tasks == PRF(tp=2, fp=0, fn=0)
    assert report.assignments == PRF(tp=1, fp=1, fn=1)
    only_one = [pred[0], pred[2]]
    report = score(only_one, {"plan": gold})
    assert report.tasks == PRF(tp=1, fp=0, fn=1)  # two anchors in one predicted task
    assert report.assignments == PRF(tp=1, fp=0, fn=1)


def test_two_departments_one_wrong_role() -> None:
    gold = [
        doc(),
        task(
            "推动企业实施标准化战略",
            dept("市市场监管局", "lead"),
            dept("市工业和信息化局", "support"),
        ),
    ]
    pred = predicted(gold)
    pred[1]["departments"] = [
        dept("市市场监管局", "lead"),
        dept("市工业和信息化局", "responsible"),
    ]
    report = score(pred, {"plan": gold})
    assert report.assignments == PRF(tp=2, fp=0, fn=0)
    assert report.roles == (1, 2)


def test_department_matches_by_name_or_mention() -> None:
    gold = [
        doc(),
        task(
            "加强规划编制工作",
            dept("市规划局", mention="规划局"),
            dept("市农牧业局"),
            dept("市财政局"),
        ),
    ]
    pred = predicted(gold)
    pred[1]["departments"] = [
        dept("规划局", mention="规划局"),
        dept("市 农牧业局", mention="农牧业局"),
        dept("市税务局"),
    ]
    report = score(pred, {"plan": gold})
    assert report.assignments == PRF(tp=2, fp=1, fn=1)
    assert report.roles == (2, 2)


def test_unmatched_tasks_count_their_departments() -> None:
    gold = [doc(), task("推动企业实施标准化战略", dept("A局"), dept("B局"))]
    pred = predicted([doc()]) + [
        {
            "kind": "task",
            "doc_no": NO,
            "source": SOURCE,
            "text": "别的任务",
            "departments": [dept("A局")],
        },
        {
            "kind": "task",
            "doc_no": NO,
            "source": SOURCE,
            "text": "推动企业实施标准化战略",
            "departments": [],
        },
    ]
    report = score(pred, {"plan": gold})
    assert report.tasks == PRF(tp=0, fp=1, fn=1)  # the department-less task is not counted
    assert report.assignments == PRF(tp=0, fp=1, fn=2)


def test_repeated_anchor_pairs_tasks_by_departments() -> None:
    anchor = "年内报送创新城市建设工作信息不少于6条"
    gold = [
        doc(),
        task(anchor, dept("发改委")),
        task(anchor, dept("工信局")),
        task(anchor, dept("农业局")),
    ]
    pred = predicted(gold)
    pred[1:] = [pred[3], pred[1], pred[2]]
    for record in pred[1:]:
        record["text"] = "③按时报送工作总结，" + record["text"] + "。"
    report = score(pred, {"plan": gold})
    assert_perfect(report)
    assert report.tasks == PRF(3, 0, 0)


def test_repeated_anchor_left_over_gold_task_is_a_miss() -> None:
    anchor = "年内报送创新城市建设工作信息不少于6条"
    gold = [doc(), task(anchor, dept("发改委")), task(anchor, dept("工信局"))]
    pred = predicted([gold[0], gold[2]])  # the 发改委 row was not extracted
    report = score(pred, {"plan": gold})
    assert report.tasks == PRF(tp=1, fp=0, fn=1)
    assert report.assignments == PRF(tp=1, fp=0, fn=1)


def test_unscored_documents_skip_tasks_and_indicators() -> None:
    gold = [
        doc(scored=False),
        task("推动企业实施标准化战略", dept("A局")),
        ind("达到5家", 5, "家"),
    ]
    pred = predicted(gold) + predicted([task("不在金标里的任务", dept("B局"))])
    report = score(pred, {"plan": gold})
    assert report.documents == PRF(1, 0, 0)
    assert report.tasks == PRF(0, 0, 0)
    assert report.assignments == PRF(0, 0, 0)
    assert report.indicators_detected == PRF(0, 0, 0)


def test_tasks_of_other_documents_are_ignored() -> None:
    gold = [doc(), task("推动企业实施标准化战略", dept("A局"))]
    pred = predicted(gold) + predicted([task("推动企业实施标准化战略", dept("A局"), doc_no="渭政办发〔2023〕3号")])
    assert score(pred, {"plan": gold}).tasks == PRF(1, 0, 0)


def test_indicator_detected_but_comparator_wrong() -> None:
    gold = [doc(), ind("新增高新技术企业7户以上", 7, "户", ">=", 2018)]
    pred = predicted(gold)
    pred[1].update({"comparator": "=", "value": 7.0, "unit": " 户", "task_id": "t1"})
    report = score(pred, {"plan": gold})
    assert report.indicators_detected == PRF(tp=1, fp=0, fn=0)
    assert report.indicators_complete == PRF(tp=0, fp=1, fn=1)


def test_indicator_year_value_max_and_unit() -> None:
    gold = [
        doc(),
        ind("1-2家", 1, "家", "range", 2018, value_max=2),
        ind("29.94亿元", 29.94, "亿元"),
        ind("3项", 3, "项", "=", None),
    ]
    pred = predicted(gold)
    pred[1]["value_max"] = 3  # range upper bound wrong: detected, not complete
    pred[2]["unit"] = "元"  # unit wrong: not detected
    pred[3]["year"] = "2025"  # year wrong: detected, not complete
    report = score(pred, {"plan": gold})
    assert report.indicators_detected == PRF(tp=2, fp=1, fn=1)
    assert report.indicators_complete == PRF(tp=0, fp=3, fn=3)
    pred = predicted(gold)
    pred[1]["year"] = "2018"
    pred[2]["value"] = 29.94 + 1e-12
    pred[3]["value_max"] = None
    assert score(pred, {"plan": gold}).indicators_complete == PRF(3, 0, 0)


def test_indicators_are_one_to_one() -> None:
    gold = [doc(), ind("不少于6条", 6, "条"), ind("不少于6条", 6, "条")]
    pred = predicted(gold[:2]) + predicted([ind("不少于6条", 6, "条")] * 2)
    report = score(pred, {"plan": gold})
    assert report.indicators_detected == PRF(tp=2, fp=1, fn=0)
    assert report.indicators_complete == PRF(tp=2, fp=1, fn=0)


def test_records_from_sources_not_in_gold_are_ignored() -> None:
    pred = (
        predicted(small_gold())
        + predicted(
            [doc("宝政发〔2020〕1号"), cit(None, "某法"), task("某任务", dept("A局"))],
            source="data/corpus/unannotated.txt",
        )
        + [{"kind": "document", "doc_no": "x"}]
    )
    report = score(pred, {"plan": small_gold()})
    assert_perfect(report)
    assert report.documents == PRF(1, 0, 0)


def test_rows_lists_every_metric() -> None:
    report = score(predicted(small_gold()), {"plan": small_gold()})
    rows = dict(report.rows())
    assert rows["files"] == "plan"
    assert rows["tasks"].startswith("P=1.000 R=1.000 F1=1.000")
    assert rows["assignment.role"] == "3/3 (1.000)"
    assert {
        "documents",
        "document.doc_no",
        "document.date",
        "citations",
        "citation.relation",
        "assignments",
        "indicators.detected",
        "indicators.complete",
    } <= set(rows)
    assert all(isinstance(value, str) for _, value in report.rows())
    empty = dict(score([], {"plan": [doc()]}).rows())
    assert empty["document.title"] == "0/0 (n/a)"


def test_gold_files_against_themselves_score_perfectly() -> None:
    gold = load_gold(ROOT / "data" / "gold")
    assert len(gold) >= 2
    pred = [row for stem, records in gold.items() for row in predicted(records, source=f"data/corpus/{stem}.txt")]
    report = score(pred, gold)
    assert_perfect(report)
    assert report.files == sorted(gold)
    assert report.tasks.tp > 0 and report.indicators_complete.tp > 0


def test_one_document_per_file_credits_every_record_to_the_files_document() -> None:
    gold_doc = {
        "kind": "document",
        "doc_no": None,
        "title": None,
        "subject": None,
        "issuer": None,
        "date": None,
        "scored": True,
    }
    gold_task = {
        "kind": "task",
        "doc_no": None,
        "anchor": "推动企业实施标准化",
        "departments": [{"mention": "市市场监管局", "name": "市市场监管局", "role": "lead"}],
    }
    pred_doc = {
        "kind": "document",
        "doc_no": "渭政发〔2023〕9号",
        "title": "别的标题",
        "subject": None,
        "issuer": None,
        "date": None,
        "source": SOURCE,
    }
    pred_task = {
        "kind": "task",
        "doc_no": "渭政发〔2023〕9号",
        "text": "推动企业实施标准化战略",
        "source": SOURCE,
        "departments": [{"mention": "市市场监管局", "name": "市市场监管局", "role": "lead"}],
    }
    gold = {"plan": [gold_doc, gold_task]}
    as_found = score([pred_doc, pred_task], gold)
    assert as_found.documents.tp == 0 and as_found.tasks.tp == 0
    whole = score([pred_doc, pred_task], gold, one_document_per_file=True)
    assert (whole.documents.tp, whole.documents.fp) == (1, 0)
    assert whole.document_fields["doc_no"] == (0, 1) and whole.document_fields["date"] == (1, 1)
    assert whole.tasks.tp == 1 and whole.assignments.tp == 1
    extra = score([pred_doc, {**pred_doc, "doc_no": "渭政发〔2023〕10号"}, pred_task], gold, one_document_per_file=True)
    assert (extra.documents.tp, extra.documents.fp) == (1, 1)


def test_marker_file_turns_one_document_per_file_on(tmp_path: Path) -> None:
    from loaders.scoring import ONE_DOCUMENT_MARKER, one_document_per_file

    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    assert not one_document_per_file(tmp_path) and not one_document_per_file(tmp_path / "a.jsonl")
    (tmp_path / ONE_DOCUMENT_MARKER).write_text("", encoding="utf-8")
    assert one_document_per_file(tmp_path) and one_document_per_file(tmp_path / "a.jsonl")
