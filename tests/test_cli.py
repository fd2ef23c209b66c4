"""The `policygraph` command through Typer's CliRunner: help, output, error paths."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.app import app

runner = CliRunner()
NOTICE = "宝鸡市人民政府关于做好春耕生产工作的通知\n\n宝政发〔2023〕3号\n\n各县、区人民政府：\n\n根据《中华人民共和国农业法》，现就有关事项通知如下。\n\n宝鸡市人民政府\n\n2023年2月1日\n"


def _commands() -> list[list[str]]:
    """Every command path of the app, groups included: walked from the Click tree, never listed by hand."""
    import typer.main

    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = _commands()


def test_the_walk_reaches_every_group() -> None:
    names = {" ".join(c) for c in COMMANDS}
    for group in ("query run", "report load", "view jurisdiction", "lexicon jieba-dict", "bench queries"):
        assert group in names


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "policygraph")
def test_every_command_has_help_in_click_words(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    assert re.search(r"<[a-z][\w\[\], |]*>", result.output) is None, result.output  # no <bool>, <list[Path]>
    usage = next(line for line in result.output.splitlines() if "Usage:" in line)
    assert "{" not in usage and "[paths]" not in usage.lower()  # PATHS..., not {paths}...
    if command:
        import typer.main

        click_command = typer.main.get_command(app)
        for name in command:
            click_command = click_command.commands[name]  # type: ignore[attr-defined]
        assert (click_command.help or "").strip(), f"{' '.join(command)} has no help text"


def test_help_shows_metavars_and_bare_flags() -> None:
    extract = runner.invoke(app, ["extract", "--help"], terminal_width=120).output
    assert "policygraph extract [OPTIONS] PATHS..." in extract
    assert re.search(r"--output\s+-o\s+PATH\b", extract)
    assert re.search(r"--warnings\s+List every warning", extract)  # a flag: no type
    load = runner.invoke(app, ["report", "load", "--help"], terminal_width=120).output
    assert re.search(r"--limit\s+INTEGER", load)


def test_command_summaries_say_what_they_do() -> None:
    top = runner.invoke(app, ["--help"], terminal_width=200).output
    export = next(line for line in top.splitlines() if " export " in line)
    assert "JSON Lines" in export and "neo4j-admin CSV" not in export.split("JSON Lines")[0]
    run = runner.invoke(app, ["run", "--help"], terminal_width=200).output
    assert "network views" in run


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


def test_binary_input_keeps_the_old_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    out = tmp_path / "out" / "keep.jsonl"
    out.parent.mkdir()
    out.write_text("old\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "b.txt: not a text file" in result.output and "keep.jsonl left as it was" in result.output
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "old\n"
    only_binary = runner.invoke(app, ["extract", str(tmp_path / "b.txt"), "-o", str(out)])
    assert only_binary.exit_code == 1 and out.read_text(encoding="utf-8") == "old\n"


def test_binary_input_still_streams_the_readable_files_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert '"宝政发〔2023〕3号"' in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_extract_refuses_a_device_output() -> None:
    result = runner.invoke(app, ["extract", "data/corpus", "-o", "/dev/full"])
    assert result.exit_code == 2
    assert "/dev/full: is a device" in result.output and "Traceback" not in result.output
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_extract_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    target = tmp_path / "target.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and '"宝政发〔2023〕3号"' in target.read_text(encoding="utf-8")


def test_extract_refuses_a_folder_output_and_dash_is_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    refused = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path)])
    assert refused.exit_code == 2 and "is a directory" in refused.output
    dash = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", "-"])
    assert dash.exit_code == 0 and '"宝政发〔2023〕3号"' in dash.stdout


def test_extract_refuses_a_fifo_input_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = runner.invoke(app, ["extract", str(tmp_path / "pipe.txt")])
    assert result.exit_code == 2 and "pipe.txt: is a FIFO" in result.output


def test_extract_reads_cr_only_line_ends(tmp_path: Path) -> None:
    (tmp_path / "mac.txt").write_bytes(NOTICE.replace("\n", "\r").encode())
    result = runner.invoke(app, ["extract", str(tmp_path / "mac.txt")])
    assert result.exit_code == 0
    assert [json.loads(x)["kind"] for x in result.stdout.splitlines() if x.startswith("{")] == ["document", "citation"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "load", "--weights", "support=1e999"], "finite non-negative"),
        (["report", "load", "--weights", "lead=-1"], "finite non-negative"),
        (["report", "load", "--limit", "-3"], "--limit must be a number of at least 1"),
        (["report", "load", "--limit", "0"], "--limit must be a number of at least 1"),
        (["report", "chain", "x", "--depth", "0"], "--depth must be"),
        (["view", "jurisdiction", "宝鸡市", "--max-nodes", "1"], "--max-nodes must be at least 10"),
        (["query", "run", "chain/downstream", "-p", "policy=null"], "parameter policy is required"),
        (["query", "run", "chain/downstream", "-p", "policy="], "parameter policy is required"),
        (["bench", "extract", "--repeat", "0"], "--repeat must be"),
        (["bench", "queries", "--budget-ms", "inf"], "--budget-ms must be a number above 0"),
        (["bench", "ingest", "--sizes", "10,-5"], "--sizes takes document counts of at least 1"),
        (["run", "--weights", "support=nan"], "finite non-negative"),
    ],
)
def test_numbers_and_required_params_are_validated_before_any_work(
    args: list[str], message: str, tmp_path: Path
) -> None:
    db = tmp_path / "never.db"
    extra = ["--db", str(db)] if args[0] in ("report", "view", "query") else []
    result = runner.invoke(app, [*args, *extra])
    assert result.exit_code != 0
    assert message in result.output, result.output
    assert "Traceback" not in result.output and not db.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["report", "load", "-f", "csv", "-o", "{dir}"],
        ["view", "jurisdiction", "宝鸡市", "-o", "{dir}"],
        ["query", "run", "documents/most-cited", "-f", "csv", "-o", "{dir}"],
        ["lexicon", "jieba-dict", "-o", "{dir}"],
    ],
)
def test_every_output_option_refuses_a_folder_before_work(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    extra = ["--db", str(db)] if args[0] != "lexicon" else []
    result = runner.invoke(app, [*(a.replace("{dir}", str(tmp_path)) for a in args), *extra])
    assert result.exit_code == 2, result.output
    assert "is a directory" in result.output and not db.exists()


def test_export_and_run_refuse_a_file_where_a_folder_goes(tmp_path: Path) -> None:
    afile = tmp_path / "records.jsonl"
    afile.write_text("mine\n", encoding="utf-8")
    export = runner.invoke(app, ["export", str(afile), "--db", str(tmp_path / "never.db")])
    assert export.exit_code == 2 and "not a folder" in export.output
    run = runner.invoke(app, ["run", "data/corpus", "--out", str(afile)])
    assert run.exit_code == 2 and "not a folder" in run.output
    assert afile.read_text(encoding="utf-8") == "mine\n" and not (tmp_path / "never.db").exists()


def test_jieba_dict_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "dict.txt"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = runner.invoke(app, ["lexicon", "jieba-dict", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and " nt" in target.read_text(encoding="utf-8")


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


def test_bench_views_runs(tmp_path: Path, root: Path) -> None:
    shutil.copy(root / "data" / "corpus" / "weinan-standardization-plan-2023.txt", tmp_path)
    result = runner.invoke(app, ["bench", "views", str(tmp_path), "--limit", "4"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "4 pages" in result.output and "speed-up" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "--jobs", "0", "data/corpus"], "Invalid value for '--jobs' / '-j'"),
        (["report", "load", "--limit", "abc"], "Invalid value for '--limit'"),
        (["nosuch"], "No such command 'nosuch'"),
        (["info", "--bogus"], "No such option: --bogus"),
        (["extract"], "Missing argument 'PATHS...'"),
    ],
)
def test_usage_errors_are_one_line_not_a_box(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ") and message in lines[0] and "--help" in lines[0]
    assert "╭" not in result.output and "Traceback" not in result.output
