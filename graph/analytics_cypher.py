"""The Cypher that analytics and reports run: reading the responsibility graph in pages, writing scores back.

Same subset as graph/cypher.py (FalkorDB and Neo4j 5, no subqueries, no id()); tests/test_cypher_lint.py
lints each upper-case constant here too. Pages are taken over nodes ordered by their key (`SKIP $skip
LIMIT $limit`), so a page is the same on every backend and a 10,000-document graph reads in a few pages.
"""

from __future__ import annotations

# --- the analytics read: nodes and edges, page by page ---------------------------------------------------
READ_DEPARTMENTS = (
    "MATCH (p:Department) WITH p ORDER BY p.department_id SKIP $skip LIMIT $limit "
    "RETURN p.department_id AS id, p.name AS name, p.jurisdiction AS jurisdiction, p.function AS function, "
    "p.former AS former"
)
# A department's tasks in one role as one list: a tenth of the rows and a third of the values of one row
# per edge (on the 10,000-document graph, reading ≈620,000 edges takes half the time this way).
READ_ASSIGNMENTS = (
    "MATCH (p:Department) WITH p ORDER BY p.department_id SKIP $skip LIMIT $limit "
    "MATCH (p)-[r:RESPONSIBLE_FOR]->(t:Task) "
    "RETURN p.department_id AS department, r.role AS role, collect(t.task_id) AS tasks"
)
# a document's tasks as [task_id, deadline] pairs (a pair keeps a null deadline, collect() would drop it)
READ_TASKS = (
    "MATCH (d:Document) WITH d ORDER BY d.doc_id SKIP $skip LIMIT $limit "
    "MATCH (d)-[:HAS_TASK]->(t:Task) RETURN d.doc_id AS doc_id, collect([t.task_id, t.deadline]) AS tasks"
)
# one row per indicator (grouping them per task on the server is slower than sending the rows)
READ_INDICATOR_YEARS = (
    "MATCH (d:Document) WITH d ORDER BY d.doc_id SKIP $skip LIMIT $limit "
    "MATCH (d)-[:HAS_TASK]->(t:Task)-[:HAS_INDICATOR]->(i:Indicator) "
    "RETURN t.task_id AS task, i.year AS year"
)
READ_DOCUMENTS = (
    "MATCH (d:Document) WITH d ORDER BY d.doc_id SKIP $skip LIMIT $limit "
    "RETURN d.doc_id AS id, d.doc_no AS doc_no, d.title AS title, d.jurisdiction AS jurisdiction, "
    "d.level AS level, d.date AS date, d.stub AS stub, d.source AS source, d.span AS span"
)
READ_CITATIONS = (
    "MATCH (d:Document) WITH d ORDER BY d.doc_id SKIP $skip LIMIT $limit "
    "MATCH (d)-[c:CITES]->(e:Document) RETURN d.doc_id AS citing, e.doc_id AS cited, c.relation AS relation"
)
DOCUMENTS_BY_ID = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id}) "
    "RETURN d.doc_id AS id, d.doc_no AS doc_no, d.title AS title, d.jurisdiction AS jurisdiction, "
    "d.level AS level, d.date AS date, d.stub AS stub, d.source AS source, d.span AS span"
)
# every SUCCEEDED_BY step (a chain is followed to its end in Python: graph/analytics.current_bodies)
READ_SUCCESSORS = (
    "MATCH (a:Department)-[:SUCCEEDED_BY]->(b:Department) "
    "RETURN a.department_id AS former, b.department_id AS successor ORDER BY former"
)
COUNT_NODES = "MATCH (n) RETURN count(n) AS count"
COUNT_EDGES = "MATCH ()-[r]->() RETURN count(r) AS count"  # no grouping by type: a constant-time count
COUNT_DEPARTMENTS = "MATCH (p:Department) RETURN count(p) AS count"
COUNT_DOCUMENTS = "MATCH (d:Document) RETURN count(d) AS count"

# --- scores back onto the departments ---------------------------------------------------------------------
WRITE_SCORES = (
    "UNWIND $rows AS row MATCH (p:Department {department_id: row.id}) "
    "SET p.load = row.load, p.lead = row.lead, p.support = row.support, p.responsible = row.responsible, "
    "p.tasks = row.tasks, p.indicators = row.indicators, p.documents = row.documents, p.upstream = row.upstream, "
    "p.degree = row.degree, p.strength = row.strength, p.betweenness = row.betweenness, "
    "p.pagerank = row.pagerank, p.community = row.community"
)
TOP_BY_LOAD = (
    "MATCH (p:Department) WHERE p.load IS NOT NULL "
    "RETURN p.department_id AS id, p.name AS name, p.load AS load, p.pagerank AS pagerank "
    "ORDER BY p.load DESC, p.department_id LIMIT $limit"
)

