"""Text → typed records (documents, citations, tasks, indicators) with source spans; knows nothing of stores."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loaders.extract import FileResult, extract_file, extract_paths, extract_text
    from loaders.records import Citation, Document, Warning, to_json

__all__ = ["Citation", "Document", "FileResult", "Warning", "extract_file", "extract_paths", "extract_text", "to_json"]

# imported on first use: every layer imports loaders.errors, which should not load the extractor with it
_HOMES = {"FileResult": "extract", "extract_file": "extract", "extract_paths": "extract", "extract_text": "extract"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'loaders' has no attribute {name!r}")
    return getattr(importlib.import_module(f"loaders.{_HOMES.get(name, 'records')}"), name)
