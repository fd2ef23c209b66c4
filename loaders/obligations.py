"""Task and Indicator records of one document, from its outline, slots and tables.

Glue between tasks.py (items), slots.py (who and role), tables.py, departments.py,
indicators.py and deadlines.py; knows the record shapes, nothing of stores.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from loaders.deadlines import Deadline, find_deadline
from loaders.departments import department_key
from loaders.indicators import Target, find_indicators
from loaders.layout import Line
from loaders.names import qualify
from loaders.outline import CIRCLED, parse_marker, path_label
from loaders.records import Document, Indicator, Responsibility, Task, Warning
from loaders.slots import Assignment, find_slots, parse_slot_content, prose_assignments, verbatim
from loaders.tables import MARKUP, Cell, Row, Table, clean_cell
from loaders.tasks import Item, attach_slots, build_outline
from loaders.text import fold, fold_width, join_lines
from loaders.years import context_year, plan_year_of


@dataclass(slots=True)
class Obligations:
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    path: str
    segments: list[tuple[int, int]]
    assignments: list[Assignment]
    year: int | None
    deadline_cells: list[tuple[int, int]] = field(default_factory=list)  # a table's 时间表 cells
    describes_present: bool = False
    preamble: bool = False  # text before the first item: only clearly stated targets count
    goal: bool = False  # under a heading of goals (发展目标, 总体要求 …): the document's own targets
    section: list[Assignment] = field(default_factory=list)  # the lead named on a heading above it


def _doc_year(doc: Document) -> int | None:
    return int(doc.date[:4]) if doc.date else None


def _responsibilities(raw: str, assignments: Iterable[Assignment], doc: Document) -> tuple[Responsibility, ...]:
    """One entry per department and role, first mention kept; a lead also named as responsible stays lead.

    The entries come in printed order, each with its `position` in that list: the order the slot, the row's
    cells (column by column, a cell carried down from the row above where its column stands) or the prose
    name them, first mention of each unit kept."""
    out: dict[str, Responsibility] = {}
    rank = {"lead": 0, "responsible": 1, "support": 2}
    for a in assignments:
        a = verbatim(a, raw)
        unit = a.unit
        key = department_key(unit, doc.jurisdiction)
        entry = Responsibility(
            unit.mention,
            unit.name,
            a.role,
            unit.function,
            unit.kind,
            unit.known,
            unit.successor,
            key,
            qualify(unit.name, doc.jurisdiction),
            (unit.start, unit.end),
        )
        old = out.get(unit.name)
        if old is None:
            out[unit.name] = entry
        elif rank[a.role] < rank[old.role]:
            out[unit.name] = replace(old, role=a.role)
    return tuple(replace(r, position=k) for k, r in enumerate(out.values()))


def _first_lead(units: tuple[Responsibility, ...]) -> str:
    """The first-listed lead, else the first-listed unit (units come in printed order)."""
    return next((u.qualified for u in units if u.role == "lead"), units[0].qualified)


def _owner(raw: str, draft: _Draft, units: tuple[Responsibility, ...], doc: Document) -> tuple[str, str]:
    """Who answers for the targets of a draft: its own units; else the lead named on a heading above it;
    else the document itself, owned by its issuer (a goal paragraph, a preamble, an item naming no unit)."""
    if units:
        return _first_lead(units), "task"
    if draft.section:
        section = _responsibilities(raw, draft.section, doc)
        if section:
            return _first_lead(section), "section"
    issuer = doc.issuer or (f"{doc.jurisdiction}人民政府" if doc.jurisdiction else None)
    return issuer or doc.title or doc.doc_id, "document"


def _text(raw: str, segments: list[tuple[int, int]]) -> str:
    """The task's words: lines joined, markup of web copies (<p>, <b>) dropped, cells apart by a space."""
    return " ".join(join_lines(MARKUP.sub("", raw[s:e])).strip() for s, e in segments).strip()


def _reports_present(raw: str, item: Item) -> bool:
    node: Item | None = item
    while node is not None and node.label:
        if PRESENT.search(node.text(raw)[:16]):
            return True
        node = node.parent
    return False


