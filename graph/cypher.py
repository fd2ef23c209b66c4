"""Every Cypher statement the graph layer runs: one text for FalkorDB and Neo4j 5.

Written in the subset both run (no EXISTS {}/COUNT {} subqueries, no APOC, no size() of a pattern);
tests/test_cypher_lint.py checks each upper-case constant here with Neo4j's own parser.
"""

from __future__ import annotations

SOURCE_STATE = "MATCH (s:Source) RETURN s.path AS path, s.sha256 AS sha256, s.complete AS complete"
# where each source's folder is (graph/sources.py): relative to the store, so the graph can move
SOURCE_ROOTS = "MATCH (s:Source) RETURN s.path AS path, s.root AS root"
MARK_SOURCE = (
    "MERGE (s:Source {path: $path}) SET s.sha256 = $sha256, s.complete = $complete, s.documents = $documents, "
    "s.ingested_at = $ingested_at, s.schema_version = $schema_version, s.root = coalesce($root, s.root)"
)
# sources written by another version of the graph schema (graph/schema.py SCHEMA_VERSION)
OTHER_SCHEMA = (
    "MATCH (s:Source) WHERE s.schema_version IS NULL OR s.schema_version <> $schema_version "
    "RETURN s.path AS path, s.schema_version AS schema_version LIMIT 1"
)
DELETE_SOURCE_NODE = "MATCH (s:Source {path: $path}) DETACH DELETE s"

# taking a source's content out: indicators, tasks, citations and issuers go; its documents become
# stubs (other documents may still cite them) and stubs nobody cites go too
DROP_INDICATORS = (
    "MATCH (d:Document {source: $path})-[:HAS_TASK]->(:Task)-[:HAS_INDICATOR]->(i:Indicator) DETACH DELETE i"
)
DROP_TASKS = "MATCH (d:Document {source: $path})-[:HAS_TASK]->(t:Task) DETACH DELETE t"
DROP_CITATIONS = "MATCH (d:Document {source: $path})-[c:CITES]->(:Document) DELETE c"
DROP_ISSUERS = "MATCH (d:Document {source: $path})-[r:ISSUED_BY]->(:Department) DELETE r"
DROP_SOURCE_LINKS = "MATCH (:Document)-[r:FROM_SOURCE]->(:Source {path: $path}) DELETE r"
# sources holding a document this one holds too (a reprint): the document is the last one's version
# sources citing one of this source's documents by its title alone: what the title names depends on the
# documents in the graph, so they are read again when this one changes or goes
TITLE_CITERS = (
    "MATCH (:Source {path: $path})<-[:FROM_SOURCE]-(:Document)<-[r:CITES]-(:Document)-[:FROM_SOURCE]->(o:Source) "
    "WHERE r.cited_no IS NULL AND o.path <> $path RETURN DISTINCT o.path AS path"
)
SHARING_SOURCES = (
    "MATCH (:Source {path: $path})<-[:FROM_SOURCE]-(:Document)-[:FROM_SOURCE]->(o:Source) "
    "WHERE o.path <> $path RETURN DISTINCT o.path AS path"
)
# a document whose source goes keeps only its key: if something cites it, it is a stub as its citations name it
# (REFRESH_STUBS), the same node a clean ingest of the other files makes
SOURCE_DOCUMENTS = (
    "MATCH (d:Document {source: $path}) OPTIONAL MATCH (d)-[:CITES]->(x:Document) "
    "RETURN d.doc_id AS id, collect(x.doc_id) AS cited"
)
DEMOTE_DOCUMENTS = "MATCH (d:Document {source: $path}) SET d = {doc_id: d.doc_id, stub: true}"
DROP_UNCITED_STUBS = (
    "MATCH (d:Document {stub: true}) OPTIONAL MATCH (x:Document)-[c:CITES]->(d) "
    "WITH d, count(c) AS citing WHERE citing = 0 DETACH DELETE d"
)
# a department belongs to every source that names it (NAMED_IN {names, known}, one edge per source): it
# lives while one does, and its name, aliases and known flag are those sources' names in source order
# (the first name of the first source is its `name`), whatever order the sources were written in
DEPARTMENTS_NAMED_BY = "MATCH (p:Department)-[:NAMED_IN]->(:Source {path: $path}) RETURN p.department_id AS id"
DROP_NAMES = "MATCH (:Department)-[n:NAMED_IN]->(:Source {path: $path}) DELETE n"
DROP_UNNAMED_DEPARTMENTS = (
    "UNWIND $ids AS id MATCH (p:Department {department_id: id}) OPTIONAL MATCH (p)-[n:NAMED_IN]->(:Source) "
    "WITH p, count(n) AS sources WHERE sources = 0 DETACH DELETE p"
)
REFRESH_DEPARTMENTS = (
    "UNWIND $ids AS id MATCH (p:Department {department_id: id})-[n:NAMED_IN]->(s:Source) "
    "WITH p, n ORDER BY s.path WITH p, collect(n.names) AS lists, collect(n.known) AS known "
    "WITH p, known, reduce(seen = [], names IN lists | seen + [x IN names WHERE NOT x IN seen]) AS names "
    "SET p.name = names[0], p.aliases = names, p.known = any(k IN known WHERE k)"
)
# jurisdictions live while a document (not a stub) is in one, a department is IN one, or one of those is
# PART_OF it: ingest and remove drop the others once they took content out
JURISDICTION_PARENTS = (
    "MATCH (j:Jurisdiction) OPTIONAL MATCH (j)-[:PART_OF]->(p:Jurisdiction) RETURN j.name AS name, p.name AS parent"
)
JURISDICTIONS_IN_USE = (
    "MATCH (d:Document) WHERE d.stub = false AND d.jurisdiction IS NOT NULL RETURN DISTINCT d.jurisdiction AS name "
    "UNION MATCH (:Department)-[:IN]->(j:Jurisdiction) RETURN DISTINCT j.name AS name"
)
DROP_JURISDICTIONS = "UNWIND $names AS name MATCH (j:Jurisdiction {name: name}) DETACH DELETE j"

