"""The Cypher the network views (viz/views.py) read: finding the subject of a view, its neighbourhood, and
the node records (departments, tasks, documents, indicators) by key.

Same subset as graph/cypher.py (FalkorDB and Neo4j 5: no subqueries, no id(), no APOC); tests/test_cypher_lint.py
lints each upper-case constant. Neighbourhoods are read one hop per statement (`UNWIND $ids`), so no statement
walks a variable-length path whose size depends on the graph.
"""

from __future__ import annotations

# --- finding what a view is about ---------------------------------------------------------------------------
JURISDICTIONS = "MATCH (j:Jurisdiction) RETURN j.name AS name, j.level AS level ORDER BY name"

# --- node records by key --------------------------------------------------------------------------------------
# `assignments` is the fallback size of a department when analytics has not written `load` onto it
DEPARTMENTS_BY_ID = (
    "UNWIND $ids AS id MATCH (p:Department {department_id: id}) "
    "OPTIONAL MATCH (p)-[r:RESPONSIBLE_FOR]->(:Task) "
    "RETURN p.department_id AS id, p.name AS name, p.jurisdiction AS jurisdiction, p.function AS function, "
    "p.aliases AS aliases, p.former AS former, p.load AS load, p.pagerank AS pagerank, p.betweenness AS betweenness, "
    "count(r) AS assignments"
)
TASKS_BY_ID = (
    "UNWIND $ids AS id MATCH (t:Task {task_id: id}) "
    "OPTIONAL MATCH (t)-[:HAS_INDICATOR]->(i:Indicator) "
    "WITH t, collect(i.text) AS indicators, collect(i.owner_kind + '|' + i.owner) AS owners "
    "OPTIONAL MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t) WITH t, indicators, owners, p, r ORDER BY r.position "
    "WITH t, indicators, owners, collect(p.name) AS units "
    "RETURN t.task_id AS id, t.doc_id AS doc_id, t.path AS path, t.text AS text, t.deadline AS deadline, "
    "t.deadline_text AS deadline_text, t.source AS source, t.span AS span, indicators, units, owners"
)
DOCUMENTS_BY_ID = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id}) "
    "RETURN d.doc_id AS id, d.doc_no AS doc_no, d.title AS title, d.issuer AS issuer, d.date AS date, "
    "d.jurisdiction AS jurisdiction, d.level AS level, coalesce(d.stub, false) AS stub, d.source AS source, "
    "d.span AS span"
)

