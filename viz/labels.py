"""Every word a report, view, index page or CLI table shows a reader, in Chinese (the default) and English.

One table, key → (zh, en); `t(key)` gives it in the language in use, set by the CLI's `--lang` through
`use_lang` (a context variable, so the page builders need not pass the language down every call).
Query result columns (the English names the .cypher files return) map through the same table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Literal, cast

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
_LANG: ContextVar[Lang] = ContextVar("policygraph_lang", default="zh")

LABELS: dict[str, tuple[str, str]] = {
    # roles
    "role.lead": ("牵头", "lead"),
    "role.responsible": ("责任", "responsible"),
    "role.support": ("配合", "support"),
    "role.responsible_shared": ("责任（分摊）", "responsible (shared)"),
    "relation.implements": ("贯彻落实", "implements"),
    "relation.cites": ("引用", "cites"),
    "level.national": ("国家", "national"),
    "level.provincial": ("省级", "provincial"),
    "level.prefecture": ("市级", "prefecture"),
    "level.county": ("县级", "county"),
    "owner_kind.task": ("任务单位", "task unit"),
    "owner_kind.section": ("分项牵头", "section lead"),
    "owner_kind.document": ("文件目标", "document target"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # load ranking columns (keys of the analytics rows)
    "rank": ("#", "#"),
    "id": ("标识", "id"),
    "name": ("部门", "department"),
    "load.including": ("{name}（含 {former}）", "{name} (incl. {former})"),
    "load": ("负荷", "load"),
    "tasks": ("任务", "tasks"),
    "lead": ("牵头", "lead"),
    "responsible": ("责任", "resp."),
    "support": ("配合", "support"),
    "indicators": ("指标", "indicators"),
    "documents": ("文件", "documents"),
    "upstream": ("上位政策", "upstream"),
    "degree": ("度", "degree"),
    "betweenness": ("介数中心性", "betweenness"),
    "pagerank": ("PageRank", "pagerank"),
    "community": ("社区", "community"),
    "deadlines": ("各年截止任务", "deadlines"),
    "deadlines_per_year": ("各年截止任务", "deadlines per year"),
    "betweenness_sample": ("介数抽样", "betweenness_sample"),
    "assignments": ("责任分配数", "assignments"),
    # query result columns (as the .cypher files return them) and report table columns
    "department": ("部门", "department"),
    "department_a": ("部门甲", "department_a"),
    "department_b": ("部门乙", "department_b"),
    "departments": ("部门", "departments"),
    "departments_as_printed": ("部门（按原文顺序）", "departments (as printed)"),
    "task_units": ("责任单位（按原文顺序）", "units (as printed)"),
    "owner": ("目标责任方", "owner"),
    "owner_kind": ("归属", "owner_kind"),
    "owner.task": ("{owner}", "{owner}"),
    "owner.section": ("分项牵头 · {owner}", "section lead · {owner}"),
    "owner.document": ("文件目标 · {owner}", "document target · {owner}"),
    "jurisdiction": ("辖区", "jurisdiction"),
    "role": ("角色", "role"),
    "addressed_as": ("原文称谓", "addressed_as"),
    "addressed_to": ("主送", "addressed_to"),
    "document": ("文件", "document"),
    "doc_no": ("文号", "文号"),
    "doc_nos": ("文号", "doc_nos"),
    "doc_id": ("文件标识", "doc_id"),
    "task_path": ("任务编号", "task_path"),
    "path": ("条目", "path"),
    "task": ("任务", "task"),
    "task_text": ("任务原文", "task text"),
    "deadline": ("截止日期", "deadline"),
    "indicator": ("指标", "indicator"),
    "comparator": ("比较", "comparator"),
    "value": ("数值", "value"),
    "value_max": ("上限", "value_max"),
    "unit": ("单位", "unit"),
    "units": ("单位", "units"),
    "year": ("年份", "year"),
    "title": ("标题", "title"),
    "level": ("层级", "level"),
    "depth": ("层数", "depth"),
    "route": ("路径", "route"),
    "relation": ("关系", "relation"),
    "policy": ("上位政策", "upstream policy"),
    "cited_by": ("被引用", "cited_by"),
    "citing": ("引用文件", "citing"),
    "implemented_by": ("贯彻落实文件", "implemented_by"),
    "in_corpus": ("在语料中", "in_corpus"),
    "head": ("起点", "head"),
    "leads": ("牵头单位", "leads"),
    "named": ("点名", "named"),
    "mentions": ("提及", "mentions"),
    "kind": ("类型", "kind"),
    "issuer": ("发文机关", "issuer"),
    "date": ("日期", "date"),
    "targets": ("目标", "targets"),
    "successor": ("承继机构", "successor"),
    "shortest": ("最短路径", "shortest"),
    "shared_tasks": ("共担任务", "shared_tasks"),
    "shared": ("共担任务", "tasks shared"),
    "source": ("出处", "source"),
    "evidence": ("原文", "source text"),
    "evidence.stored": ("〔{name} 不可读：引自图谱所存文本〕", "[{name} not found: text stored in the graph]"),
    "measure": ("指标项", "measure"),
    "stub": ("未收录", "stub"),
    "stub_note": ("未收录（不在语料中）", "stub (not in the corpus)"),
    # report pages
    "page.load": ("部门任务负荷", "department load"),
    "page.department": ("部门", "department"),
    "page.chain": ("上位文件链", "upstream chain"),
    "page.compare": (
        "跨地区对比：共同贯彻的上位政策",
        "Cross-jurisdiction comparison: upstream policies implemented by all",
    ),
    "compare.meta": (
        "{places}：{n} 项共同贯彻的上位政策（各地直接引用或贯彻落实的同一文件）",
        "{places}: {n} upstream policies all of them implement (the same document cited or implemented directly by each)",
    ),
    "compare.none": ("{places} 没有共同直接贯彻的上位政策", "{places} implement no upstream policy in common"),
    "page.index": ("policygraph 报告", "policygraph reports"),
    "sec.ranking": ("负荷排名", "Load ranking"),
    "sec.matrix": ("部门 × 文件（任务数）", "Department × document (tasks)"),
    "sec.indicator_deadlines": ("指标截止年份", "Indicator deadlines"),
    "sec.all_departments": ("全部部门", "All departments"),
    "sec.place_ranking": ("{place} 部门负荷排名", "{place}: load ranking"),
    "sec.all_places": ("各辖区部门统一负荷排名", "Load ranking across jurisdictions"),
    "place.unknown": ("辖区不明", "jurisdiction unknown"),
    "hdr.by_place": ("按辖区分别排名", "ranked within each jurisdiction"),
    "hdr.all_places": ("跨辖区统一排名", "one ranking across jurisdictions"),
    "idx.top_place": ("{place} 负荷前 {n} 名部门", "{place}: top {n} departments by load"),
    "sec.scores": ("得分", "Scores"),
    "sec.tasks_per_document": ("各文件任务数", "Tasks per document"),
    "sec.deadlines": ("截止日期", "Deadlines"),
    "sec.partners": ("共担任务最多的部门", "Shares most tasks with"),
    "sec.tasks": ("任务", "Tasks"),
    "sec.who": ("本文件任务由谁承担", "Who carries this document's tasks"),
    "sec.cites": ("引用（上位）", "Cites (upstream)"),
    "sec.cited_by": ("被引用", "Cited by"),
    "sec.upstream": ("上位文件（按层）", "Upstream documents, by depth"),
    "sec.departments": ("部门", "Departments"),
    "chart.load_top": ("负荷前 {n} 名", "load, top {n}"),
    "chart.due": ("各年到期指标（每段一个文件）", "indicators due per year (a segment per document)"),
    "chart.by_deadline": ("按截止年份的任务", "tasks by deadline year"),
    "chart.n_tasks": ("{n} 项任务", "{n} tasks"),
    "chart.due_event": ("{doc}：{n} 项指标 {year} 年到期", "{doc}: {n} indicators due {year}"),
    "none": ("无", "none"),
    "sep": ("；", "; "),
    "no_scores": (
        "尚无得分：先运行 <code>policygraph run</code> 或 <code>report load</code>。",
        "No scores yet: run <code>policygraph run</code> or <code>report load</code>.",
    ),
    "names": ("名称", "names"),
    "footer": (
        "policygraph 报告——每条事实附出处文件与行号及原文。",
        "policygraph report — every fact carries its source file, line and text.",
    ),
    "idx.load": ("负荷", "Load"),
    "idx.load_ranking": ("部门任务负荷排名", "department load ranking"),
    "idx.n_departments": ("{n} 个部门", "{n} departments"),
    "idx.top": ("负荷前 {n} 名部门", "Top {n} departments by load"),
    "idx.documents": ("文件", "Documents"),
    "idx.chains": ("上位文件链", "Upstream chains"),
    "idx.chain_note": ("所贯彻和引用的文件", "what it implements and cites"),
    "idx.report": ("报告", "report"),
    "idx.load_value": ("负荷 {v}", "load {v}"),
    # the load report's header line
    "hdr.load": (
        "{departments} 个部门{scope}，{tasks} 项任务，{assignments} 项责任分配；权重 {weights}（同一任务的多个责任单位"
        "分摊责任权重）；介数中心性{how}；{communities} 个社区（{method}，种子 {seed}）",
        "{departments} departments{scope}, {tasks} tasks, {assignments} assignments; weights {weights} "
        "(responsible shared among a task's co-responsible units); betweenness {how}; "
        "{communities} communities ({method}, seed {seed})",
    ),
    "hdr.scope": ("（{scope}）", " ({scope})"),
    "hdr.jurisdiction": ("辖区 {name}", "jurisdiction {name}"),
    "hdr.document": ("文件 {name}", "document {name}"),
    "hdr.since": ("{date} 起", "from {date}"),
    "hdr.until": ("至 {date}", "up to {date}"),
    "hdr.exact": ("精确计算", "exact"),
    "hdr.sampled": ("由 {n} 个源部门抽样估计（种子 {seed}）", "sampled from {n} source departments (seed {seed})"),
    # CLI table titles
    "cli.load": ("部门任务负荷", "department load"),
    "cli.tasks": ("任务", "tasks"),
    "cli.partners": ("共担任务最多的部门", "shares most tasks with"),
    "cli.departments": ("部门", "departments"),
    "cli.cites": ("引用", "cites"),
    "cli.upstream_of": ("{doc} 的上位文件", "upstream of {doc}"),
    "cli.dept_line": ("{name}（{id}）：{n} 项任务，负荷 {load}", "{name} ({id}): {n} tasks, load {load}"),
    "cli.rows": ("{n} 行", "{n} rows"),
    "cli.query_packs": ("查询包", "query packs"),
    "cli.query": ("查询", "query"),
    "cli.description": ("回答的问题", "what it answers"),
    "cli.parameters": ("参数", "parameters"),
    # network views
    "view.legend": ("图例", "legend"),
    "view.note": (
        "显示 {shown} / {total} 个节点（按{by}取前 {top} 个部门{cap}）",
        "showing {shown} of {total} nodes (top {top} departments by {by}{cap})",
    ),
    "view.note_cap": ("，每个部门至多 {cap} 项任务", ", at most {cap} tasks each"),
    "view.omitted": ("；未显示：{what}", "; left out: {what}"),
    "view.list_sep": ("、", ", "),
    "view.left.document": ("文件 {n}", "{n} documents"),
    "view.left.upstream": ("上位政策 {n}", "{n} upstream policies"),
    "view.left.department": ("部门 {n}", "{n} departments"),
    "view.left.former": ("原部门 {n}", "{n} former departments"),
    "view.left.task": ("任务 {n}", "{n} tasks"),
    "view.left.indicator": ("指标 {n}", "{n} indicators"),
    "view.abolished": ("已因机构改革撤并", "abolished by a reform"),
    "view.folded": (
        "{former} 已因机构改革撤并，其任务计入本单位",
        "{former}: abolished by a reform, their tasks counted here",
    ),
    "view.printed_as": ("原文作：{name}", "printed as {name}"),
    "view.collaboration_of": ("{place} 部门协作网络", "who works with whom in {place}"),
    "view.shared": ("共同承担 {n} 项任务：", "{n} tasks shared:"),
    "view.more": ("……另有 {n} 项", "… and {n} more"),
    "view.community": ("社区 {n}", "community {n}"),
    "view.communities": (
        "颜色：协作社区（共同承担任务而聚在一起的部门）",
        "colour: communities (departments that share tasks)",
    ),
    "view.open": ("双击打开该部门的网络视图", "double-click to open its own view"),
    "view.all_departments": (
        "各辖区部门（协作网络中双击即可打开）",
        "every department of those networks (double-click opens them)",
    ),
    "view.collaborations": ("辖区部门协作网络", "who works with whom, by jurisdiction"),
    "view.jurisdiction_tasks": ("辖区部门—任务网络", "department–task networks, by jurisdiction"),
    "view.task_of": ("{doc} 任务 {path}", "task {path} of {doc}"),
    "view.no_deadline": ("未规定", "none given"),
    "view.target": ("目标", "target"),
    "view.by_year": ("（{year} 年）", " by {year}"),
    "view.role_for": ("{role} {n} 项任务：{tasks}", "{role} for {n} tasks: {tasks}"),
    "view.chain_of": ("{doc}的引用链", "chain of {doc}"),
    "view.nodes": ("{n} 个节点", "{n} nodes"),
    "view.wrote": ("{title}：{nodes} 个节点，{edges} 条边", "{title}: {nodes} nodes, {edges} edges"),
    "view.index": ("policygraph 网络视图", "policygraph network views"),
    "view.documents": ("文件", "documents"),
    "view.top_departments": ("负荷前 {n} 名部门", "top {n} departments by load"),
    "view.jurisdictions": ("辖区", "jurisdictions"),
    "view.chains": ("被引最多的 {n} 项政策的引用链", "citation chains of the {n} most-cited policies"),
    "view.untick": ("（取消勾选即隐藏）", "(untick to hide)"),
    "view.size": ("大小：各部门的{by}", "size: {by} of each department"),
    "view.summary": ("{nodes} 个节点 · {edges} 条边", "{nodes} nodes · {edges} edges"),
    "view.search": ("搜索名称、文号或任务原文", "search by name, 文号 or task text"),
    "view.search_label": ("搜索", "search by name"),
    "view.find": ("搜索", "find"),
    "view.found": ("找到 {n} 个：", "{n} found: "),  # {n} is filled in the page's script
    "view.not_found": ("未找到", "not found"),
    "node.document": ("文件", "document"),
    "node.upstream": ("上位政策（被引用，未收录）", "upstream policy (cited, not in corpus)"),
    "node.department": ("部门", "department"),
    "node.former": ("原部门（已撤并）", "former department (abolished)"),
    "node.task": ("任务", "task"),
    "node.indicator": ("指标", "indicator"),
    "edge.lead": ("牵头", "lead (牵头)"),
    "edge.responsible": ("责任", "responsible (负责)"),
    "edge.support": ("配合", "support (配合)"),
    "edge.task": ("包含任务", "has task"),
    "edge.indicator": ("包含指标", "has indicator"),
    "edge.implements": ("贯彻落实", "implements"),
    "edge.cites": ("引用", "cites"),
    "edge.titled_after": ("依标题引用（未收录）", "titled after (stub)"),
    "edge.issued": ("发文机关", "issued by"),
    "edge.succeeded": ("由……承继", "succeeded by"),
    "edge.shares": ("共同承担任务（线宽：任务数）", "share tasks (width: how many)"),
    # supervision: report due, status template/import, status counts on the pages
    "status.not_started": ("未启动", "not started"),
    "status.in_progress": ("推进中", "in progress"),
    "status.done": ("已完成", "done"),
    "status.closed": ("已销号", "closed"),
    "status.unreported": ("未填报", "not reported"),
    "due.title": (
        "督查：截至 {as_of} 的逾期与到期任务",
        "Supervision: overdue and falling-due obligations as of {as_of}",
    ),
    "due.summary": (
        "截至 {as_of}：逾期 {overdue} 项，{within} 天内到期 {due} 项，无期限 {undated} 项，已完成或销号 {finished} 项"
        "（最新进展：{statuses}）",
        "as of {as_of}: {overdue} overdue, {due} due within {within} days, {undated} without a deadline, "
        "{finished} done or closed (latest status: {statuses})",
    ),
    "due.kind": ("类别", "kind"),
    "due.overdue": ("逾期", "overdue"),
    "due.falling_due": ("即将到期", "falling due"),
    "due.undated": ("无期限", "no deadline"),
    "due.due": ("到期日", "due"),
    "due.days_late": ("逾期天数", "days late"),
    "due.deadline_words": ("期限原文", "deadline words"),
    "due.basis": ("到期依据", "due by"),
    "due.basis.fixed": ("规定期限", "fixed deadline"),
    "due.basis.recurring": ("周期任务本期", "this period (recurring)"),
    "due.basis.plan_year": ("年度计划年底", "end of the plan year"),
    "due.basis.none": ("无", "none"),
    "due.status": ("进展状态", "status"),
    "due.reported_on": ("填报日期", "reported on"),
    "due.sheet.due": ("逾期与到期", "overdue and due"),
    "due.sheet.departments": ("按部门", "by department"),
    "due.sheet.documents": ("按文件", "by document"),
    "due.sheet.undated": ("无期限任务", "without a deadline"),
    "due.sec.overdue": ("逾期任务", "Overdue"),
    "due.sec.due": ("即将到期", "Falling due"),
    "due.sec.departments": ("按部门（现行机构）", "By department (bodies that exist now)"),
    "due.sec.documents": ("按文件", "By document"),
    "due.sec.undated": ("无期限任务（单列）", "Without a deadline (listed apart)"),
    "due.sec.status": ("督查进展", "Progress"),
    "due.index": ("督查", "Supervision"),
    "due.index_note": ("截至 {as_of}：逾期 {overdue} 项", "as of {as_of}: {overdue} overdue"),
    "status": ("进展状态", "status"),
    "reported_on": ("填报日期", "reported on"),
    "last_report": ("最近报送", "last report"),
    "done_on": ("完成日期", "done on"),
    "note": ("进展说明", "note"),
    "reporter": ("填报人", "reporter"),
    "deadline_text": ("期限原文", "deadline words"),
    "overdue": ("逾期", "overdue"),
    "not_started": ("未启动", "not started"),
    "unreported": ("未填报", "not reported"),
    "view.status": ("任务颜色：最新进展状态", "task colour: latest status"),
}


def lang() -> Lang:
    return _LANG.get()


def check_lang(value: str) -> Lang:
    """`zh` or `en`; anything else is a ConfigError (the CLI's `--lang`)."""
    from loaders.errors import ConfigError

    if value not in LANGS:
        raise ConfigError(f"unknown language {value!r}: use one of {', '.join(LANGS)}")
    return cast(Lang, value)


@contextmanager
def use_lang(value: Lang) -> Iterator[None]:
    token = _LANG.set(value)
    try:
        yield
    finally:
        _LANG.reset(token)


def t(key: str, **values: object) -> str:
    """The label of `key` in the language in use, `{name}` fields filled from `values`; an unknown key is
    shown as itself (an ad-hoc query's own column names)."""
    pair = LABELS.get(key)
    text = key if pair is None else pair[0 if _LANG.get() == "zh" else 1]
    return text.format(**values) if values else text


def column(name: str) -> str:
    """A result column's header: its label when the table has one, else the name as the query gave it."""
    return t(name)


def role(name: str | None) -> str:
    return t(f"role.{name}") if name else ""


def owner(kind: str | None, name: str | None) -> str:
    """Who answers for a target: a task's unit as it is, a section's lead or the document's issuer marked so
    (文件目标 · 宝鸡市人民政府), never "no department"."""
    if not name:
        return ""
    return t(f"owner.{kind}", owner=name) if f"owner.{kind}" in LABELS else name


def with_owner(row: dict[str, Any]) -> dict[str, Any]:
    """A result row whose `owner` column is labelled by its `owner_kind` (rows without them unchanged)."""
    if "owner" not in row or "owner_kind" not in row:
        return row
    return {**row, "owner": owner(row["owner_kind"], row["owner"])}


# result columns whose values are codes, and the label family each is shown by (tables, csv, markdown, xlsx;
# json keeps the codes, which scripts read)
CODED_COLUMNS = {
    "role": "role",
    "roles": "role",
    "relation": "relation",
    "level": "level",
    "owner_kind": "owner_kind",
    "status": "status",
}


def shown_value(column: str, value: Any) -> Any:
    """A result cell as a reader sees it in the language in use: codes (lead, implements, prefecture, section)
    by their label, true/false as 是/否; anything else unchanged."""
    if isinstance(value, bool):
        return t("yes" if value else "no")
    family = CODED_COLUMNS.get(column)
    if family is None:
        return value
    if isinstance(value, list):
        return [shown_value(column, v) for v in value]
    key = f"{family}.{value}"
    return t(key) if isinstance(value, str) and key in LABELS else value


def shown_row(row: dict[str, Any]) -> dict[str, Any]:
    """A result row as a reader sees it: the owner labelled by its kind, coded values by their labels."""
    return {column: shown_value(column, value) for column, value in with_owner(row).items()}


def labelled(key: str, value: object) -> str:
    """`label: value` with the colon of the language in use (全角 in Chinese)."""
    return f"{t(key)}{'：' if _LANG.get() == 'zh' else ': '}{value}"