MERGE_JURISDICTIONS = (
    "UNWIND $rows AS row MERGE (j:Jurisdiction {name: row.name}) SET j.level = coalesce(row.level, j.level) "
    "WITH j, row WHERE row.parent IS NOT NULL "
    "MERGE (p:Jurisdiction {name: row.parent}) MERGE (j)-[:PART_OF]->(p)"
)
MERGE_DOCUMENTS = (
    "UNWIND $rows AS row MERGE (d:Document {doc_id: row.doc_id}) SET d += row.props, d.stub = false "
    "WITH d, row MERGE (s:Source {path: row.source}) MERGE (d)-[:FROM_SOURCE]->(s)"
)
# the document a citation `c` names, as `x`: a stub until that document is ingested
_cited = (  # a fragment, not a statement (lower case: the lint test takes upper-case constants whole)
    "MERGE (x:Document {doc_id: c.cited_id}) "
    "ON CREATE SET x.stub = true, x.doc_no = c.cited_no, x.title = c.cited_title, x.title_key = c.title_key, "
    "x.jurisdiction = c.jurisdiction, x.level = c.level"
)
# a CITES edge keeps how the citing document names what it cites (where, 文号, title, place): a stub is
# what its first citation says, first in source order then text order (REFRESH_STUBS)
CITES_PROPERTIES = ("relation", "at", "cited_no", "cited_title", "title_key", "jurisdiction", "level")
_cites = "{" + ", ".join(f"{k}: c.{k}" for k in CITES_PROPERTIES) + "}"
REFRESH_STUBS = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id}) WHERE d.stub = true "
    "MATCH (x:Document)-[r:CITES]->(d) WITH d, r ORDER BY x.source, r.at "
    "WITH d, collect(r) AS cites WITH d, cites[0] AS r "
    "SET d.doc_no = r.cited_no, d.title = r.cited_title, d.title_key = r.title_key, "
    "d.jurisdiction = r.jurisdiction, d.level = r.level"
)
# a document with its issuers and citations in one statement (departments are written before it)
MERGE_DOCUMENTS_WHOLE = (
    "UNWIND $rows AS row MERGE (d:Document {doc_id: row.doc_id}) SET d += row.props, d.stub = false "
    "WITH d, row MERGE (s:Source {path: row.source}) MERGE (d)-[:FROM_SOURCE]->(s) "
    "FOREACH (issuer IN row.issuers | MERGE (p:Department {department_id: issuer}) MERGE (d)-[:ISSUED_BY]->(p)) "
    f"FOREACH (c IN row.citations | {_cited} MERGE (d)-[r:CITES]->(x) SET r = {_cites})"
)
# a fresh document (none of its edges in the graph yet: new, a stub, or its source just dropped) has nothing to
# merge with: its edges are created (rows: one edge per issuer and per cited document)
CREATE_DOCUMENTS = (
    "UNWIND $rows AS row MERGE (d:Document {doc_id: row.doc_id}) SET d += row.props, d.stub = false "
    "WITH d, row MERGE (s:Source {path: row.source}) CREATE (d)-[:FROM_SOURCE]->(s) "
    "FOREACH (issuer IN row.issuers | MERGE (p:Department {department_id: issuer}) CREATE (d)-[:ISSUED_BY]->(p)) "
    f"FOREACH (c IN row.citations | {_cited} CREATE (d)-[:CITES {_cites}]->(x))"
)
# one row per department and document: row.name is the first name it goes by there, row.names all of them,
# gathered on the edge to its source (NAMED_IN); name, aliases and known as written here hold until the
# source is complete, when REFRESH_DEPARTMENTS sets them from every source (the same values for an ingest
# in source order)
MERGE_DEPARTMENTS = (
    "UNWIND $rows AS row MERGE (p:Department {department_id: row.department_id}) "
    "SET p.name = coalesce(p.name, row.name), p.function = row.function, p.kind = row.kind, "
    "p.known = coalesce(p.known, false) OR row.known, p.jurisdiction = row.jurisdiction, p.former = row.former, "
    "p.reform = coalesce(row.reform, p.reform), "
    "p.aliases = coalesce(p.aliases, []) + [n IN row.names WHERE NOT n IN coalesce(p.aliases, [])] "
    "WITH p, row MERGE (s:Source {path: row.source}) MERGE (p)-[n:NAMED_IN]->(s) "
    "SET n.names = coalesce(n.names, []) + [x IN row.names WHERE NOT x IN coalesce(n.names, [])], "
    "n.known = coalesce(n.known, false) OR row.known "
    "WITH p, row WHERE row.jurisdiction IS NOT NULL "
    "MERGE (j:Jurisdiction {name: row.jurisdiction}) MERGE (p)-[:IN]->(j)"
)
# how often one source prints each name of a department (n.counts beside n.names), written once the source is
# complete; graph/naming.py chooses display names from them
SET_PRINTINGS = (
    "UNWIND $rows AS row MATCH (p:Department {department_id: row.department_id})-[n:NAMED_IN]->"
    "(:Source {path: row.source}) SET n.names = row.names, n.counts = row.counts"
)
DEPARTMENT_PRINTINGS = (
    "UNWIND $ids AS id MATCH (p:Department {department_id: id})-[n:NAMED_IN]->(s:Source) "
    "RETURN p.department_id AS id, p.function AS function, p.jurisdiction AS jurisdiction, p.former AS former, "
    "p.name AS name, p.aliases AS aliases, n.names AS names, n.counts AS counts ORDER BY id, s.path"
)
SET_DEPARTMENT_NAMES = (
    "UNWIND $rows AS row MATCH (p:Department {department_id: row.id}) SET p.name = row.name, p.aliases = row.aliases"
)
LINK_SUCCESSORS = (
    "UNWIND $rows AS row MATCH (a:Department {department_id: row.former}) "
    "MATCH (b:Department {department_id: row.successor}) MERGE (a)-[:SUCCEEDED_BY]->(b)"
)
LINK_ISSUERS = (
    "UNWIND $rows AS row MATCH (d:Document {doc_id: row.doc_id}) "
    "MATCH (p:Department {department_id: row.department_id}) MERGE (d)-[:ISSUED_BY]->(p)"
)
MERGE_TASKS = (
    "UNWIND $rows AS row MATCH (d:Document {doc_id: row.doc_id}) "
    "MERGE (t:Task {task_id: row.task_id}) SET t += row.props MERGE (d)-[:HAS_TASK]->(t)"
)
# a task with its indicators and the departments responsible for it, in one pass: the task is bound, so
# each responsibility costs one index lookup, not two (row.responsible may be empty: the rest is written)
MERGE_TASKS_WHOLE = (
    "UNWIND $rows AS row MATCH (d:Document {doc_id: row.doc_id}) "
    "MERGE (t:Task {task_id: row.task_id}) SET t += row.props MERGE (d)-[:HAS_TASK]->(t) "
    "FOREACH (ind IN row.indicators | MERGE (i:Indicator {indicator_id: ind.indicator_id}) SET i += ind.props "
    "MERGE (t)-[:HAS_INDICATOR]->(i)) "
    "WITH t, row UNWIND row.responsible AS resp "
    "MATCH (p:Department {department_id: resp.department_id}) MERGE (p)-[r:RESPONSIBLE_FOR]->(t) "
    "SET r.role = resp.role, r.mention = resp.mention, r.position = resp.position"
)
TASK_PROPERTIES = ("doc_id", "path", "text", "deadline", "deadline_text", "recurring", "source", "span", "part")
INDICATOR_PROPERTIES = (
    "text",
    "value",
    "value_max",
    "unit",
    "comparator",
    "year",
    "source",
    "span",
    "owner",
    "owner_kind",
)


