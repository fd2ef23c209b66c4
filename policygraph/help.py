"""The root group: help screens in Click's words (`PATHS...`, `PATH`, `INTEGER`, flags without a type) and
usage errors in one line.

Typer 0.26+ prints Python types instead (`<bool>`, `<list[Path]>`, usage `{paths}...`), which reads as code to
someone who runs the tool. `ClassicHelpGroup` (the root app's class) retypes every parameter of the tree once.
"""

from __future__ import annotations

import datetime
import sys
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import _click
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.exceptions import Abort

_WORDS: dict[object, str] = {int: "INTEGER", float: "FLOAT", str: "TEXT", Path: "PATH", datetime.datetime: "DATETIME"}


def _word(annotation: Any) -> str:
    """Click's metavar for a Python type: INTEGER, FLOAT, TEXT, PATH, a [a|b] choice."""
    if get_origin(annotation) in (list, tuple):
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        return _word(args[0]) if args else "TEXT"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "[" + "|".join(str(m.value) for m in annotation) + "]"
    return _WORDS.get(annotation, "TEXT")


class ClassicArgument(TyperArgument):
    """An argument shown by name, upper-cased, as Click does (`PATHS...`, `[CORPUS]`); no type column."""

    def _classic_name(self) -> str:
        return self.metavar or (self.name or "").upper()

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self._classic_name()

    def _usage_display_name(self) -> str:
        return self._classic_name() if self.required else f"[{self._classic_name()}]"

    def get_error_hint(self) -> str:
        return f"'{self._classic_name()}'"


class ClassicOption(TyperOption):
    """An option with Click's value metavar (`PATH`, `INTEGER`); a flag shows none."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        if self.metavar is not None:
            return self.metavar
        if self.is_flag or self.count:
            return None
        word = _word(self.type_descriptor.annotation)
        return f"{word}..." if self.nargs != 1 else word


def classic_params(command: _click.Command) -> None:
    """Retype the parameters (help option included) of `command` and of every command below it."""
    ctx = _click.Context(command)
    params: list[Any] = [*command.params, command.get_help_option(ctx)]
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = ClassicArgument
            if param.metavar is None:  # the arguments panel prints the metavar as the name
                param.metavar = (param.name or "").upper() + ("..." if param.nargs != 1 else "")
        elif type(param) is TyperOption:
            param.__class__ = ClassicOption
    for sub in getattr(command, "commands", {}).values():
        classic_params(sub)


class ClassicHelpGroup(TyperGroup):
    """The root group: Typer builds the whole tree before it, so one walk here reaches every command."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        classic_params(self)

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """As Typer's, but a usage error (bad value, unknown option or command) is one line on stderr, not a box."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as exc:  # a group called bare: Typer has printed its help already
            sys.exit(exc.exit_code)
        except ClickException as exc:
            from policygraph.console import err

            where = getattr(exc, "ctx", None)
            hint = f" (see '{where.command_path} --help')" if isinstance(exc, UsageError) and where else ""
            err.print(f"[bold red]error:[/] {exc.format_message()}{hint}", markup=True, highlight=False)
            sys.exit(exc.exit_code)
        except Abort:
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)
