"""Every `$ policygraph …` example in README.md runs as pasted and prints what the README shows.

The examples run in a scratch folder laid out like the repository after the README's first command
(`data/` and the `out/` that `policygraph run data/corpus --out out` writes), with the environment's
`policygraph` first on PATH, as the README's set-up line (`. .venv/bin/activate`) gives it.
`pytest tests/test_readme.py --update-readme` writes what the commands print today into README.md.
`bench` examples print timings of this machine: they are run by hand, not here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COLUMNS = "120"  # the width the README's tables are printed at
SKIPPED = ("policygraph bench",)


@dataclass(frozen=True)
class Example:
    command: str
    shown: list[str]
    line: int  # 1-based line of the `$ ` in README.md
    end: int  # index (0-based) of the line after the shown output


def examples(text: str) -> list[Example]:
    lines = text.split("\n")
    found: list[Example] = []
    inside = False
    current: tuple[str, int] | None = None
    shown: list[str] = []

    def close(end: int) -> None:
        nonlocal current, shown
        if current is not None:
            found.append(Example(current[0], shown, current[1], end))
        current, shown = None, []

    for i, line in enumerate(lines):
        if line.startswith("```"):
            if inside:
                close(i)
            inside = line.strip() == "```console"
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            close(i)
            current = (line[2:], i + 1)
        elif current is not None:
            shown.append(line)
    return found


def test_the_readme_has_examples() -> None:
    runnable = [e for e in examples(README.read_text(encoding="utf-8")) if not e.command.startswith(SKIPPED)]
    assert len(runnable) >= 15
    assert all(e.command.split()[0] in {"policygraph", "head", "ls", "cat", "wc"} for e in runnable), [
        e.command for e in runnable
    ]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as the README's first command leaves the repository: data/ and a fresh out/."""
    where = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", where / "data")
    done = _shell("policygraph run data/corpus --out out", where)
    assert done.returncode == 0, done.stdout
    return where


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = COLUMNS
    env.pop("CI", None)
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )


def _normal(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return [line.rstrip() for line in lines]


def test_every_example_runs_and_prints_what_the_readme_shows(workspace: Path, request: pytest.FixtureRequest) -> None:
    text = README.read_text(encoding="utf-8")
    update = bool(request.config.getoption("--update-readme"))
    lines = text.split("\n")
    problems: list[str] = []
    # from the last so that rewriting one example's output keeps the line numbers of those above it
    for example in reversed(examples(text)):
        if example.command.startswith(SKIPPED):
            continue
        done = _shell(example.command, workspace)
        printed = _normal(done.stdout.split("\n"))
        expect_error = bool(example.shown) and example.shown[0].startswith("error:")
        if expect_error == (done.returncode == 0) and "|" not in example.command:
            problems.append(f"README.md:{example.line}: `{example.command}` exited {done.returncode}\n{done.stdout}")
            continue
        if printed != _normal(example.shown):
            if update:
                lines[example.end - len(example.shown) : example.end] = printed
            else:
                problems.append(
                    f"README.md:{example.line}: `{example.command}` prints\n"
                    + "\n".join(printed)
                    + "\n--- where the README shows ---\n"
                    + "\n".join(example.shown)
                )
    if update:
        README.write_text("\n".join(lines), encoding="utf-8")
    assert not problems, "\n\n".join(problems)


def test_examples_do_not_write_over_what_run_made() -> None:
    """Examples write their files under out/try/ (or stdout): `run`'s reports and views stay as run left them."""
    for example in examples(README.read_text(encoding="utf-8")):
        for target in re.findall(r"(?:-o|--out)\s+(\S+)", example.command):
            assert target.startswith("out/try/") or target == "-", (example.line, example.command)
        if re.match(r"policygraph view \w+", example.command):
            assert " -o " in example.command, (example.line, example.command)