def _properties(var: str, keys: tuple[str, ...]) -> str:
    """`{k: var.k, …}`: a CREATE's own map (FalkorDB sets it at half the cost of a later SET n += map)."""
    return "{" + ", ".join(f"{k}: {var}.{k}" for k in keys) + "}"


# a fresh document's tasks with their indicators (flat rows, each with its position `at`), then the
# responsibilities: one lookup per department, its tasks found by position in the list collected in `at`
# order (ORDER BY before collect: the order is guaranteed, not left to the backend's row order)
CREATE_TASKS = (
    "MATCH (d:Document {doc_id: $doc_id}) UNWIND $rows AS row "
    f"CREATE (d)-[:HAS_TASK]->(t:Task {_properties('row', ('task_id', *TASK_PROPERTIES))}) "
    "FOREACH (ind IN row.indicators | "
    f"CREATE (t)-[:HAS_INDICATOR]->(:Indicator {_properties('ind', ('indicator_id', *INDICATOR_PROPERTIES))})) "
    "WITH t, row.at AS at ORDER BY at WITH collect(t) AS tasks UNWIND $departments AS dep "
    "MATCH (p:Department {department_id: dep.department_id}) UNWIND dep.tasks AS k "
    "WITH p, k, tasks[k.at] AS t "
    "CREATE (p)-[:RESPONSIBLE_FOR {role: k.role, mention: k.mention, position: k.position}]->(t)"
)
LINK_RESPONSIBLE = (
    "UNWIND $rows AS row MATCH (p:Department {department_id: row.department_id}) "
    "MATCH (t:Task {task_id: row.task_id}) MERGE (p)-[r:RESPONSIBLE_FOR]->(t) "
    "SET r.role = row.role, r.mention = row.mention, r.position = row.position"
)
MERGE_INDICATORS = (
    "UNWIND $rows AS row MATCH (t:Task {task_id: row.task_id}) "
    "MERGE (i:Indicator {indicator_id: row.indicator_id}) SET i += row.props MERGE (t)-[:HAS_INDICATOR]->(i)"
)
MERGE_CITATIONS = (
    f"UNWIND $rows AS c MATCH (d:Document {{doc_id: c.doc_id}}) {_cited} MERGE (d)-[r:CITES]->(x) SET r = {_cites}"
)
# a document now read replaces the stubs that stood for it (cited by title alone before it was ingested: a
# stub with a 文号 is that document's, whatever its title); a title-only citation written after it goes to it
# straight away (rows.py), so the graph does not depend on which came first
MOVE_STUB_CITATIONS = (
    "UNWIND $rows AS row MATCH (s:Document) WHERE s.title_key IN row.keys AND s.stub = true "
    "AND s.doc_no IS NULL AND s.doc_id <> row.doc_id MATCH (x:Document)-[r:CITES]->(s) "
    "MATCH (d:Document {doc_id: row.doc_id}) MERGE (x)-[n:CITES]->(d) SET n = properties(r) DELETE r"
)
DROP_REPLACED_STUBS = (
    "UNWIND $rows AS row MATCH (s:Document) WHERE s.title_key IN row.keys AND s.stub = true "
    "AND s.doc_no IS NULL AND s.doc_id <> row.doc_id DETACH DELETE s"
)
FIND_BY_TITLE = (
    "MATCH (d:Document) WHERE d.title_key IN $keys "
    "RETURN d.title_key AS title_key, d.subject_key AS subject_key, d.doc_id AS doc_id, d.stub AS stub"
)
FIND_REAL = "MATCH (d:Document) WHERE d.doc_id IN $ids AND d.stub = false RETURN d.doc_id AS doc_id"
FIND_STUBS = (
    "MATCH (d:Document) WHERE d.title_key IN $keys AND d.stub = true AND d.doc_no IS NULL "
    "RETURN d.title_key AS title_key"
)
FIND_BY_SUBJECT = (
    "MATCH (d:Document) WHERE d.subject_key IN $keys "
    "RETURN d.title_key AS title_key, d.subject_key AS subject_key, d.doc_id AS doc_id, d.stub AS stub"
)