# headings of a plan's goals and guiding part: what it states there is the document's own aim, not a task
# (（二）发展目标, 三、工作目标, 一、总体要求, 2.阶段目标, (一)指导思想 …); a heading is its first words after the marker
GOAL_HEADING = re.compile(
    r"^(?:(?:总体|主要|发展|工作|阶段性?|具体|近期|远期|预期|年度|总|主要工作|工作)?目标(?:任务)?|总体要求|指导思想|基本原则|工作原则)"
    r"(?:[。：:，,\s]|$)"
)
# documents that are rules of procedure (工作规则, 议事规则 …): their unit-less articles say how a body works
# (who chairs, who stands in), not what someone must deliver
PROCEDURE_DOCUMENT = re.compile(r"(?:工作|议事|会议)规则|议事规程|议事制度")


def _heading(raw: str, item: Item) -> str:
    """The first words of an item's first line, its outline marker left out."""
    if not item.segments:
        return ""
    s, e = item.segments[0]
    text = fold(MARKUP.sub("", raw[s:e]).strip()).split("\n", 1)[0][:24]
    marker = parse_marker(text)
    return text[marker.length :].lstrip() if marker is not None else text


def _under_goals(raw: str, item: Item) -> bool:
    node: Item | None = item
    while node is not None and node.label:
        if GOAL_HEADING.match(_heading(raw, node)):
            return True
        node = node.parent
    return False


def _section_lead(item: Item) -> list[Assignment]:
    """The units named on the nearest heading above (一、…（区科技局牵头）): the lead of its section."""
    node = item.parent
    while node is not None and node.label:
        if node.heading_slot and node.assignments:
            return list(node.assignments)
        node = node.parent
    return []


