"""A deterministic synthetic corpus built from the sample gazettes, for benchmarks.

Each sample document is re-issued under other jurisdictions, 文号 and years, so that keys differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from loaders import extract_file
from loaders.jurisdiction import places_by_name
from loaders.reader import iter_input_files

_SERIAL = re.compile(r"〔(\d{4})〕(\d+)号")
_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?=年)")
DOCS_PER_FILE = 10


def _sample_documents(corpus: Path) -> list[tuple[str, str]]:
    """(text, the place it names first) of every document of the sample corpus."""
    docs: list[tuple[str, str]] = []
    for path in iter_input_files([corpus]):
        result = extract_file(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        for doc in result.documents:
            place = (doc.jurisdiction or "").rstrip("市县区旗") or "宝鸡"
            docs.append((text[doc.span[0] : doc.span[1]], place))
    return docs


def _targets() -> list[str]:
    """Prefecture-level places to re-issue documents under, in a fixed order."""
    names = sorted(p.name for p in places_by_name().values() if p.level == "prefecture" and p.name.endswith("市"))
    return [n[:-1] for n in names if len(n) >= 3]


def _reissue(text: str, place: str, target: str, copy: int) -> str:
    """Copy number `copy` of a sample: another place, serials and years (5-digit serials at most)."""
    block, shift = copy % 99 + 1, (copy // 99) % 5
    text = text.replace(place, target) if place and len(place) >= 2 else text
    text = _SERIAL.sub(lambda m: f"〔{int(m.group(1)) + shift}〕{block * 1000 + int(m.group(2)) % 1000}号", text)
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)


def build(corpus: Path, target_dir: Path, documents: int) -> list[Path]:
    """Write `documents` synthetic documents, DOCS_PER_FILE per file, into target_dir."""
    samples = _sample_documents(corpus)
    places = _targets()
    target_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    batch: list[str] = []
    for n in range(documents):
        text, place = samples[n % len(samples)]
        copy = n // len(samples)
        batch.append(_reissue(text, place, places[copy % len(places)], copy))
        if len(batch) == DOCS_PER_FILE or n == documents - 1:
            path = target_dir / f"synthetic-{len(written):05d}.txt"
            path.write_text("\n\n".join(batch) + "\n", encoding="utf-8")
            written.append(path)
            batch = []
    return written