COUNT_LABELS = "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS count ORDER BY label"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS count ORDER BY type"
ALL_NODES = "MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS props SKIP $skip LIMIT $limit"
ALL_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a)[0] AS from_label, properties(a) AS from_props, "
    "labels(b)[0] AS to_label, properties(b) AS to_props, properties(r) AS props SKIP $skip LIMIT $limit"
)
CLEAR = "MATCH (n) DETACH DELETE n"
# the latest progress reported on each task, copied onto the task (status, reported_on, seen_on) so that queries
# filter on it without a lookup per task: the StatusReport nodes are the record (graph/status.py), this a cache an
# ingest sets again on the tasks it wrote (a task rewritten comes back without it)
COUNT_STATUS_REPORTS = "MATCH (r:StatusReport) RETURN count(r) AS count"
RESTORE_TASK_STATUS = (
    "MATCH (r:StatusReport) WHERE r.latest = true MATCH (t:Task {task_id: r.task_id}) "
    "WHERE t.status IS NULL OR t.status <> r.status OR t.seen_on <> r.seen_on "
    "SET t.status = r.status, t.reported_on = r.reported_on, t.seen_on = r.seen_on"
)
# what `ingest --rebuild` empties: everything read from the files, not the progress reported on their tasks
CLEAR_CONTENT = "MATCH (n) WHERE NOT n:StatusReport DETACH DELETE n"
