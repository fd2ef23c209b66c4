"""Every Cypher statement the graph layer runs: one text for FalkorDB and Neo4j 5.

Written in the subset both run (no EXISTS {}/COUNT {} subqueries, no APOC, no size() of a pattern);
tests/test_cypher_lint.py checks each upper-case constant here with Neo4j's own parser.
"""

from __future__ import annotations

SOURCE_STATE = "MATCH (s:Source) RETURN s.path AS path, s.sha256 AS sha256, s.complete AS complete"
MARK_SOURCE = (
    "MERGE (s:Source {path: $path}) "
    "SET s.sha256 = $sha256, s.complete = $complete, s.documents = $documents, s.ingested_at = $ingested_at"
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
DROP_SOURCE_LINKS = "MATCH (d:Document {source: $path})-[r:FROM_SOURCE]->(:Source) DELETE r"
DEMOTE_DOCUMENTS = "MATCH (d:Document {source: $path}) SET d.stub = true, d.source = null, d.sha256 = null"
DROP_UNCITED_STUBS = (
    "MATCH (d:Document {stub: true}) OPTIONAL MATCH (x:Document)-[c:CITES]->(d) "
    "WITH d, count(c) AS citing WHERE citing = 0 DETACH DELETE d"
)
DROP_IDLE_DEPARTMENTS = (
    "MATCH (p:Department) OPTIONAL MATCH (p)-[r:RESPONSIBLE_FOR|ISSUED_BY]-() "
    "WITH p, count(r) AS used WHERE used = 0 DETACH DELETE p"
)

MERGE_JURISDICTIONS = (
    "UNWIND $rows AS row MERGE (j:Jurisdiction {name: row.name}) SET j.level = row.level "
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
# a document with its issuers and citations in one statement (departments are written before it)
MERGE_DOCUMENTS_WHOLE = (
    "UNWIND $rows AS row MERGE (d:Document {doc_id: row.doc_id}) SET d += row.props, d.stub = false "
    "WITH d, row MERGE (s:Source {path: row.source}) MERGE (d)-[:FROM_SOURCE]->(s) "
    "FOREACH (issuer IN row.issuers | MERGE (p:Department {department_id: issuer}) MERGE (d)-[:ISSUED_BY]->(p)) "
    f"FOREACH (c IN row.citations | {_cited} MERGE (d)-[r:CITES]->(x) SET r.relation = c.relation)"
)
# a fresh document (none of its edges in the graph yet: new, a stub, or its source just dropped) has nothing to
# merge with: its edges are created (rows: one edge per issuer and per cited document)
CREATE_DOCUMENTS = (
    "UNWIND $rows AS row MERGE (d:Document {doc_id: row.doc_id}) SET d += row.props, d.stub = false "
    "WITH d, row MERGE (s:Source {path: row.source}) CREATE (d)-[:FROM_SOURCE]->(s) "
    "FOREACH (issuer IN row.issuers | MERGE (p:Department {department_id: issuer}) CREATE (d)-[:ISSUED_BY]->(p)) "
    f"FOREACH (c IN row.citations | {_cited} CREATE (d)-[:CITES {{relation: c.relation}}]->(x))"
)
# one row per department and document: row.name is the first name it goes by there, row.names all of them
MERGE_DEPARTMENTS = (
    "UNWIND $rows AS row MERGE (p:Department {department_id: row.department_id}) "
    "SET p.name = coalesce(p.name, row.name), p.function = row.function, p.kind = row.kind, "
    "p.known = coalesce(p.known, false) OR row.known, p.jurisdiction = row.jurisdiction, p.former = row.former, "
    "p.aliases = coalesce(p.aliases, []) + [n IN row.names WHERE NOT n IN coalesce(p.aliases, [])] "
    "WITH p, row WHERE row.jurisdiction IS NOT NULL "
    "MERGE (j:Jurisdiction {name: row.jurisdiction}) MERGE (p)-[:IN]->(j)"
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
    "SET r.role = resp.role, r.mention = resp.mention"
)
TASK_PROPERTIES = ("doc_id", "path", "text", "deadline", "deadline_text", "recurring", "source", "span")
INDICATOR_PROPERTIES = ("text", "value", "value_max", "unit", "comparator", "year", "source", "span")


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
    "WITH p, k, tasks[k.at] AS t CREATE (p)-[:RESPONSIBLE_FOR {role: k.role, mention: k.mention}]->(t)"
)
LINK_RESPONSIBLE = (
    "UNWIND $rows AS row MATCH (p:Department {department_id: row.department_id}) "
    "MATCH (t:Task {task_id: row.task_id}) MERGE (p)-[r:RESPONSIBLE_FOR]->(t) "
    "SET r.role = row.role, r.mention = row.mention"
)
MERGE_INDICATORS = (
    "UNWIND $rows AS row MATCH (t:Task {task_id: row.task_id}) "
    "MERGE (i:Indicator {indicator_id: row.indicator_id}) SET i += row.props MERGE (t)-[:HAS_INDICATOR]->(i)"
)
MERGE_CITATIONS = (
    "UNWIND $rows AS row MATCH (d:Document {doc_id: row.doc_id}) "
    "MERGE (c:Document {doc_id: row.cited_id}) "
    "ON CREATE SET c.stub = true, c.doc_no = row.cited_no, c.title = row.cited_title, "
    "c.title_key = row.title_key, c.jurisdiction = row.jurisdiction, c.level = row.level "
    "MERGE (d)-[r:CITES]->(c) SET r.relation = row.relation"
)
# a document now read replaces the stubs that stood for it (cited by title before it was ingested)
MOVE_STUB_CITATIONS = (
    "UNWIND $rows AS row MATCH (s:Document) WHERE s.title_key IN row.keys AND s.stub = true "
    "AND s.doc_id <> row.doc_id MATCH (x:Document)-[r:CITES]->(s) "
    "MATCH (d:Document {doc_id: row.doc_id}) MERGE (x)-[n:CITES]->(d) SET n.relation = r.relation DELETE r"
)
DROP_REPLACED_STUBS = (
    "UNWIND $rows AS row MATCH (s:Document) WHERE s.title_key IN row.keys AND s.stub = true "
    "AND s.doc_id <> row.doc_id DETACH DELETE s"
)
FIND_BY_TITLE = (
    "MATCH (d:Document) WHERE d.title_key IN $keys "
    "RETURN d.title_key AS title_key, d.subject_key AS subject_key, d.doc_id AS doc_id, d.stub AS stub"
)
FIND_REAL = "MATCH (d:Document) WHERE d.doc_id IN $ids AND d.stub = false RETURN d.doc_id AS doc_id"
FIND_STUBS = "MATCH (d:Document) WHERE d.title_key IN $keys AND d.stub = true RETURN d.title_key AS title_key"
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
