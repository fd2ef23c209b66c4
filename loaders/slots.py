"""Responsibility slots: who answers for a task, and in which role.

Labelled slots (（责任单位：A、B）, 牵头单位：A  配合单位：B, [牵头单位：A；责任单位：B]) and
unlabelled ones (（A牵头，B配合）, （A、B负责）, …配合落实) become (unit, role) pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import cast

from loaders.departments import Unit, split_units
from loaders.layout import Line
from loaders.names import lookup
from loaders.outline import parse_marker
from loaders.records import Role
from loaders.reforms import successor_name
from loaders.roles import PERSON, WordRole, role_words
from loaders.text import word_alternation

_ROLES = role_words()
PERSON_LABEL = _ROLES.alternation("label", PERSON)
LABEL = re.compile(rf"(?P<label>{_ROLES.alternation('label')})\s*[:：]\s*")
# a role said after the units: A牵头 / B配合(落实) / C负责 / D督促落实
_TRAILING_ROLE = re.compile(rf"(?P<verb>{_ROLES.alternation('verb')})\s*$")
FIRST_IS_LEAD = re.compile(
    r"列第一位[的者]?为牵头单位|排在第一位[的者]?为牵头|第一个单位为牵头单位|排名第一[的者]?为牵头"
)
_SEGMENT_SPLIT = re.compile(r"[;；]|(?:[,，]|\s+)(?=\s*(?:" + LABEL.pattern + r"))")


@dataclass(frozen=True, slots=True)
class Assignment:
    unit: Unit
    role: Role


@dataclass(slots=True)
class Slot:
    start: int
    end: int
    assignments: list[Assignment] = field(default_factory=list)
    first_is_lead: bool = False  # 列第一位者为牵头单位 said here
    carries: bool = False  # … 下同: the rule holds for the rest of the document
    carried: list[Assignment] = field(default_factory=list)  # 以下…均需X落实，不再单独列出: X for every slot after


def _role_of_label(label: str) -> WordRole:
    return _ROLES.role_of(label, "label") or "responsible"


def _label_role(role: WordRole | None) -> Role:
    return "responsible" if role is None or role == PERSON else cast(Role, role)


def _verb_role(verb: str) -> Role:
    return _label_role(_ROLES.role_of(verb, "verb"))


def _segments(text: str, offset: int) -> list[tuple[str, int, WordRole | None]]:
    """Split slot content into (text, offset, label role) pieces at ；and before labels."""
    pieces: list[tuple[str, int, WordRole | None]] = []
    pos = 0
    for m in _SEGMENT_SPLIT.finditer(text):
        pieces.append((text[pos : m.start()], offset + pos, None))
        pos = m.end()
    pieces.append((text[pos:], offset + pos, None))
    labelled: list[tuple[str, int, WordRole | None]] = []
    for piece, at, _ in pieces:
        lm = LABEL.search(piece)
        if lm and not piece[: lm.start()].strip():
            labelled.append((piece[lm.end() :], at + lm.end(), _role_of_label(lm.group("label"))))
        else:
            labelled.append((piece, at, None))
    return labelled


def parse_slot_content(text: str, offset: int, label_role: WordRole | None = None) -> list[Assignment]:
    """Units and roles of one slot's content (after its opening label, if any)."""
    found: list[Assignment] = []
    for piece, at, piece_role in _segments(text, offset):
        role = piece_role or label_role
        if role == PERSON:
            continue
        # a clause may hold several "units + verb" runs: 市发改委牵头，市财政局配合
        for clause, c_at in _clauses(piece, at):
            verb = _TRAILING_ROLE.search(clause)
            units_text = clause[: verb.start()] if verb else clause
            clause_role: Role = _verb_role(verb.group("verb")) if verb else _label_role(role)
            if verb and role == "lead" and clause_role == "responsible":
                clause_role = "lead"
            for unit in split_units(units_text, c_at):
                found.append(Assignment(unit, clause_role))
    return found