# --- edges around a set of nodes ----------------------------------------------------------------------------------
# a department and the bodies it succeeded (their tasks are its own; the caller follows the lineage), their tasks
# and everyone answerable for them
DEPARTMENT_EGO = (
    "UNWIND $ids AS id MATCH (x:Department {department_id: id})-[:RESPONSIBLE_FOR]->(t:Task)"
    "<-[r:RESPONSIBLE_FOR]-(q:Department) "
    "RETURN DISTINCT x.department_id AS via, t.task_id AS task, q.department_id AS department, r.role AS role"
)
TASK_DOCUMENTS = (
    "UNWIND $ids AS id MATCH (d:Document)-[:HAS_TASK]->(t:Task {task_id: id}) "
    "RETURN d.doc_id AS document, t.task_id AS task"
)
CITATIONS_FROM = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id})-[c:CITES]->(e:Document) "
    "RETURN d.doc_id AS citing, e.doc_id AS cited, c.relation AS relation ORDER BY citing, cited"
)
# where each citation sits (`at`, the offset of its first mention) and the spans of the citing document's tasks:
# a department view keeps the policies cited outside every task (the preamble, general parts) or inside its own
CITATIONS_AT = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id})-[c:CITES]->(e:Document) "
    "RETURN d.doc_id AS citing, e.doc_id AS cited, c.relation AS relation, c.at AS at ORDER BY citing, cited"
)
TASK_SPANS = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id})-[:HAS_TASK]->(t:Task) "
    "RETURN d.doc_id AS document, t.task_id AS task, t.span AS span"
)
CITATIONS_TO = (
    "UNWIND $ids AS id MATCH (d:Document)-[c:CITES]->(e:Document {doc_id: id}) "
    "RETURN d.doc_id AS citing, e.doc_id AS cited, c.relation AS relation ORDER BY citing, cited"
)
# stubs titled after a policy (陕政发〔2022〕16号: 关于贯彻落实〈国家标准化发展纲要〉的实施意见) stand one step below it,
# as in queries/chain/downstream.cypher: a stub has no citations of its own to say so
STUBS_NAMED_AFTER = (
    "MATCH (u:Document {doc_id: $id}) MATCH (m:Document) "
    "WHERE m.stub = true AND m <> u AND size(u.title_key) >= 4 AND m.title_key CONTAINS u.title_key "
    "RETURN m.doc_id AS id ORDER BY id"
)
DOCUMENT_ASSIGNMENTS = (
    "MATCH (d:Document {doc_id: $id})-[:HAS_TASK]->(t:Task) "
    "OPTIONAL MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t) "
    "RETURN t.task_id AS task, p.department_id AS department, r.role AS role ORDER BY t.span[0], r.position, department"
)
DOCUMENT_INDICATORS = (
    "MATCH (d:Document {doc_id: $id})-[:HAS_TASK]->(t:Task)-[:HAS_INDICATOR]->(i:Indicator) "
    "RETURN t.task_id AS task, i.indicator_id AS id, i.text AS text, i.value AS value, i.value_max AS value_max, "
    "i.unit AS unit, i.comparator AS comparator, i.year AS year, i.source AS source, i.span AS span "
    "ORDER BY i.span[0]"
)
DOCUMENT_ISSUERS = "MATCH (d:Document {doc_id: $id})-[:ISSUED_BY]->(p:Department) RETURN p.department_id AS department ORDER BY department"
# the answerable departments (lead, or responsible) of each document, with the tasks they answer for
ANSWERABLE_OF = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id})-[:HAS_TASK]->(t:Task)<-[r:RESPONSIBLE_FOR]-(p:Department) "
    "WHERE r.role IN ['lead', 'responsible'] "
    "RETURN d.doc_id AS document, p.department_id AS department, r.role AS role, collect(t.path) AS tasks "
    "ORDER BY document, department, role"
)
JURISDICTION_ASSIGNMENTS = (
    "MATCH (p:Department)-[:IN]->(:Jurisdiction {name: $name}) MATCH (p)-[r:RESPONSIBLE_FOR]->(t:Task) "
    "RETURN p.department_id AS department, t.task_id AS task, r.role AS role ORDER BY department, task"
)

# --- choosing what `write_views` draws for a whole corpus -------------------------------------------------------
DOCUMENTS_WITH_TASKS = (
    "MATCH (d:Document)-[:HAS_TASK]->(t:Task) WHERE coalesce(d.stub, false) = false "
    "RETURN d.doc_id AS id, d.doc_no AS doc_no, d.title AS title, count(t) AS tasks ORDER BY tasks DESC, id"
)
TOP_DEPARTMENTS = (
    "MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(:Task) "
    "WITH p, count(r) AS assignments "
    "RETURN p.department_id AS id, p.name AS name, coalesce(p.load, toFloat(assignments)) AS load "
    "ORDER BY load DESC, id LIMIT $limit"
)
MOST_CITED = (
    "MATCH (:Document)-[c:CITES]->(u:Document) "
    "RETURN u.doc_id AS id, u.doc_no AS doc_no, u.title AS title, count(c) AS cited_by "
    "ORDER BY cited_by DESC, id LIMIT $limit"
)
JURISDICTIONS_WITH_DEPARTMENTS = (
    "MATCH (p:Department)-[:IN]->(j:Jurisdiction) RETURN j.name AS name, count(p) AS departments ORDER BY name"
)
