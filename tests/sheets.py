"""Progress sheets written as a department's staff would save them, for the supervision tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    """`rows` as CSV in `encoding` (utf-8, utf-8-sig as Excel saves it, gbk as a Chinese Windows machine does)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
