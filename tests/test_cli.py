"""The `policygraph` command through Typer's CliRunner: help, output, error paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.app import app

runner = CliRunner()
NOTICE = "宝鸡市人民政府关于做好春耕生产工作的通知\n\n宝政发〔2023〕3号\n\n各县、区人民政府：\n\n根据《中华人民共和国农业法》，现就有关事项通知如下。\n\n宝鸡市人民政府\n\n2023年2月1日\n"


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["extract"],
        ["eval"],
        ["run"],
        ["bench"],
        ["bench", "extract"],
        ["bench", "ingest"],
        ["ingest"],
        ["remove"],
        ["info"],
        ["export"],
        ["lexicon"],
        ["lexicon", "resolve"],
        ["lexicon", "jieba-dict"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_extract_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["kind"] for r in rows] == ["document", "citation"]
    assert rows[0]["doc_no"] == "宝政发〔2023〕3号" and rows[0]["span"][0] == 0


def test_extract_to_file_with_warnings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    out = tmp_path / "out" / "records.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out), "--warnings"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert "empty.md: W101" in result.output


def test_extract_reads_a_headerless_fragment_and_shows_the_share_inside_documents(tmp_path: Path) -> None:
    fragment = "一、优化服务。推行一网通办，审批时限压缩至5个工作日以内。（市政务服务中心负责）\n"
    (tmp_path / "frag.txt").write_text(fragment, encoding="utf-8")
    chrome = "当前位置：首页 > 政策文件\n发布时间：2023-02-02　浏览次数：12\n\n"
    (tmp_path / "page.txt").write_text(chrome + NOTICE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--warnings"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["doc_no"] for r in rows if r["kind"] == "document"] == [None, "宝政发〔2023〕3号"]
    assert "read as one untitled document" in result.output
    frag_row = next(line for line in result.output.splitlines() if "│ frag" in line)
    page_row = next(line for line in result.output.splitlines() if "│ page" in line)
    assert "100%" in frag_row and "100%" not in page_row


def test_binary_file_fails_but_others_are_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "b.txt: not a text file" in result.output
    assert "Traceback" not in result.output
    assert '"宝政发〔2023〕3号"' in out.read_text(encoding="utf-8")


def test_directory_of_binaries(tmp_path: Path) -> None:
    for name in ("x.txt", "y.md"):
        (tmp_path / name).write_bytes(b"\x89PNG\x00\x00" * 40)
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count("not a text file") == 2


def test_missing_path_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_failed_run_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    out.write_text("old\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "old\n"


def test_eval_corpus_against_gold() -> None:
    result = runner.invoke(app, ["eval", "--corpus", "data/corpus", "--gold", "data/gold", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout[result.stdout.index("{") :])
    assert scores["documents"].startswith("P=1.000 R=1.000")


def test_eval_external_dev_reads_text_files_as_one_document_each() -> None:
    result = runner.invoke(
        app, ["eval", "--corpus", "data/gold/external-dev", "--gold", "data/gold/external-dev", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert ".jsonl" not in result.stderr  # the gold files are not read as corpus text
    scores = json.loads(result.stdout[result.stdout.index("{") :])
    assert scores["documents"].startswith("P=") and "R=1.000" in scores["documents"]  # no file dropped
    off = runner.invoke(
        app,
        [
            "eval",
            "--corpus",
            "data/gold/external-dev",
            "--gold",
            "data/gold/external-dev",
            "--json",
            "--documents-as-found",
        ],
    )
    assert json.loads(off.stdout[off.stdout.index("{") :])["documents"] != scores["documents"]


def test_eval_prediction_file(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    assert (
        runner.invoke(app, ["extract", "data/corpus/weinan-standardization-plan-2023.txt", "-o", str(pred)]).exit_code
        == 0
    )
    result = runner.invoke(app, ["eval", str(pred), "--gold", "data/gold/weinan-standardization-plan-2023.jsonl"])
    assert result.exit_code == 0, result.output
    assert "citations" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval", "nope.jsonl"], "nope.jsonl: no such file"),
        (["eval", "--gold", "nowhere"], "nowhere: no such gold"),
        (["eval"], "give either PRED.jsonl or --corpus"),
    ],
)
def test_eval_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_eval_bad_jsonl(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"kind": "document"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(pred)])
    assert result.exit_code == 2
    assert "pred.jsonl:2" in result.output


def test_run_writes_records_and_eval(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "data/corpus", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "records.jsonl").stat().st_size > 0
    assert "citations" in (tmp_path / "eval.txt").read_text(encoding="utf-8")


def test_bench_extract_runs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE * 3, encoding="utf-8")
    result = runner.invoke(app, ["bench", "extract", str(tmp_path), "--repeat", "1", "--scale", "2"])
    assert result.exit_code == 0, result.output
    assert "extract / jieba throughput" in result.output
