"""Source links for reports: a span's line number in its file, and a relative href from a report's folder.

Spans are character offsets into the decoded file (graph Task/Indicator/Document `span`); each file is
read once per `SourceLines`.
"""

from __future__ import annotations

import bisect
import os
from pathlib import Path

from loaders.errors import PolicyGraphError
from loaders.reader import read_source


class SourceLines:
    """Line numbers of character offsets, per source file (read and indexed once, on first use)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or Path.cwd()  # sources are named relative to where the ingest ran
        self._starts: dict[str, list[int] | None] = {}

    def path(self, source: str) -> Path:
        path = Path(source)
        return path if path.is_absolute() else self.root / path

    def line(self, source: str | None, offset: int | None) -> int | None:
        """1-based line of character `offset` in `source`; None when the file cannot be read."""
        if not source or offset is None:
            return None
        if source not in self._starts:
            try:
                text = read_source(self.path(source)).text
            except (PolicyGraphError, OSError):
                self._starts[source] = None
            else:
                self._starts[source] = [i for i, ch in enumerate(text) if ch == "\n"]
        newlines = self._starts[source]
        if newlines is None:
            return None
        return bisect.bisect_left(newlines, int(offset)) + 1

    def label(self, source: str | None, span: list[int] | tuple[int, ...] | None) -> str:
        """`file.txt:123` (the file's name and the line the span starts on)."""
        if not source:
            return ""
        line = self.line(source, span[0] if span else None)
        name = Path(source).name
        return f"{name}:{line}" if line else name

    def href(self, source: str | None, report_dir: Path) -> str:
        """The source file relative to the report's folder, as a URL path (works from file://)."""
        if not source:
            return ""
        target = self.path(source).resolve()
        rel = os.path.relpath(target, report_dir.resolve())
        return Path(rel).as_posix()
