"""Shared CLI plumbing: consoles, the one-line error contract, atomic output files."""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import typer
from rich.console import Console

from loaders.errors import PolicyGraphError

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


def cli_errors[F: Callable[..., Any]](func: F) -> F:
    """PolicyGraphError (and a few OS errors) → one line on stderr and its exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PolicyGraphError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except (BrokenPipeError, KeyboardInterrupt):
            raise typer.Exit(130) from None
        except OSError as exc:
            raise fail(f"{exc.filename or ''}: {exc.strerror}".strip(": "), 1) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def atomic_writer(path: Path | None) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path` and move it into place only on success."""
    if path is None:
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def show_progress() -> bool:
    return err.is_terminal and not os.environ.get("CI")