# a comma after a role verb ends one "units + verb" run: 市发改委牵头，市财政局配合
_AFTER_VERB = re.compile(
    "(?<=" + "|".join(sorted({w[-2:] for w in _ROLES.words("verb") if len(w) >= 2})) + ")(?P<comma>[,，])"
)


def _clauses(piece: str, at: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _AFTER_VERB.finditer(piece):
        out.append((piece[pos : m.start("comma")], at + pos))
        pos = m.end()
    out.append((piece[pos:], at + pos))
    return [(c, a) for c, a in out if c.strip()]


_OPENERS = {"(": ")", "[": "]", "〔": "〕", "【": "】"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_BRACKET = re.compile(r"[()\[\]〔〕【】]")
MAX_SLOT = 600
MAX_LABELLED_SLOT = 50_000
_SAYS_FIRST = re.compile(r"[。;；,，]?\s*(?:" + FIRST_IS_LEAD.pattern + r")[^)）]*$")


def _bracket_pairs(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost bracket pairs (any of () [] 〔〕 【】, nested allowed), in one linear pass.

    A bracket left open longer than MAX_SLOT characters is given up (an unbalanced bracket must not swallow
    the slots after it), except one that opens with a label (（责任单位：…）): a list of units may be as
    long as the document makes it, up to MAX_LABELLED_SLOT.
    """
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    limit = MAX_SLOT
    for m in _BRACKET.finditer(folded, start, end):
        ch, pos = m.group(), m.start()
        if stack and pos - stack[0][1] > limit:
            stack.clear()
        if ch in _OPENERS:
            if not stack:
                labelled = LABEL.match(folded, pos + 1 + _leading_space(folded, pos + 1)) is not None
                limit = MAX_LABELLED_SLOT if labelled else MAX_SLOT
            stack.append((ch, pos))
        elif stack and stack[-1][0] == _CLOSERS[ch]:
            _, opened = stack.pop()
            if not stack:
                pairs.append((opened, pos + 1))
        elif stack:
            stack.clear()  # mismatched brackets: start afresh
    return pairs


def _leading_space(folded: str, pos: int) -> int:
    n = 0
    while pos + n < len(folded) and folded[pos + n] in " \t\u3000" and n < 8:
        n += 1
    return n


# a note inside a slot that names units for this task and every later one
_CARRY = re.compile(
    r"(?:以下|下述|具体)[^。;；]{0,30}?(?:均需|均由|均涉及|均要|需要|需)(?P<units>[^。;；]{2,200}?)"
    r"(?:按职责分工)?(?:负责)?(?:落实|实施|负责)?\s*[,，]?\s*(?:不再(?:单独|另行|逐项|一一)?(?:列出|列明|做分工|分工)|下同)"
)


_VERB_BEFORE_CUT = re.compile(rf"(?:{_ROLES.alternation('verb')})\s*[,，;；。]")


def _verb_clauses(body: str, at: int) -> list[Assignment]:
    """Clauses of a bracket that are nothing but units and a role verb; the other clauses are left."""
    found: list[Assignment] = []
    for clause in re.finditer(r"[^,，;；。]+", body):
        verb = _TRAILING_ROLE.search(clause.group())
        if verb is None:
            continue
        role = _verb_role(verb.group("verb"))
        found.extend(Assignment(u, role) for u in _only_units(clause.group()[: verb.start()], at + clause.start()))
    return found


def _slot_in_brackets(folded: str, s: int, e: int, first_lead: bool, ends_paragraph: bool) -> Slot | None:
    inner_start, inner_end = s + 1, e - 1
    content = folded[inner_start:inner_end]
    stripped = content.lstrip()
    lead_ws = len(content) - len(stripped)
    says_first = _SAYS_FIRST.search(content)
    body_end = inner_start + (says_first.start() if says_first else len(content))
    body = folded[inner_start + lead_ws : body_end].rstrip(" 。.")
    carry = _CARRY.search(body) if "不再" in body or "下同" in body else None
    carried: list[Assignment] = []
    if carry:
        at = inner_start + lead_ws + carry.start("units")
        carried = [Assignment(u, "responsible") for u in split_units(carry.group("units"), at)]
        body = body[: carry.start()].rstrip(" 。.,;")
    if LABEL.match(body):
        found = parse_slot_content(body, inner_start + lead_ws)
    elif _TRAILING_ROLE.search(body) and not re.search(r"[。]", body):
        found = parse_slot_content(body, inner_start + lead_ws)
    elif _VERB_BEFORE_CUT.search(body) and (verb_clauses := _verb_clauses(body, inner_start + lead_ws)):
        found = verb_clauses  # （国务院各部门分别负责，年内持续推进）: units + verb, then a time or a note
    elif ends_paragraph:
        # a bare list of units closing a paragraph: （市扶贫办、人社局、发改委等）
        listed = _only_units(re.sub(r"等(?:部门|单位)?$", "", body), inner_start + lead_ws)
        found = [Assignment(u, "responsible") for u in listed]
    else:
        return None
    if found and (says_first or first_lead) and all(a.role == "responsible" for a in found):
        found = [Assignment(a.unit, "lead" if k == 0 else "responsible") for k, a in enumerate(found)]
    if not found:
        return None
    carries = bool(says_first and "下同" in content)
    return Slot(s, e, found + carried, first_is_lead=bool(says_first), carries=carries, carried=carried)


_CONTINUATION = re.compile(r"[\u4e00-\u9fff][^。;；:：]{0,30}$")


def _continued(folded: str, lines: list[Line], no: int, last: int, skip: set[int]) -> int:
    """Where a labelled line's list ends: a name broken over lines (园区党工 / 委、各街道党工委) goes on
    on a short next line that holds no label or sentence end."""
    end = lines[no].end
    k = no + 1
    while k < last and k not in skip and folded[end - 1 : end] not in "。;；.":
        nxt = lines[k].clean
        if not nxt or LABEL.search(nxt) or parse_marker(nxt) is not None or not _CONTINUATION.match(nxt):
            break
        end = lines[k].end
        k += 1
    return end


def find_slots(
    raw: str, folded: str, lines: list[Line], first: int, last: int, skip: set[int]
) -> tuple[list[Slot], set[int]]:
    """Every responsibility slot in lines first..last (table lines in `skip` left out).

    Returns the slots in text order and the start offsets of those that stand on a line of their own.
    """
    slots: list[Slot] = []
    alone: set[int] = set()
    first_lead = False
    if first >= last:
        return slots, alone
    start, end = lines[first].start, lines[last - 1].end
    pairs = _bracket_pairs(folded, start, end)
    line_starts = {
        ln.start + (len(folded[ln.start : ln.end]) - len(folded[ln.start : ln.end].lstrip(" \t#*>-"))): ln
        for ln in lines[first:last]
    }
    for s, e in pairs:
        line_end = folded.find("\n", e)
        ends_paragraph = not folded[e : len(folded) if line_end < 0 else line_end].strip(" 。.;；\r")
        slot = _slot_in_brackets(folded, s, e, first_lead, ends_paragraph)
        if slot is None:
            continue
        if slot.carries:
            first_lead = True
        slots.append(slot)
        line = line_starts.get(s)
        if line is not None and folded[e : line.end].strip(" 。.") == "":
            alone.add(s)
    for ln in lines[first:last]:
        if ln.no in skip or ln.blank:
            continue
        text_start = ln.start + (len(folded[ln.start : ln.end]) - len(folded[ln.start : ln.end].lstrip(" \t#*>-")))
        if LABEL.match(folded, text_start) and not any(s <= text_start < e for s, e in pairs):
            slot_end = _continued(folded, lines, ln.no, last, skip)
            found = parse_slot_content(folded[text_start:slot_end].rstrip(" 。.;；"), text_start)
            if found:
                slots.append(Slot(text_start, slot_end, found))
                alone.add(text_start)
    slots.sort(key=lambda sl: sl.start)
    _carry_forward(slots)
    leading = _labels_said_to_lead(folded, start, end)
    if leading:
        for slot in slots:
            _promote(folded, slot, leading)
    return slots, alone


# 各主要责任单位要充分发挥牵头抓总作用: the document says who its 主要责任单位 are (FORMAT.md)
_SAID_TO_LEAD = re.compile(rf"(?P<label>{_ROLES.alternation('label', 'responsible')})[^。;；]{{0,20}}牵头")


def _labels_said_to_lead(folded: str, start: int, end: int) -> set[str]:
    said: set[str] = set()
    pos = folded.find("牵头", start, end)
    while pos >= 0:  # look back from each 牵头: one short search each, not a scan of the whole document
        for m in _SAID_TO_LEAD.finditer(folded, max(start, pos - 40), min(end, pos + 2)):
            if m.group("label") != "责任单位":
                said.add(m.group("label"))
        pos = folded.find("牵头", pos + 2, end)
    return said


def _promote(folded: str, slot: Slot, leading: set[str]) -> None:
    """Units written after a label the document says leads are leads."""
    labels = list(LABEL.finditer(folded, slot.start, slot.end))
    for k, m in enumerate(labels):
        if m.group("label") not in leading:
            continue
        stop = labels[k + 1].start() if k + 1 < len(labels) else slot.end
        slot.assignments = [
            Assignment(a.unit, "lead") if m.end() <= a.unit.start < stop and a.role == "responsible" else a
            for a in slot.assignments
        ]


def _carry_forward(slots: list[Slot]) -> None:
    """Units a slot says hold for everything after it (以下…不再单独列出, 不再做分工，下同) join every later slot."""
    carried: list[Assignment] = []
    for slot in slots:
        if carried:
            named = {a.unit.name for a in slot.assignments}
            slot.assignments.extend(a for a in carried if a.unit.name not in named)
        carried = slot.carried or carried


# in running text a bare 落实 (各乡镇要落实主体责任) names no one: only 负责/牵头 words do
_PROSE_VERBS = word_alternation(
    [w for w in [*_ROLES.words("verb", "lead"), *_ROLES.words("verb", "responsible")] if w != "落实"]
)
_PROSE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}?由)?(?P<units>[^，,。；;]{2,120}?)(?:要|应|应当|须)?"
    rf"(?P<verb>{_PROSE_VERBS})(?!解释|同志|人|的|制定本)"
)
_PROSE_SUPPORT = re.compile(rf"^(?P<units>[^，,。；;]{{2,120}}?)(?P<verb>{_ROLES.alternation('verb', 'support')})$")
_LIST_GLUE = re.compile(r"[、，,和及与\s]+")


def _only_units(text: str, offset: int) -> list[Unit]:
    """The units of a run that holds nothing but unit names and list separators; else none."""
    units = split_units(text, offset)
    rest = text
    for unit in sorted(units, key=lambda u: -len(u.mention)):
        rest = rest.replace(unit.mention, "", 1)
    if not units or _LIST_GLUE.sub("", rest) or not all(u.known or u.name[:1] in "市县区省" for u in units):
        return []
    return units


# 由A会同B、C等部门负责/研究提出…: A and every unit it works with are answerable (FORMAT.md)
_JOINTLY = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?由(?P<first>[^，,。；;]{2,60}?)(?:会同|协同|联合)(?P<others>[^，,。；;]{2,300}?)"
    r"(?:等(?:有关|相关|其他)?(?:部门|单位))?(?=负责|牵头|研究|制定|组织|提出|落实|共同|开展|做好|抓好|推进|出台|$)"
)


def _jointly(text: str, at: int) -> list[Assignment]:
    m = _JOINTLY.match(text)
    if m is None:
        return []
    first = _only_units(m.group("first"), at + m.start("first"))
    others = _only_units(m.group("others"), at + m.start("others"))
    if not first or not others:
        return []
    return [Assignment(u, "responsible") for u in (*first, *others)]


_ARTICLE = re.compile(
    r"(?:第[一二三四五六七八九十百零〇\d]{1,6}条|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,2}[.、])\s*"
)


# 县经贸、统计、工商、税务等部门要…: bodies named by their function alone, the level written once in front
_ABBREVIATED = re.compile(
    r"^(?P<level>[省市县区])(?P<names>[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+)等(?:有关|相关)?部门"
    r"(?:要|应当|应|负责|分别|按照|按)"
)


def _abbreviated(text: str, at: int) -> list[Assignment]:
    m = _ABBREVIATED.match(text)
    if m is None:
        return []
    pieces = [(p.start() + m.start("names"), p.group()) for p in re.finditer(r"[^、]+", m.group("names"))]
    known = [lookup(word + "局") or lookup(word + "委") for _, word in pieces]
    if sum(k is not None for k in known) * 2 < len(pieces):
        return []  # not a list of bodies: 县城乡、道路等部门 …
    level = m.group("level")
    out: list[Assignment] = []
    for k, ((start, word), found) in enumerate(zip(pieces, known, strict=True)):
        begin = m.start("level") if k == 0 else start
        body = found[0] if found else None
        unit = Unit(
            mention=text[begin : start + len(word)],
            name=level + word,
            function=body.function if body else None,
            kind=body.kind if body else "government",
            known=body is not None,
            successor=successor_name(level + word, body.function, found[1]) if body is not None and found else None,
            start=at + begin,
            end=at + start + len(word),
        )
        out.append(Assignment(unit, "responsible"))
    return out


def prose_assignments(folded: str, start: int, end: int) -> list[Assignment]:
    """Responsibility said in prose, clause by clause: 由A牵头组织实施，B配合落实 / A、B负责… /
    …，具体工作由A负责 — only where the run before the verb is nothing but unit names."""
    found: list[Assignment] = []
    for clause in re.finditer(r"[^，,。；;]+", folded[start:end]):
        text = clause.group().lstrip()
        marker = _ARTICLE.match(text)  # 第三条 市城市管理局负责…: the article number is no part of a name
        if marker:
            text = text[marker.end() :]
        s = start + clause.start() + len(clause.group()) - len(text)
        text = text.rstrip()
        joint = _jointly(text, s) or _abbreviated(text, s)
        if joint:
            found.extend(joint)
            continue
        m = _PROSE.match(text)
        if m:
            units = _only_units(m.group("units"), s + m.start("units"))
            role = _verb_role(m.group("verb"))
            if role == "responsible" and "牵头" in folded[s + m.end() : end].split("。", 1)[0]:
                role = "lead"  # X负责…的牵头抓总、统筹协调
            found.extend(Assignment(u, role) for u in units)
            if units:
                continue
        sm = _PROSE_SUPPORT.match(text)
        if sm and found:
            found.extend(Assignment(u, "support") for u in _only_units(sm.group("units"), s + sm.start("units")))
    return found


def verbatim(assignment: Assignment, raw: str) -> Assignment:
    """Patterns ran on folded text: give the unit back its characters as printed."""
    unit = assignment.unit
    printed = raw[unit.start : unit.end]
    if printed == unit.mention:
        return assignment
    folded_tail = re.sub(r"\s+", "", unit.mention)
    name = unit.name
    # only where printed and read text hold the same characters (no page header blanked inside)
    if name.endswith(folded_tail) and len(re.sub(r"\s+", "", printed)) == len(folded_tail):
        name = name[: len(name) - len(folded_tail)] + re.sub(r"\s+", "", printed)
    return Assignment(replace(unit, mention=printed, name=name), assignment.role)
