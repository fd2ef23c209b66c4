"""Shared CLI plumbing: consoles, the one-line error contract (output files: loaders/files.py)."""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from loaders.errors import ConfigError, PolicyGraphError

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


def at_least(option: str, value: float | None, least: float) -> None:
    """Refuse a number option below `least` (or inf, nan) in one line; None means not given."""
    if value is not None and (not math.isfinite(value) or value < least):
        raise ConfigError(f"{option} must be a number of at least {least:g}, not {value}")


def above_zero(option: str, value: float | None) -> None:
    """Refuse a number option that is not finite and > 0 (a time, a budget)."""
    if value is not None and (not math.isfinite(value) or value <= 0):
        raise ConfigError(f"{option} must be a number above 0, not {value}")


def show_progress() -> bool:
    return err.is_terminal and not os.environ.get("CI")
