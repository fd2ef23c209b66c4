"""loaders/files.py: outputs replaced whole or not at all, through symlinks, never over devices or folders."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from loaders import files
from loaders.errors import ConfigError
from loaders.files import atomic_writer, check_input, write_text


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_symlink_output_writes_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to("real.jsonl")
    write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == "real.jsonl"
    assert target.read_text(encoding="utf-8") == "new\n"


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "sub" / "made.jsonl")
    write_text(link, "x\n")
    assert link.is_symlink() and (tmp_path / "sub" / "made.jsonl").read_text(encoding="utf-8") == "x\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_device_output_is_refused_and_left_a_device() -> None:
    with pytest.raises(ConfigError, match="/dev/full: is a device"):
        write_text(Path("/dev/full"), "x")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_fifo_and_directory_outputs_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="is a FIFO"):
        write_text(fifo, "x")
    with pytest.raises(ConfigError, match="is a directory.*stdout is -"):
        write_text(tmp_path, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_failure_inside_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "keep.jsonl"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(path) as fh:
        fh.write("half")
        raise RuntimeError("extraction failed")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_write_error_names_the_target_not_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_text(path, "new\n")
    assert caught.value.filename == str(path) and caught.value.errno == errno.ENOSPC
    assert path.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_rename_error_names_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.jsonl"

    def refuse(src: str, dst: str) -> None:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), src)

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError) as caught:
        write_text(path, "new\n")
    assert caught.value.filename == str(path)
    assert not path.exists() and _leftovers(tmp_path) == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_file_honours_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        path = write_text(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "shared.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_text(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text(encoding="utf-8") == "new"


def test_dash_is_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with atomic_writer(Path("-")) as fh:
        assert fh is sys.stdout
        fh.write("to stdout\n")
    assert capsys.readouterr().out == "to stdout\n" and not (tmp_path / "-").exists()


def test_fifo_input_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it would block: the check must not open it
    with pytest.raises(ConfigError, match="pipe.txt: is a FIFO"):
        check_input(fifo)
    check_input(tmp_path)  # folders and regular files pass
    check_input(tmp_path / "missing.txt")  # the reader names a missing file
