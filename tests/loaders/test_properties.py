"""Property-based battery (Hypothesis) for extraction: random and mutated documents never raise, every span lies
inside the file and points at the words its record names, and a file's records do not depend on its neighbours.

Mutations start from the sample corpus and the external fragments: cut, lines shuffled, re-encoded, line ends
changed, responsibility lists lengthened, brackets unbalanced. Inputs are kept small so the battery stays quick.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from loaders import FileResult, extract_file, to_json
from loaders.reader import read_source
from loaders.text import fold, squash, to_simplified

ROOT = Path(__file__).resolve().parents[2]
WINDOW = 6000  # characters of a corpus file one example works on
# POLICYGRAPH_BATTERY=2000 runs a long, freshly random battery by hand; the suite runs a fixed, quick one
LONG = int(os.environ.get("POLICYGRAPH_BATTERY", "0"))
BATTERY = settings(
    max_examples=LONG or 300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,  # the same examples on every run: a failure is reproducible, CI time is stable
    database=None,
)


@cache
def sources() -> tuple[str, ...]:
    paths = sorted((ROOT / "data" / "corpus").glob("*.txt")) + sorted(
        (ROOT / "data" / "gold" / "external-dev").glob("*.txt")
    )
    assert len(paths) > 5, "the corpus and the fragments are the battery's seeds"
    return tuple(read_source(p).text for p in paths)


@cache
def doc_no_offsets(text: str) -> tuple[int, ...]:
    from loaders.docno import find_doc_nos

    return tuple(no.start for no in find_doc_nos(fold(text)))


@cache
def department_names() -> tuple[str, ...]:
    from loaders.departments import lexicon

    names = sorted({name for body in lexicon().bodies for name in body.names if 2 <= len(name) <= 12})
    assert len(names) > 50
    return tuple(names)


# --- mutations: (text, random) → text ------------------------------------------------------------------------------


def cut(text: str, rnd: random.Random) -> str:
    at = rnd.randrange(len(text) + 1)
    return text[:at] if rnd.random() < 0.5 else text[at:]


def shuffle_lines(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    rnd.shuffle(lines)
    return "\n".join(lines)


def lengthen_list(text: str, rnd: random.Random) -> str:
    """A responsibility list of up to 250 names, where a list was or on a random line."""
    names = "、".join(rnd.choice(department_names()) for _ in range(rnd.randint(20, 250)))
    for lead in ("责任单位：", "牵头单位：", "责任单位:"):
        at = text.find(lead)
        if at >= 0:
            at += len(lead)
            return text[:at] + names + "、" + text[at:]
    lines = text.split("\n")
    n = rnd.randrange(len(lines))
    lines[n] += f"（责任单位：{names}）"
    return "\n".join(lines)


def unbalance_brackets(text: str, rnd: random.Random) -> str:
    chars = list(text)
    for _ in range(rnd.randint(1, 30)):
        at = rnd.randrange(len(chars) + 1)
        if rnd.random() < 0.3:
            # drop a closing bracket if there is one near
            for i in range(at, min(len(chars), at + 200)):
                if chars[i] in "》）)】〕」":
                    del chars[i]
                    break
        else:
            chars.insert(at, rnd.choice("《（(【〔「》）)】〕」"))
    return "".join(chars)


def crlf(text: str, rnd: random.Random) -> str:
    return text.replace("\n", "\r\n")


def cr_only(text: str, rnd: random.Random) -> str:
    return text.replace("\n", "\r")


MUTATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "cut": cut,
    "shuffle": shuffle_lines,
    "lengthen": lengthen_list,
    "brackets": unbalance_brackets,
    "crlf": crlf,
    "cr": cr_only,
}
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030")

# pieces official documents are made of, for documents made from nothing
PIECES = (
    "宝鸡市人民政府办公室关于印发",
    "实施方案的通知",
    "宝政办发〔2023〕12号",
    "各县区人民政府，市政府各工作部门：",
    "一、",
    "（一）",
    "1.",
    "责任单位：",
    "牵头单位：",
    "市发展改革委",
    "市科技局、市财政局",
    "配合",
    "《",
    "》",
    "〔",
    "〕",
    "（",
    "）",
    "到2025年，",
    "达到90%以上",
    "2023年12月31日前完成",
    "。",
    "，",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "|",
)


def norm(text: str) -> str:
    return squash(fold(text))


_MARKS = str.maketrans("", "", "〔〕[]()（）【】《》〈〉#*>|")


def loose(text: str) -> str:
    """Compared without spacing, brackets (文号 are normalised: [2022] → 〔2022〕) or markdown marks (tasks drop
    them); traditional characters as simplified."""
    return to_simplified(norm(text)).translate(_MARKS)


def check_spans(result: FileResult, text: str) -> None:
    """Every span inside the file, and the words at it are the words the record names."""
    if result.error:
        assert result.records == []
        return
    event("documents found" if result.documents else "no document")
    size = len(text)
    for record in result.records:
        start, end = record.span
        assert 0 <= start <= end <= size, (record.kind, record.span, size)
        at = text[start:end]
        if record.kind == "document":
            # its title block, or (lines shuffled, the title printed before the 文号) at least its 文号; a text read
            # as one untitled document (no title, no 文号) names nothing to look for
            names = [loose(n)[:4] for n in (record.title, record.doc_no) if n]
            assert not names or any(n in loose(at) for n in names), (record.title, record.doc_no, at[:80])
        elif record.kind == "citation":
            # one record per cited document: its title may come from another mention, so the words at the span
            # name it by title or by 文号
            names = [loose(n) for n in (record.cited_title, record.cited_no) if n]
            assert any(n in loose(at) for n in names), (record.cited_title, record.cited_no, at)
        elif record.kind == "task":
            assert loose(record.text)[:10] in loose(at), (record.text[:40], at[:80])
            for dept in record.departments:
                d_start, d_end = dept.span
                assert 0 <= d_start <= d_end <= size
                assert text[d_start:d_end] == dept.mention, (dept.mention, text[d_start:d_end])
        elif record.kind == "indicator":
            assert norm(record.text) == norm(at), (record.text, at)
    for doc in result.documents:
        for group in result.parts(doc):
            for record in group:
                assert doc.span[0] <= record.span[0] and record.span[1] <= doc.span[1]


def extract_bytes(data: bytes, folder: Path, name: str = "doc.txt") -> tuple[FileResult, str | None]:
    path = folder / name
    path.write_bytes(data)
    result = extract_file(path)  # must never raise: unreadable input is an error on the result
    if result.error:
        event("unreadable")
    text = None if result.error else read_source(path).text
    return result, text


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from(sources()))
    if len(text) > WINDOW:
        heads = doc_no_offsets(text)  # half the windows open near a 文号, where documents begin
        if heads and draw(st.booleans()):
            start = max(0, draw(st.sampled_from(heads)) - draw(st.integers(0, 400)))
        else:
            start = draw(st.integers(0, len(text) - WINDOW))
        text = text[start : start + WINDOW]
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    for name in draw(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3)):
        text = MUTATIONS[name](text, rnd)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]  # cut mid-character now and then
    return data


random_documents = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=120).map("".join)


@BATTERY
@given(data=mutated_documents())
def test_mutated_documents_never_raise_and_spans_point_into_the_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result, text = extract_bytes(data, Path(folder))
        if text is not None:
            check_spans(result, text)


@BATTERY
@given(text=random_documents, encoding=st.sampled_from(("utf-8", "utf-16", "gb18030")))
def test_random_documents_never_raise_and_spans_point_into_the_file(text: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result, decoded = extract_bytes(text.encode(encoding, errors="replace"), Path(folder))
        if decoded is not None:
            check_spans(result, decoded)


@settings(BATTERY, max_examples=max(20, LONG // 10))
@given(picks=st.lists(st.integers(0, 10_000), min_size=3, max_size=3), data=mutated_documents())
def test_a_mutated_file_leaves_the_records_of_the_others_unchanged(picks: list[int], data: bytes) -> None:
    from loaders import extract_paths

    seeds = sources()
    small = [t for t in seeds if len(t) <= WINDOW] or list(seeds)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for n, pick in enumerate(picks):
            (folder / f"f{n}.txt").write_text(small[pick % len(small)], encoding="utf-8")
        (folder / "f3.txt").write_text(small[0], encoding="utf-8")

        def others() -> list[list[dict[str, object]]]:
            return [
                [to_json(r) for r in result.records] + [{"error": result.error}]
                for result in extract_paths([folder])
                if not result.source.endswith("f3.txt")
            ]

        before = others()
        (folder / "f3.txt").write_bytes(data)
        after = others()
        assert after == before


def test_table_row_of_units_without_task_words_does_not_crash() -> None:
    # found by the battery (lines of a 责任清单 shuffled): a table's first row has only unit cells; it raised
    # IndexError in loaders/obligations.py and `policygraph extract` printed a traceback
    from loaders import extract_text

    text = (
        "宝政发〔2022〕19号\n宝鸡市国家知识产权强市建设试点工作方案\n"
        "内 容\t拟实现的预期成果和出台的政策\t牵头部门\t责任单位\n"
        "\t\t市市场监管局 (知识产权局)\t市科技局、市工信局，各县(区)人民政府\n"
    )
    result = extract_text(text, "x.txt")
    assert len(result.documents) == 1 and result.tasks == []
