"""Query packs: the folders of queries/, each a set of `.cypher` files with a comment header.

A header is `//` lines before the statement (valid Cypher, so a file pastes into Neo4j Browser whole):

    // name: responsibility/department
    // zh: 某部门（任一名称或别名）的全部任务
    // en: Every obligation of a department (by any of its names or aliases)
    // param: department: string                 (no default: required)
    // param: jurisdiction: string = null        (optional, null when not given)
    // param: limit: int = 50 — rows at most     (text after " — " describes it)
    // param: since: date = null                 (a year, month or ISO date, passed as text: 2018, 2018-05-23)
    // returns: department, role, task, deadline, indicators
    // example: department=市市场监管局          (a value that answers on data/corpus; one line each)
    // bench: department=市市场监管局            (what `bench queries` passes on the synthetic corpus, whose
                                                文号 and places differ; over the example values)

Optional filters are written `coalesce(x.p, '') = coalesce($p, x.p, '')`, not `$p IS NULL OR x.p = $p`:
FalkorDB plans the OR form badly (300 ms against 20 ms on the 1,000-document graph).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders.errors import QueryError

PACKS_DIR = Path(__file__).resolve().parent
TYPES = ("string", "int", "float", "bool", "date")
DATE_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a `date` parameter: a year, a month or an ISO date, as text
_HEADER_LINE = re.compile(r"^//\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[a-z]+)(?:\s*=\s*(?P<default>.*?))?(?:\s+—\s+(?P<doc>.*))?$"
)
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any = None
    doc: str = ""

    def convert(self, raw: str) -> Any:
        """A command-line value as this parameter's type (`null` stands for no value, refused for a required
        parameter). Numbers are counts, years and limits in every pack: finite and not negative."""
        if raw.strip().lower() in ("null", ""):
            if self.required:
                raise QueryError(f"parameter {self.name} is required: give it a value, not {raw!r}")
            if raw.strip():
                return None
        if self.type == "date":
            if not DATE_BOUND.match(raw.strip()):
                raise QueryError(f"parameter {self.name} takes a year (2018) or an ISO date (2018-05-23), not {raw!r}")
            return raw.strip()
        try:
            if self.type == "int":
                number: float = int(raw)
            elif self.type == "float":
                number = float(raw)
            else:
                number = 0
        except ValueError:
            raise QueryError(f"parameter {self.name} takes {self.type}, not {raw!r}") from None
        if self.type in ("int", "float"):
            if not math.isfinite(number) or number < 0:
                raise QueryError(f"parameter {self.name} takes a finite {self.type} of at least 0, not {raw!r}")
            return number
        if self.type == "bool":
            lowered = raw.strip().lower()
            if lowered not in ("true", "false", "yes", "no", "1", "0"):
                raise QueryError(f"parameter {self.name} takes true or false, not {raw!r}")
            return lowered in ("true", "yes", "1")
        return raw

    def signature(self) -> str:
        if self.required:
            return f"{self.name}: {self.type} (required)"
        return f"{self.name}: {self.type} = {json_text(self.default)}"


@dataclass(frozen=True, slots=True)
class Query:
    name: str  # pack/query
    path: Path
    zh: str
    en: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    example: dict[str, str]
    bench: dict[str, str]
    cypher: str  # the whole file: header and statement

    @property
    def pack(self) -> str:
        return self.name.partition("/")[0]

    @property
    def statement(self) -> str:
        """The Cypher without its header comment."""
        lines = self.cypher.splitlines()
        while lines and (not lines[0].strip() or lines[0].lstrip().startswith("//")):
            lines.pop(0)
        return "\n".join(lines).strip()

    @property
    def bench_params(self) -> dict[str, str]:
        """What the benchmark passes: the example values, overridden by the `// bench:` ones."""
        return {**self.example, **self.bench}

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def signature(self) -> str:
        return ", ".join(p.signature() for p in self.params) or "no parameters"

    def bind(self, raw: dict[str, str]) -> dict[str, Any]:
        """Command-line values → typed Cypher parameters, defaults filled in."""
        unknown = sorted(set(raw) - {p.name for p in self.params})
        if unknown:
            raise QueryError(f"{self.name} has no parameter {', '.join(unknown)}; its parameters: {self.signature()}")
        bound: dict[str, Any] = {}
        missing = []
        for p in self.params:
            if p.name in raw:
                bound[p.name] = p.convert(raw[p.name])
            elif p.required:
                missing.append(p.name)
            else:
                bound[p.name] = p.default
        if missing:
            raise QueryError(
                f"{self.name} needs --param {' --param '.join(m + '=…' for m in missing)}; "
                f"its parameters: {self.signature()}"
            )
        return bound


def json_text(value: Any) -> str:
    """A default as the header writes it: null, true/false, numbers and strings bare."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _default(param: str, type_: str, text: str) -> Any:
    if text.lower() == "null":
        return None
    if type_ == "string":
        return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text
    return Param(param, type_, False).convert(text)


