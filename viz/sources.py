"""Evidence for reports: a span's `file:line` and the verbatim source lines it covers, carried inside the page
(no link into the corpus folder, so a report still shows its evidence once copied or emailed alone).

Spans are character offsets into the decoded file (graph Task/Indicator/Document `span`); each file is
read once per `SourceLines`. Files are found where the graph records their folder (graph/sources.py); when
one cannot be read, a quote is the text the graph stores, marked as such.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from graph.store import GraphStore
from loaders.errors import PolicyGraphError
from loaders.reader import read_source
from viz.labels import t


class SourceLines:
    """Line numbers of character offsets, per source file (read and indexed once, on first use).

    `files`: source name -> file (`SourceLines.of(store)` takes them from the graph); a name not in it is
    a path from `root` (default: the working directory)."""

    def __init__(self, root: Path | None = None, files: dict[str, Path] | None = None) -> None:
        self.root = root or Path.cwd()
        self.files = files or {}
        self._starts: dict[str, list[int] | None] = {}
        self._texts: dict[str, str] = {}

    @classmethod
    def of(cls, store: GraphStore) -> SourceLines:
        """The files of the graph's sources where the graph says their folders are, from any working directory."""
        from graph.sources import source_files

        return cls(files=source_files(store))

    def path(self, source: str) -> Path:
        if source in self.files:
            return self.files[source]
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
                self._texts[source] = text
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

    def quote(
        self, source: str | None, span: Any, max_lines: int = 3, limit: int = 600, stored: str | None = None
    ) -> str:
        """The whole source lines the span touches, verbatim (its first `max_lines`, cut to `limit` characters
        with …). When the file cannot be read: `stored` (the text the graph holds for the record) after a note
        saying so, else ""; "" when there is no span."""
        if not source or not span:
            return ""
        first = self.line(source, span[0])
        if first is None:
            if not stored:
                return ""
            text = stored if len(stored) <= limit else stored[: limit - 1] + "…"
            return f"{t('evidence.stored', name=Path(source).name)} {text}"
        newlines = self._starts[source] or []
        text = self._texts[source]
        end = int(span[1]) if len(span) > 1 and span[1] is not None else int(span[0])
        last = min(bisect.bisect_left(newlines, max(end - 1, int(span[0]))) + 1, first + max_lines - 1)
        start = newlines[first - 2] + 1 if first > 1 else 0
        stop = newlines[last - 1] if last - 1 < len(newlines) else len(text)
        quoted = text[start:stop].strip()
        return quoted if len(quoted) <= limit else quoted[: limit - 1] + "…"


def file_lines(
    columns: list[str], rows: list[dict[str, Any]], lines: SourceLines | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Query results whose rows carry a `source` path and a `span`: `source` becomes `file.txt:123` and
    `span` goes (a reader wants the line, not character offsets). Other results come back as they are."""
    if "source" not in columns or "span" not in columns:
        return columns, rows
    lines = lines or SourceLines()
    kept = [c for c in columns if c != "span"]
    return kept, [
        {c: lines.label(row.get("source"), row.get("span")) if c == "source" else row.get(c) for c in kept}
        for row in rows
    ]