# --- facts for the reports: one department, one document, a citation chain --------------------------------
FIND_DEPARTMENTS = (
    "MATCH (p:Department) WHERE p.department_id = $name OR p.name = $name OR $name IN p.aliases "
    "OR p.name ENDS WITH $name OR any(a IN coalesce(p.aliases, []) WHERE a ENDS WITH $name) "
    "RETURN p.department_id AS id, p.name AS name, p.aliases AS aliases, p.jurisdiction AS jurisdiction, "
    "coalesce(p.former, false) AS former ORDER BY p.department_id"
)
# what close matches are drawn from when a name finds nothing
DEPARTMENT_NAMES = "MATCH (p:Department) RETURN p.name AS name, p.aliases AS aliases"
DOCUMENT_NAMES = "MATCH (d:Document) RETURN d.doc_no AS doc_no, d.title AS title"
DEPARTMENT_NODE = "MATCH (p:Department {department_id: $id}) RETURN properties(p) AS props"
# a department's tasks: its own and those printed under a name a reform merged into it (SUCCEEDED_BY points
# straight at the body that exists now, so one step is the whole chain); `mention` says how it was addressed
DEPARTMENT_TASKS = (
    "MATCH (x:Department)-[:SUCCEEDED_BY*0..1]->(p:Department {department_id: $id}) "
    "MATCH (x)-[r:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(d:Document) "
    "RETURN t.task_id AS task_id, t.path AS path, t.text AS text, t.deadline AS deadline, "
    "t.deadline_text AS deadline_text, t.source AS source, t.span AS span, r.role AS role, r.mention AS mention, "
    "d.doc_id AS doc_id, d.doc_no AS doc_no, d.title AS title ORDER BY d.doc_id, t.span[0]"
)
DEPARTMENT_PARTNERS = (
    "MATCH (p:Department {department_id: $id})-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(q:Department) WHERE q <> p "
    "RETURN q.department_id AS id, q.name AS name, count(t) AS shared ORDER BY shared DESC, id LIMIT $limit"
)
FIND_DOCUMENTS = (
    "MATCH (d:Document) WHERE d.doc_id = $key OR d.doc_no = $key OR d.title = $key OR d.subject = $key "
    "OR d.title_key = $title_key OR d.subject_key = $title_key "
    "RETURN d.doc_id AS id, coalesce(d.stub, false) AS stub ORDER BY stub, id"
)
DOCUMENT_NODE = "MATCH (d:Document {doc_id: $id}) RETURN properties(d) AS props"
DOCUMENT_TASKS = (
    "MATCH (d:Document {doc_id: $id})-[:HAS_TASK]->(t:Task) "
    "RETURN t.task_id AS task_id, t.path AS path, t.text AS text, t.deadline AS deadline, "
    "t.deadline_text AS deadline_text, t.source AS source, t.span AS span ORDER BY t.span[0]"
)
DOCUMENT_ASSIGNMENTS = (
    "MATCH (d:Document {doc_id: $id})-[:HAS_TASK]->(t:Task)<-[r:RESPONSIBLE_FOR]-(p:Department) "
    "RETURN t.task_id AS task_id, p.department_id AS department_id, p.name AS name, r.role AS role, "
    "r.mention AS mention, r.position AS position ORDER BY t.task_id, r.position, p.department_id"
)
DOCUMENT_INDICATORS = (
    "MATCH (d:Document {doc_id: $id})-[:HAS_TASK]->(t:Task)-[:HAS_INDICATOR]->(i:Indicator) "
    "RETURN t.task_id AS task_id, i.text AS text, i.value AS value, i.value_max AS value_max, i.unit AS unit, "
    "i.comparator AS comparator, i.year AS year, i.source AS source, i.span AS span, i.owner AS owner, "
    "i.owner_kind AS owner_kind ORDER BY i.span[0]"
)
DOCUMENT_ISSUERS = (
    "MATCH (d:Document {doc_id: $id})-[:ISSUED_BY]->(p:Department) "
    "RETURN p.department_id AS id, p.name AS name ORDER BY id"
)
DOCUMENT_CITES = (
    "MATCH (d:Document {doc_id: $id})-[c:CITES]->(e:Document) "
    "RETURN e.doc_id AS doc_id, e.doc_no AS doc_no, e.title AS title, e.stub AS stub, e.level AS level, "
    "e.jurisdiction AS jurisdiction, c.relation AS relation ORDER BY doc_id"
)
DOCUMENT_CITED_BY = (
    "MATCH (x:Document)-[c:CITES]->(d:Document {doc_id: $id}) "
    "RETURN x.doc_id AS doc_id, x.doc_no AS doc_no, x.title AS title, x.stub AS stub, x.level AS level, "
    "x.jurisdiction AS jurisdiction, c.relation AS relation ORDER BY doc_id"
)
# the citation edges out of a set of documents: the chain is walked breadth first, one hop per read
CITES_OF = (
    "UNWIND $ids AS id MATCH (d:Document {doc_id: id})-[c:CITES]->(e:Document) "
    "RETURN d.doc_id AS citing, e.doc_id AS doc_id, e.doc_no AS doc_no, e.title AS title, e.stub AS stub, "
    "e.level AS level, e.jurisdiction AS jurisdiction, e.date AS date, e.source AS source, "
    "c.relation AS relation ORDER BY citing, doc_id"
)