def _items_drafts(raw: str, folded: str, items: list[Item], plan_year: int | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    for item in items:
        if item.box:
            continue
        year = context_year(item, folded, plan_year)
        present = _reports_present(raw, item)
        goal, section = _under_goals(raw, item), _section_lead(item)
        if item.assignments or item.has_slot:
            drafts.append(
                _Draft(
                    item.path,
                    list(item.segments),
                    list(item.assignments),
                    year,
                    describes_present=present,
                    goal=goal,
                    section=section,
                )
            )
            continue
        # prose: "A负责…" paragraphs under one heading are tasks of their own
        said = [(seg, prose_assignments(folded, *seg)) for seg in item.segments]
        with_units = [(seg, found) for seg, found in said if found]
        if len(with_units) >= 2:
            for k, (seg, found) in enumerate(with_units, start=1):
                drafts.append(_Draft(f"{item.path}/¶{k}", [seg], found, year, goal=goal, section=section))
        elif with_units or not item.children:
            found = [a for _, f in with_units for a in f] or _from_heading(item)
            drafts.append(
                _Draft(
                    item.path,
                    list(item.segments),
                    found,
                    year,
                    describes_present=present,
                    goal=goal,
                    section=section,
                )
            )
    return drafts


def _from_heading(item: Item) -> list[Assignment]:
    """A lead written on a heading covers every item beneath it that names no unit of its own (FORMAT.md)."""
    if item.children:
        return []
    node = item.parent
    while node is not None and node.label and not node.box:  # a 专栏 box illustrates; it inherits nothing
        if node.heading_slot:
            return list(node.assignments)
        node = node.parent
    return []


# headings of parts that report the present, not targets: 发展基础, 工作成效, 基本情况 …
PRESENT = re.compile(r"发展基础|发展现状|基本情况|工作成效|主要成效|取得成效|现状|面临形势|形势分析|工作回顾")


_STATED_TARGET = re.compile(r"到\s*\d{4}\s*年|力争|争取|目标|确保|全年|年内|新增|达到|实现")
_THIS_YEAR = re.compile(r"(?<![一二三四五六七八九十两几数\d])年内|全年|今年|本年|年底前|年末前")


def _printed_unit(raw: str, ind: Target) -> str:
    """The unit as the document prints it (萬戶 in a traditional text), width folded (％ → %)."""
    if len(ind.unit_at) != len(ind.unit):
        return ind.unit
    printed = "".join(raw[k] for k in ind.unit_at)
    return fold_width(printed) if fold(printed) == ind.unit else ind.unit


def _targets(folded: str, draft: _Draft, doc_year: int | None) -> list[Target]:
    """Indicators of a draft, less statistics of years before the document was signed."""
    found = []
    for s, e in draft.segments:
        for ind in find_indicators(folded[s:e], s, year=draft.year or None, doc_year=doc_year):
            if ind.year is not None and doc_year is not None and ind.year < doc_year:
                continue  # 2020年市场规模超过3800亿元 in a 2021 plan: a result, not a target
            if ind.year is None and doc_year is not None and _THIS_YEAR.search(folded[ind.start : ind.end]):
                ind = replace(ind, year=doc_year)  # 年内/全年/今年 in a plan signed that year
            if draft.preamble and ind.comparator == "=" and not _STATED_TARGET.search(ind.text):
                continue  # a notice's 核定…1569户 or a page's 下载230次: not a target
            found.append(ind)
    return found


def _row_units(raw: str, row: Row, last: dict[str, list[Assignment]]) -> list[Assignment]:
    found: list[Assignment] = []
    for role in ("lead", "responsible", "support"):
        cells = row.cells.get(role)
        if cells:
            units: list[Assignment] = []
            for cell in cells:
                units.extend(parse_slot_content(raw[cell.start : cell.end], cell.start, label_role=role))
            last[role] = units
        found.extend(last.get(role, []))
    return found


def _table_drafts(raw: str, table: Table, number: int, plan_year: int | None) -> list[_Draft]:
    """Rows → drafts: an empty task cell continues the task above; empty unit cells repeat the row above."""
    drafts: list[_Draft] = []
    last: dict[str, list[Assignment]] = {}
    section = ""
    current: _Draft | None = None
    has_task_column = "task" in table.roles
    for k, row in enumerate(table.rows, start=1):
        task_cells = row.cells.get("task", [])
        others = [r for r in row.cells if r not in ("task", "seq")]
        if (
            task_cells
            and not others
            and re.match(r"^[一二三四五六七八九十]+[、.]", clean_cell(raw[task_cells[0].start : task_cells[0].end]))
        ):
            section = clean_cell(raw[task_cells[0].start : task_cells[0].end]).split("、")[0].split(".")[0]
            current = None
            continue
        units = _row_units(raw, row, last)
        segments = [(c.start, c.end) for role in ("task", "detail", "deadline") for c in row.cells.get(role, [])]
        segments.sort()
        deadlines = [(c.start, c.end) for c in row.cells.get("deadline", [])]
        if has_task_column and not task_cells and current is not None:
            current.segments.extend(segments)
            current.assignments.extend(units)
            current.deadline_cells.extend(deadlines)
            continue
        if not segments:  # units with no task words and no task above them (a table cut by a page break)
            continue
        seq = _row_label(raw, row, task_cells, k)
        path = "/".join(p for p in (f"表{number}", section, seq) if p)
        current = _Draft(path, segments, units, plan_year, deadlines)
        drafts.extend(_split_circled(raw, current))
    return drafts


def _row_label(raw: str, row: Row, task_cells: list[Cell], k: int) -> str:
    """序号 cell, else the task cell's own outline number (1.全面提升… → 1), else the row count."""
    if "seq" in row.cells:
        return clean_cell(raw[row.cells["seq"][0].start : row.cells["seq"][0].end])
    if task_cells:
        marker = parse_marker(fold(clean_cell(raw[task_cells[0].start : task_cells[0].end])))
        if marker is not None:
            return path_label(marker)
    return str(k)


def _deadline(folded: str, draft: _Draft, year: int | None) -> Deadline | None:
    """From the 时间表 cells when the table has them (the latest date), else from the task's own words."""
    spans = draft.deadline_cells or [(draft.segments[0][0], max(e for _, e in draft.segments))]
    found = [d for s, e in spans if (d := find_deadline(folded[s:e], s, doc_year=year)) is not None]
    if not found:
        return None
    dated = [d for d in found if d.date]
    chosen = max(dated, key=lambda d: d.date or "") if dated else found[0]
    return replace(chosen, recurring=any(d.recurring for d in found))


def _split_circled(raw: str, draft: _Draft) -> list[_Draft]:
    """A task cell listing ①②③…: each circled item is a task of its own, with the row's units
    (and its 时间表 cells); the row's other text columns stay with the row."""
    s, e = draft.segments[0]
    cuts = [m.start() for m in _CIRCLED.finditer(raw, s, e)]
    if len(cuts) < 2:
        return [draft]
    out = []
    for k, cut in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else e
        out.append(
            _Draft(f"{draft.path}/{raw[cut]}", [(cut, end)], draft.assignments, draft.year, draft.deadline_cells)
        )
    return out


_CIRCLED = re.compile(f"[{CIRCLED}]")


def extract_obligations(
    raw: str, folded: str, lines: list[Line], first: int, last: int, doc: Document, drop: set[str], part: str = ""
) -> Obligations:
    """Tasks and indicators between line numbers first and last of one document; `part` names a stretch
    outside its body (a news lead: 导语) in front of the outline paths."""
    result = Obligations()
    if first >= last:
        return result
    plan_year = plan_year_of(doc.subject or "", doc.title or "")
    outline = build_outline(raw, folded, lines, first, last, drop)
    table_lines = set().union(*(t.lines for t in outline.tables)) if outline.tables else set()
    slots, alone = find_slots(raw, folded, lines, first, last, table_lines)
    attach_slots(raw, folded, outline, slots, alone)
    drafts = _items_drafts(raw, folded, outline.items, plan_year)
    if outline.root is not None and outline.root.segments:
        # targets stated before the first item (a preamble, a goal paragraph): indicators, no task of their own
        drafts.insert(0, _Draft("", list(outline.root.segments), [], plan_year, preamble=True, goal=True))
    for number, table in enumerate(outline.tables, start=1):
        drafts.extend(_table_drafts(raw, table, number, plan_year))
    seen: dict[str, int] = {}
    doc_year = _doc_year(doc)
    procedure = bool(PROCEDURE_DOCUMENT.search(f"{doc.subject or ''} {doc.title or ''}"))
    starts = [ln.start for ln in lines[first:last]]
    for draft in drafts:
        text = _text(raw, draft.segments)
        indicators = [] if draft.describes_present else _targets(folded, draft, _doc_year(doc))
        if not draft.assignments and not indicators:
            continue
        path = "/".join(p for p in (part, draft.path) if p) or "0"
        seen[path] = seen.get(path, 0) + 1
        task_id = f"{doc.doc_id}#{path}" + (f"~{seen[path]}" if seen[path] > 1 else "")
        deadline = _deadline(folded, draft, doc_year or draft.year)  # 年内 is the year the document was signed
        span = (draft.segments[0][0], max(e for _, e in draft.segments))
        departments = _responsibilities(raw, draft.assignments, doc)
        result.tasks.append(
            Task(
                doc.doc_no,
                doc.doc_id,
                task_id,
                path,
                text,
                deadline.date if deadline else None,
                deadline.words if deadline else None,
                deadline.recurring if deadline else False,
                departments,
                doc.source,
                span,
                "procedure" if procedure else "goals" if draft.goal else "tasks",
            )
        )
        owner, owner_kind = _owner(raw, draft, departments, doc)
        for k, ind in enumerate(indicators, start=1):
            result.indicators.append(
                Indicator(
                    doc.doc_no,
                    doc.doc_id,
                    task_id,
                    f"{task_id}@{k}",
                    raw[ind.start : ind.end],
                    ind.value,
                    ind.value_max,
                    _printed_unit(raw, ind),
                    ind.comparator,
                    ind.year,
                    doc.source,
                    (ind.start, ind.end),
                    owner,
                    owner_kind,
                )
            )
        for dept in departments:
            if not dept.known:
                line = first + bisect_right(starts, dept.span[0])  # 1-based: lines[first] is line first + 1
                result.warnings.append(Warning("W301", f"department not in the lexicon: {dept.name}", doc.source, line))
            if dept.kind == "collective" and "/" not in dept.department_id:
                line = first + bisect_right(starts, dept.span[0])
                text = f"collective actor in a document of unknown jurisdiction, left unqualified: {dept.name}"
                result.warnings.append(Warning("W302", text, doc.source, line))
    return result


__all__ = ["Obligations", "extract_obligations"]
