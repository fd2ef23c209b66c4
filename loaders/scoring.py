"""The scorer behind `policygraph eval`: predicted records against gold annotations.
Owns 文号/title normalisation, gold loading, one-to-one matching and P/R/F1.

The gold format is described in ``data/gold/FORMAT.md``. Predicted records are
what ``policygraph extract`` writes: the same ``kind`` values and fields as the
gold, plus ``source`` (the corpus file path) and ``span``; predicted tasks and
indicators carry ``text`` where the gold has ``anchor``.

Every matching is one-to-one within one gold file: a predicted record matches at
most one gold record and vice versa. Predicted records whose ``source`` stem is
not a gold file name are ignored. This module is a pure library: it reads files
only in :func:`load_jsonl` / :func:`load_gold` and never prints.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders import docno
from loaders.text import to_simplified

Record = dict[str, Any]

DOCUMENT_FIELDS: tuple[str, ...] = ("doc_no", "title", "subject", "issuer", "date")

_WS = re.compile(r"\s+")
_BRACKETS = str.maketrans(
    {
        **{c: "〔" for c in "[【(（〔［﹝〖"},
        **{c: "〕" for c in "]】)）〕］﹞〗"},
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
_TITLE_MARKS = re.compile(r"[\s《》〈〉<>‹›「」“”\"]+")
_TOLERANCE = 1e-9


def normalize_doc_no(s: str | None) -> str | None:
    """A 文号 in the form scores compare: GB/T 9704 (brackets 〔〕, no spaces, no leading zeros), simplified.

    Text that holds no 文号 is compared with its whitespace removed and brackets unified.
    ``None`` stays ``None``.
    """
    if s is None:
        return None
    parsed = docno.normalize_doc_no(str(s))
    return to_simplified(_WS.sub("", str(parsed)).translate(_BRACKETS))


def normalize_title(s: str | None) -> str | None:
    """Remove all whitespace and the marks 《》〈〉<>‹›「」“”" from a title; ``None`` stays ``None``."""
    if s is None:
        return None
    return _TITLE_MARKS.sub("", str(s))


def _squash(value: Any) -> str | None:
    """A value as a string with all whitespace removed; ``None`` stays ``None``."""
    if value is None:
        return None
    return _WS.sub("", str(value))


def load_jsonl(path: Path) -> list[Record]:
    """Read a JSON Lines file of objects; blank lines are skipped.

    Raises ``ValueError`` naming the file and the 1-based line number when a
    line is not valid JSON or not a JSON object.
    """
    records: list[Record] = []
    with Path(path).open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{Path(path).name}:{number}: invalid JSON: {exc.msg}") from exc
            if isinstance(value, dict):
                records.append(value)
                continue
            raise ValueError(f"{Path(path).name}:{number}: expected a JSON object")
    return records


ONE_DOCUMENT_MARKER = "one-document-per-file"


def one_document_per_file(path: Path) -> bool:
    """A gold folder (or a gold file's folder) holding a file named ``one-document-per-file`` is
    scored with each corpus file as one document (fragments, web copies: see FORMAT.md)."""
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    return (folder / ONE_DOCUMENT_MARKER).is_file()


def load_gold(path: Path) -> dict[str, list[Record]]:
    """Load gold records from one ``.jsonl`` file or every ``*.jsonl`` in a directory.

    The key is the file stem, which names the corpus file it annotates. A
    directory without gold files gives an empty dict.
    """
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return {file.stem: load_jsonl(file) for file in files}


