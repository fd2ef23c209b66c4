"""Text → typed records (documents, citations, tasks, indicators) with source spans; knows nothing of stores."""

from loaders.extract import FileResult, extract_file, extract_paths, extract_text
from loaders.records import Citation, Document, Warning, to_json

__all__ = ["Citation", "Document", "FileResult", "Warning", "extract_file", "extract_paths", "extract_text", "to_json"]
