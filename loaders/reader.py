"""Reading input files: which files, which encoding, and what is not text at all."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import ConfigError, ParseError
from loaders.files import check_input
from loaders.records import Warning

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


@dataclass(slots=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    warnings: list[Warning] = field(default_factory=list)


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named on the command line as given; directories walked for .txt/.md files, sorted.

    A named FIFO, device or socket is refused (ConfigError) before anything is opened: reading one blocks or
    never ends. In directories only regular files are taken."""
    for path in paths:
        check_input(path)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 100)


def _bad_byte(data: bytes, at: int, encoding: str = "utf-8") -> str:
    """`byte 0xff at offset 7 (line 2)`: where decoding stopped, as an offset in the file's bytes."""
    line = data[:at].decode(encoding, errors="replace").count("\n") + 1
    byte = f"byte 0x{data[at]:02x}" if at < len(data) else "end of file (cut inside a character)"
    return f"{byte} at offset {at} (line {line})"


def decode(data: bytes, source: str) -> tuple[str, str, list[Warning]]:
    """Bytes → text. UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 with a warning."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as exc:  # a BOM promises the encoding: no guessing after it
                at = exc.start + (len(bom) if encoding == "utf-8-sig" else 0)  # utf-8-sig counts after its BOM
                raise ParseError(
                    f"{source}: starts with a {encoding} BOM but {_bad_byte(data, at, encoding)}"
                ) from None
    if _looks_binary(data):
        raise ParseError(f"{source}: not a text file (binary content)")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        bad_utf8 = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ParseError(f"{source}: neither UTF-8 nor GB18030: invalid UTF-8 {_bad_byte(data, bad_utf8)}") from None
    note = Warning("W102", "decoded as GB18030/GBK, not UTF-8", source)
    return text, "gb18030", [note]


_LONE_CR = re.compile(r"\r(?!\n)")


def lone_cr_to_lf(text: str) -> str:
    """Old Mac line ends (CR alone) as LF; CRLF stays. One character for one: spans keep their offsets."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def read_source(path: Path) -> SourceText:
    """Read one file; raises ParseError for what cannot be read as text (a FIFO or device included, refused
    before it is opened). CR-only line ends are read as LF (`lone_cr_to_lf`)."""
    source = str(path)
    try:
        check_input(path)
    except ConfigError as exc:
        raise ParseError(str(exc)) from None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise ParseError(f"{source}: is a directory") from None
    except OSError as exc:
        raise ParseError(f"{source}: cannot read ({exc.strerror})") from None
    text, encoding, warnings = decode(data, source)
    text = lone_cr_to_lf(text)
    if not text.strip():
        warnings.append(Warning("W101", "empty file: no documents", source))
    return SourceText(path, text, encoding, warnings)
