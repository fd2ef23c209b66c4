"""Obligations of one document: outline items and table rows, who answers for them, in which role.

Items come from outline markers (一、（一）1.（1）①, 第X章/条, 专栏 boxes); responsibility from slots
attached to an item, to a group of items (a slot on its own line after them), or from table columns.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from loaders.layout import Line
from loaders.outline import BOX, CIRCLED, INLINE, Marker, parse_marker, path_label
from loaders.slots import Assignment, Slot, find_slots, prose_assignments
from loaders.tables import Row, Table, clean_cell, find_tables
from loaders.text import join_lines

ANNEX = re.compile(r"^附\s*件\s*(\d{0,2})\s*[:：]?\s*$")


@dataclass(slots=True)
class Item:
    label: str
    rank: float
    start: int
    end: int
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)  # own text, page headers left out
    assignments: list[Assignment] = field(default_factory=list)
    has_slot: bool = False
    heading_slot: bool = False  # 一、强化科技创新（区科技局牵头）: the slot is on the heading of items beneath
    box: bool = False
    deadline_text: str | None = None  # a table's 时间表 cell

    @property
    def path(self) -> str:
        labels: list[str] = []
        node: Item | None = self
        while node is not None and node.label:
            labels.append(node.label)
            node = node.parent
        return "/".join(reversed(labels))

    def text(self, raw: str) -> str:
        return "".join(join_lines(raw[s:e]) for s, e in self.segments).strip()


@dataclass(slots=True)
class Outline:
    items: list[Item]
    tables: list[Table]
    root: Item | None = None  # the text before the first item (a preamble, a goal paragraph)


def _open_item(stack: list[Item], root: Item, marker_label: str, rank: float, start: int, end: int) -> Item:
    while stack and stack[-1].rank >= rank:
        stack.pop()
    parent = stack[-1] if stack else root
    item = Item(marker_label, rank, start, end, parent)
    parent.children.append(item)
    stack.append(item)
    item.segments.append((start, end))
    return item


def _inline_splits(folded: str, line: Line, first: Marker | None) -> list[tuple[int, Marker]]:
    """Items starting inside a line after 。：；, when numbering starts at 1 or goes on."""
    found: list[tuple[int, Marker]] = []
    last_number: dict[str, int] = {}
    for m in INLINE.finditer(folded, line.start, line.end):
        marker = parse_marker(folded[m.end() : line.end].lstrip())
        if marker is None or (first is not None and marker.rank <= first.rank):
            continue
        number = re.sub(r"\D", "", marker.label)
        value = int(number) if number else (CIRCLED.index(marker.label) + 1 if marker.label in CIRCLED else 0)
        if value == 1 or value == last_number.get(marker.kind, -9) + 1:
            last_number[marker.kind] = value
            found.append((m.end(), marker))
    return found


def build_outline(raw: str, folded: str, lines: list[Line], first: int, last: int, drop: set[str]) -> Outline:
    """The item tree of lines first..last; table lines are left to the table reader."""
    tables = find_tables(raw, lines, first, last)
    in_table = set().union(*(t.lines for t in tables)) if tables else set()
    root = Item("", -1.0, lines[first].start if first < len(lines) else 0, 0)
    stack: list[Item] = []
    items: list[Item] = []
    for n in range(first, last):
        line = lines[n]
        if line.blank or n in in_table or re.sub(r"\s+", "", line.clean) in drop:
            continue
        offset = line.start + (len(raw[line.start : line.end]) - len(raw[line.start : line.end].lstrip(" \t#*>-")))
        marker = parse_marker(line.clean)
        annex = ANNEX.match(line.clean)
        if annex:
            # an attachment restarts the numbering: its items hang under 附件N
            stack.clear()
            items.append(_open_item(stack, root, "附件" + (annex.group(1) or ""), -0.5, offset, line.end))
            items[-1].box = True
            continue
        box = BOX.match(line.clean)
        if box:
            rank = (stack[-1].rank if stack else 0.0) + 0.01
            item = _open_item(stack, root, box.group().replace(" ", ""), rank, offset, line.end)
            item.box = True
            items.append(item)
            continue
        splits = _inline_splits(folded, line, marker)
        bounds = [offset, *(s for s, _ in splits), line.end]
        markers = [marker, *(m for _, m in splits)]
        for k, mk in enumerate(markers):
            seg_start, seg_end = bounds[k], bounds[k + 1]
            if mk is None:
                target = stack[-1] if stack else root
                target.segments.append((seg_start, seg_end))
                target.end = seg_end
                continue
            items.append(_open_item(stack, root, path_label(mk), mk.rank, seg_start, seg_end))
    return Outline(items, tables, root)


def attach_slots(raw: str, folded: str, outline: Outline, slots: list[Slot], line_slots: set[int]) -> None:
    """Give each slot to its item; a slot on a line of its own also covers the unassigned siblings before."""
    owners: list[tuple[int, int, Item]] = sorted(
        ((s, e, item) for item in outline.items for s, e in item.segments), key=lambda t: t[0]
    )
    starts = [s for s, _, _ in owners]
    for slot in slots:
        k = bisect.bisect_right(starts, slot.start) - 1
        if k < 0:
            continue
        item = owners[k][2]
        covered = [item]
        parent = item.parent
        if slot.start in line_slots and parent is not None and parent.label and _closes_parent(outline, item, slot):
            covered = [parent]  # 1.完善体系 (1)… (4)… then (责任单位：…) then 2.: the slot is item 1's
        elif slot.start in line_slots and item.parent is not None:
            siblings = item.parent.children
            for sib in reversed(siblings[: siblings.index(item)]):
                if sib.has_slot or sib.box:
                    break
                covered.append(sib)
        for target in covered:
            target.has_slot = True
            target.assignments.extend(slot.assignments)
            if target.children and _on_heading(folded, target, slot):
                target.heading_slot = True


def _on_heading(folded: str, item: Item, slot: Slot) -> bool:
    """Whether the slot stands on the item's heading (一、强化科技创新（区科技局牵头）), not after a sentence."""
    first_start, first_end = item.segments[0] if item.segments else (0, 0)
    return first_start <= slot.start < first_end and not re.search(r"[。;；]", folded[first_start : slot.start])


def _closes_parent(outline: Outline, item: Item, slot: Slot) -> bool:
    """Whether a slot on its own line after the last sub-item closes the parent item: the next item is
    of the parent's level or above (or none follows), and none of its two or more sub-items has a slot."""
    parent = item.parent
    if parent is None or len(parent.children) < 2 or parent.children[-1] is not item:
        return False
    if parent.parent is None or not parent.parent.label:
        return False  # a part heading (一、二、) groups tasks; it is not one
    if any(c.has_slot for c in parent.children):
        return False
    following = next((it for it in outline.items if it.start >= slot.end), None)
    return following is None or following.rank <= parent.rank


__all__ = [
    "Item",
    "Outline",
    "Row",
    "attach_slots",
    "build_outline",
    "clean_cell",
    "find_slots",
    "prose_assignments",
]