def _assignments(lines: list[str]) -> dict[str, str] | None:
    values = {}
    for spec in lines:
        key, sep, value = spec.partition("=")
        if not sep or not key.strip():
            return None
        values[key.strip()] = value.strip()
    return values


def parse(path: Path, text: str, name: str) -> Query:
    """One `.cypher` file → a Query; a malformed header is a QueryError naming the file."""
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("//"):
            break
        match = _HEADER_LINE.match(line.strip())
        if match:
            fields.setdefault(match["key"], []).append(match["value"])

    def fail(problem: str) -> QueryError:
        return QueryError(f"{path}: {problem}")

    for key in ("name", "zh", "en", "returns"):
        if len(fields.get(key, [])) != 1:
            raise fail(f"the header needs exactly one `// {key}:` line")
    if fields["name"][0] != name:
        raise fail(f"the header names it {fields['name'][0]!r}, but its place makes it {name!r}")
    params = []
    for spec in fields.get("param", []):
        m = _PARAM.match(spec)
        if not m or m["type"] not in TYPES:
            raise fail(f"bad `// param: {spec}`: write `name: {'|'.join(TYPES)} [= default] [— what it is]`")
        default_text = m["default"]
        params.append(
            Param(
                m["name"],
                m["type"],
                default_text is None,
                None if default_text is None else _default(m["name"], m["type"], default_text.strip()),
                (m["doc"] or "").strip(),
            )
        )
    example, bench = _assignments(fields.get("example", [])), _assignments(fields.get("bench", []))
    if example is None or bench is None:
        raise fail("bad `// example:` or `// bench:` line: write `name=value`")
    query = Query(
        name,
        path,
        fields["zh"][0],
        fields["en"][0],
        tuple(params),
        tuple(c.strip() for c in fields["returns"][0].split(",") if c.strip()),
        example,
        bench,
        text,
    )
    declared = {p.name for p in params}
    used = set(_PARAM_USE.findall(query.statement))
    if used != declared:
        raise fail(f"parameters used {sorted(used)} but declared {sorted(declared)}")
    if (set(example) | set(bench)) - declared:
        raise fail(f"example or bench sets undeclared parameters {sorted((set(example) | set(bench)) - declared)}")
    return query


def load(root: Path = PACKS_DIR) -> dict[str, Query]:
    """Every query of every pack (a subfolder of `root`), by name, sorted."""
    queries: dict[str, Query] = {}
    for path in sorted(root.glob("*/*.cypher")):
        name = f"{path.parent.name}/{path.stem}"
        queries[name] = parse(path, path.read_text(encoding="utf-8"), name)
    return queries


@cache
def registry() -> dict[str, Query]:
    """The packs shipped in queries/ (read once per process)."""
    return load()


def packs(queries: dict[str, Query] | None = None) -> dict[str, list[Query]]:
    """Queries grouped by pack."""
    grouped: dict[str, list[Query]] = {}
    for query in (queries or registry()).values():
        grouped.setdefault(query.pack, []).append(query)
    return grouped


def get(name: str, queries: dict[str, Query] | None = None) -> Query:
    """A query by `pack/query`, or by its bare name when only one pack has it."""
    queries = queries if queries is not None else registry()
    if name in queries:
        return queries[name]
    bare = [q for q in queries.values() if q.name.partition("/")[2] == name]
    if len(bare) == 1:
        return bare[0]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.7)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    if len(bare) > 1:
        hint = f"{name} is in several packs: {', '.join(q.name for q in bare)}; "
    raise QueryError(f"no query {name!r}: {hint}the queries are {', '.join(queries)}")