@dataclass(frozen=True)
class PRF:
    """True positives, false positives and false negatives of one matching.

    Convention for empty denominators: precision is 1.0 when nothing was
    predicted and nothing was expected (tp = fp = fn = 0), else 0.0 when nothing
    was predicted; recall likewise is 1.0 when nothing was expected and nothing
    predicted, else 0.0 when nothing was expected. F1 is 0.0 when precision and
    recall are both 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), see the class docstring for 0/0."""
        predicted = self.tp + self.fp
        if predicted == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / predicted

    @property
    def recall(self) -> float:
        """tp / (tp + fn), see the class docstring for 0/0."""
        expected = self.tp + self.fn
        if expected == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / expected

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0)."""
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def _ratio(pair: tuple[int, int]) -> str:
    correct, total = pair
    return f"{correct}/{total} ({correct / total:.3f})" if total else f"{correct}/{total} (n/a)"


def _prf_text(prf: PRF) -> str:
    return f"P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f} (tp={prf.tp} fp={prf.fp} fn={prf.fn})"


@dataclass(frozen=True)
class ScoreReport:
    """Scores of predicted records against gold, summed over the gold files.

    ``document_fields`` maps each of doc_no, title, subject, issuer, date to
    (correct, total) over matched gold documents. ``citation_relation`` is
    (matched citations with the gold relation, matched citations); ``roles`` is
    (matched assignments with the gold role, matched assignments). Tasks,
    assignments, roles and indicators cover only gold documents with
    ``"scored": true``. ``files`` lists the gold file stems scored.
    """

    documents: PRF
    document_fields: dict[str, tuple[int, int]]
    citations: PRF
    citation_relation: tuple[int, int]
    tasks: PRF
    assignments: PRF
    roles: tuple[int, int]
    indicators_detected: PRF
    indicators_complete: PRF
    files: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        """(metric name, value) pairs, in display order."""
        rows = [
            ("files", ", ".join(self.files) or "-"),
            ("documents", _prf_text(self.documents)),
        ]
        rows += [(f"document.{name}", _ratio(pair)) for name, pair in self.document_fields.items()]
        rows += [
            ("citations", _prf_text(self.citations)),
            ("citation.relation", _ratio(self.citation_relation)),
            ("tasks", _prf_text(self.tasks)),
            ("assignments", _prf_text(self.assignments)),
            ("assignment.role", _ratio(self.roles)),
            ("indicators.detected", _prf_text(self.indicators_detected)),
            ("indicators.complete", _prf_text(self.indicators_complete)),
        ]
        return rows


@dataclass
class _Tally:
    """Mutable running totals, turned into a :class:`ScoreReport` at the end."""

    documents: PRF = PRF()
    fields: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0] for name in DOCUMENT_FIELDS})
    citations: PRF = PRF()
    relation: list[int] = field(default_factory=lambda: [0, 0])
    tasks: PRF = PRF()
    assignments: PRF = PRF()
    roles: list[int] = field(default_factory=lambda: [0, 0])
    detected: PRF = PRF()
    complete: PRF = PRF()


def _kind(records: Iterable[Record], kind: str) -> list[Record]:
    return [r for r in records if r.get("kind") == kind]


def _greedy(gold: list[Record], pred: list[Record], same: Callable[[Record, Record], bool]) -> list[tuple[int, int]]:
    """One-to-one matching as (gold index, predicted index) pairs: each gold
    record, in order, takes the first free predicted record that is the same."""
    free = list(range(len(pred)))
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        for position, pi in enumerate(free):
            if same(g, pred[pi]):
                pairs.append((gi, pi))
                del free[position]
                break
    return pairs


def _prf(pairs: int, gold: int, pred: int) -> PRF:
    return PRF(tp=pairs, fp=pred - pairs, fn=gold - pairs)


def _doc_key(record: Record) -> str | None:
    return normalize_doc_no(record.get("doc_no"))


def _same_document(g: Record, p: Record) -> bool:
    if g.get("doc_no") is not None:
        return _doc_key(g) == _doc_key(p)
    title = normalize_title(g.get("title"))
    return title is not None and title == normalize_title(p.get("title"))


def _score_documents(gold: list[Record], pred: list[Record], tally: _Tally, whole: bool = False) -> None:
    """Documents by doc_no (gold without doc_no by title), then field accuracy. `whole`: the file is
    one document, so its gold document pairs with the predicted one that matches, else the first."""
    gold_docs = _kind(gold, "document")
    gold_docs.sort(key=lambda g: g.get("doc_no") is None)  # doc_no matches first
    pred_docs = _kind(pred, "document")
    pairs = _greedy(gold_docs, pred_docs, _same_document)
    if whole and not pairs and gold_docs and pred_docs:
        pairs = [(0, 0)]
    tally.documents += _prf(len(pairs), len(gold_docs), len(pred_docs))
    for gi, pi in pairs:
        g, p = gold_docs[gi], pred_docs[pi]
        for name in DOCUMENT_FIELDS:
            norm = normalize_doc_no if name == "doc_no" else _squash
            tally.fields[name][0] += norm(g.get(name)) == norm(p.get(name))
            tally.fields[name][1] += 1


def _same_citation(g: Record, p: Record) -> bool:
    if _doc_key(g) != _doc_key(p):
        return False
    if g.get("cited_no") is not None:
        return normalize_doc_no(g["cited_no"]) == normalize_doc_no(p.get("cited_no"))
    title = normalize_title(g.get("cited_title"))
    return title is not None and title == normalize_title(p.get("cited_title"))


def _score_citations(gold: list[Record], pred: list[Record], tally: _Tally) -> None:
    """Citations by citing document and cited_no (gold without cited_no by title)."""
    gold_cits = _kind(gold, "citation")
    gold_cits.sort(key=lambda g: g.get("cited_no") is None)  # cited_no matches first
    pred_cits = _kind(pred, "citation")
    pairs = _greedy(gold_cits, pred_cits, _same_citation)
    tally.citations += _prf(len(pairs), len(gold_cits), len(pred_cits))
    tally.relation[0] += sum(gold_cits[gi].get("relation") == pred_cits[pi].get("relation") for gi, pi in pairs)
    tally.relation[1] += len(pairs)


def _departments(task: Record) -> list[Record]:
    departments = task.get("departments")
    if not isinstance(departments, list):
        return []
    return [d for d in departments if isinstance(d, dict)]


def _dept_names(task: Record) -> set[str]:
    names = (_squash(d.get(key)) for d in _departments(task) for key in ("name", "mention"))
    return {name for name in names if name}


def _task_text(task: Record) -> str:
    return _squash(task.get("text") or task.get("anchor")) or ""


def _match_tasks(gold: list[Record], pred: list[Record]) -> list[tuple[int, int]]:
    """Pair gold tasks with predicted tasks of the same document whose text contains
    the anchor (whitespace removed from both), one-to-one.

    Candidate pairs are taken shortest (most specific) predicted text first, then
    most shared department names, then gold and predicted order; a pair is skipped
    once either side is taken. Sharing names separates tasks whose anchors repeat
    verbatim (a 年内报送…不少于6条 row under every department).
    """
    texts = [_task_text(p) for p in pred]
    candidates = []
    for gi, g in enumerate(gold):
        anchor, names = _squash(g.get("anchor")), _dept_names(g)
        for pi, p in enumerate(pred):
            if anchor and anchor in texts[pi] and _doc_key(p) == _doc_key(g):
                shared = len(names & _dept_names(p))
                candidates.append((len(texts[pi]), -shared, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _match_departments(gold: list[Record], pred: list[Record]) -> list[tuple[Record, Record]]:
    """Departments match on equal whitespace-free ``name`` first, then on equal ``mention``."""

    def same_name(g: Record, p: Record) -> bool:
        name = _squash(g.get("name"))
        return bool(name) and name == _squash(p.get("name"))

    def same_mention(g: Record, p: Record) -> bool:
        mention = _squash(g.get("mention"))
        return bool(mention) and mention == _squash(p.get("mention"))

    by_name = _greedy(gold, pred, same_name)
    used_gold = {gi for gi, _ in by_name}
    used_pred = {pi for _, pi in by_name}
    rest_gold = [g for gi, g in enumerate(gold) if gi not in used_gold]
    rest_pred = [p for pi, p in enumerate(pred) if pi not in used_pred]
    by_mention = _greedy(rest_gold, rest_pred, same_mention)
    return [(gold[gi], pred[pi]) for gi, pi in by_name] + [(rest_gold[gi], rest_pred[pi]) for gi, pi in by_mention]


def _score_tasks(gold: list[Record], pred: list[Record], tally: _Tally) -> None:
    """Tasks, (task, department) assignments and roles of the scored documents.

    Predicted tasks without any department are left out: the gold only has tasks
    with an explicit responsibility assignment.
    """
    gold_tasks = _kind(gold, "task")
    pred_tasks = [p for p in _kind(pred, "task") if _departments(p)]
    pairs = _match_tasks(gold_tasks, pred_tasks)
    tally.tasks += _prf(len(pairs), len(gold_tasks), len(pred_tasks))
    # every department starts as a miss (gold) or a false alarm (predicted);
    # matched task pairs then turn their matched departments into hits
    fn = sum(len(_departments(g)) for g in gold_tasks)
    fp = sum(len(_departments(p)) for p in pred_tasks)
    tp = 0
    for gi, pi in pairs:
        depts = _match_departments(_departments(gold_tasks[gi]), _departments(pred_tasks[pi]))
        tp += len(depts)
        fn -= len(depts)
        fp -= len(depts)
        tally.roles[0] += sum(gd.get("role") == pd.get("role") for gd, pd in depts)
        tally.roles[1] += len(depts)
    tally.assignments += PRF(tp=tp, fp=fp, fn=fn)


def _number(value: Any) -> float | None:
    """A finite float from an int, float or numeric string; else ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _close(a: Any, b: Any) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return a is None and b is None
    return abs(x - y) <= _TOLERANCE


