"""Files policygraph writes: replaced whole or not at all, through symlinks, never over a device or a folder.

Every writer (JSON Lines, reports, views, exports, the jieba dictionary) goes through `atomic_writer`.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from loaders.errors import ConfigError

STDOUT = "-"


def is_stdout(path: Path | str | None) -> bool:
    return path is None or str(path) == STDOUT


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def output_target(path: Path) -> Path:
    """The file a write to `path` replaces: a symlink's target (its link stays), refused when it is not a
    regular file. Raises ConfigError naming `path`."""
    target = Path(os.path.realpath(path))  # a dangling link still names the file to create
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write ({exc.strerror})") from None
    kind = _kind(mode)
    if kind is not None:
        what = kind if kind.startswith("not") else f"is {kind}"
        raise ConfigError(f"{path}: {what}, not a file to write (give a file path; stdout is -)")
    return target


def check_output(path: Path | None) -> None:
    """`output_target` for an -o option: nothing to check for stdout (None or -)."""
    if path is not None and not is_stdout(path):
        output_target(path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: Path | None, newline: str | None = None) -> Iterator[IO[str]]:
    """Write UTF-8 text to a temporary file beside the target and move it into place only when the block
    finishes without an exception; `None` or `-` is stdout. A new file gets 0666 less the umask, a replaced
    one keeps its mode. OSErrors name `path`, not the temporary file."""
    if path is None or is_stdout(path):
        yield sys.stdout
        return
    target = output_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename not in (None, tmp):  # not ours: an error of the code writing the contents
            raise
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> Path:
    """Replace `path` with `text` (UTF-8) only once it is written whole; returns `path`."""
    with atomic_writer(path) as fh:
        fh.write(text)
    return path


def check_input(path: Path) -> None:
    """Refuse, before opening it, an input that is not a regular file or a directory: reading a FIFO blocks
    for ever, a device never ends. Raises ConfigError naming `path`."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing or unreadable: the reader says so
    if stat.S_ISDIR(mode):
        return
    kind = _kind(mode)
    if kind is not None:
        what = kind if kind.startswith("not") else f"is {kind}"
        raise ConfigError(f"{path}: {what}, not a text file to read")


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