def _year(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


def _same_indicator(g: Record, p: Record) -> bool:
    """Same document, value (within 1e-9) and whitespace-free unit."""
    return (
        _doc_key(g) == _doc_key(p)
        and _number(g.get("value")) is not None
        and _close(g.get("value"), p.get("value"))
        and _squash(g.get("unit")) == _squash(p.get("unit"))
    )


def _complete_indicator(g: Record, p: Record) -> bool:
    """:func:`_same_indicator` plus comparator, year, and value_max for ranges."""
    if not _same_indicator(g, p) or g.get("comparator") != p.get("comparator"):
        return False
    if _year(g.get("year")) != _year(p.get("year")):
        return False
    return g.get("comparator") != "range" or _close(g.get("value_max"), p.get("value_max"))


def _score_indicators(gold: list[Record], pred: list[Record], tally: _Tally) -> None:
    """Detected and complete indicators, each its own one-to-one matching."""
    gold_ind, pred_ind = _kind(gold, "indicator"), _kind(pred, "indicator")
    detected = _greedy(gold_ind, pred_ind, _same_indicator)
    complete = _greedy(gold_ind, pred_ind, _complete_indicator)
    tally.detected += _prf(len(detected), len(gold_ind), len(pred_ind))
    tally.complete += _prf(len(complete), len(gold_ind), len(pred_ind))


def as_one_document(gold: list[Record], pred: list[Record]) -> list[Record]:
    """Predicted records of a file that is one document: every citation, task and indicator is
    credited to the gold document (whatever document the extractor put it in); documents stay."""
    gold_docs = _kind(gold, "document")
    if len(gold_docs) != 1:
        return pred
    doc_no = gold_docs[0].get("doc_no")
    return [r if r.get("kind") == "document" else {**r, "doc_no": doc_no} for r in pred]


def _score_file(gold: list[Record], pred: list[Record], tally: _Tally, whole: bool = False) -> None:
    """Add one gold file's scores to the tally (`whole`: the file is one document)."""
    if whole:
        pred = as_one_document(gold, pred)
    _score_documents(gold, pred, tally, whole and len(_kind(gold, "document")) == 1)
    _score_citations(gold, pred, tally)
    scored = {_doc_key(d) for d in _kind(gold, "document") if d.get("scored") is True}
    gold_scored = [g for g in gold if _doc_key(g) in scored]
    pred_scored = [p for p in pred if _doc_key(p) in scored]
    _score_tasks(gold_scored, pred_scored, tally)
    _score_indicators(gold_scored, pred_scored, tally)


def _stem(record: Record) -> str | None:
    source = record.get("source")
    return Path(source).stem if isinstance(source, str) and source else None


def score(predicted: list[Record], gold: dict[str, list[Record]], one_document_per_file: bool = False) -> ScoreReport:
    """Score predicted records against gold files (key = corpus file stem).

    With ``one_document_per_file`` a gold file that holds one document is scored as that one
    document: its gold document pairs with the matching predicted document, else with the file's
    first one (extra predicted documents are false positives), and every predicted citation, task
    and indicator of the file counts for it.

    Only predicted records whose ``Path(source).stem`` is a gold key are scored;
    a gold file without predicted records still counts (zero recall). Tasks,
    assignments, roles and indicators are scored only for gold documents with
    ``"scored": true`` and only for predicted records of those documents (same
    normalised doc_no).
    """
    by_file: dict[str, list[Record]] = {stem: [] for stem in gold}
    for record in predicted:
        stem = _stem(record)
        if stem in by_file:
            by_file[stem].append(record)
    tally = _Tally()
    for stem in sorted(gold):
        _score_file(gold[stem], by_file[stem], tally, one_document_per_file)
    return ScoreReport(
        documents=tally.documents,
        document_fields={name: (c, t) for name, (c, t) in tally.fields.items()},
        citations=tally.citations,
        citation_relation=(tally.relation[0], tally.relation[1]),
        tasks=tally.tasks,
        assignments=tally.assignments,
        roles=(tally.roles[0], tally.roles[1]),
        indicators_detected=tally.detected,
        indicators_complete=tally.complete,
        files=sorted(gold),
    )
