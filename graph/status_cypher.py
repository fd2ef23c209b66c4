"""The Cypher of supervision: progress reports (StatusReport nodes) written and read, tasks with their deadlines.

A StatusReport names its task by `task_id` (no edge): tasks are dropped and written again by every ingest of
their file, the reports are user data that outlive them (ingest --rebuild, remove, run keep them). The latest is
copied onto its task (`status`, `reported_on`, `seen_on`) for the queries of queries/supervision/: a lookup per
task from 20,000 tasks costs 200-300 ms, a property filter 20 ms.
"""

from __future__ import annotations

# every task with its document, deadline fields and units in printed order (p is null for a task nobody carries)
TASKS = (
    "MATCH (d:Document)-[:HAS_TASK]->(t:Task) WHERE d.doc_id = coalesce($doc_id, d.doc_id) "
    "OPTIONAL MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t) "
    "WITH d, t, p, r ORDER BY r.position "
    "RETURN d.doc_id AS doc_id, d.doc_no AS doc_no, d.title AS title, d.date AS date, d.jurisdiction AS jurisdiction, "
    "t.task_id AS task_id, t.path AS task_path, t.text AS task, t.deadline AS deadline, "
    "t.deadline_text AS deadline_text, t.recurring AS recurring, t.part AS part, t.source AS source, t.span AS span, "
    "collect([p.department_id, p.name, r.role, p.former]) AS departments"
)
DEPARTMENT_NAMES = "MATCH (p:Department) RETURN p.department_id AS id, p.name AS name"
KNOWN_TASKS = "UNWIND $ids AS id MATCH (t:Task {task_id: id}) RETURN t.task_id AS id"
KNOWN_REPORTS = "UNWIND $ids AS id MATCH (r:StatusReport {report_id: id}) RETURN r.report_id AS id"
# a report seen again (the same sheet imported again) changes nothing but the last day it was seen on
MERGE_REPORTS = (
    "UNWIND $rows AS row MERGE (r:StatusReport {report_id: row.report_id}) "
    "ON CREATE SET r.task_id = row.task_id, r.status = row.status, r.done_on = row.done_on, r.note = row.note, "
    "r.reporter = row.reporter, r.file = row.file, r.row = row.row, r.sheet = $sheet, "
    "r.reported_on = $reported_on, r.imported_at = $imported_at, r.seen_on = $reported_on, r.latest = false "
    "SET r.seen_on = CASE WHEN r.seen_on < $reported_on THEN $reported_on ELSE r.seen_on END"
)
# the latest report of each task is its status: the last reported, of those the last imported
MARK_LATEST = (
    "UNWIND $ids AS id MATCH (r:StatusReport {task_id: id}) "
    "WITH id, r ORDER BY r.reported_on DESC, r.imported_at DESC, r.row DESC "
    "WITH id, collect(r) AS reports "
    "UNWIND range(0, size(reports) - 1) AS i WITH reports[i] AS r, i SET r.latest = (i = 0)"
)
# the latest report copied onto its task, for the queries (graph/cypher.py RESTORE_TASK_STATUS after an ingest)
COPY_TO_TASKS = (
    "UNWIND $ids AS id MATCH (r:StatusReport {task_id: id}) WHERE r.latest = true MATCH (t:Task {task_id: id}) "
    "SET t.status = r.status, t.reported_on = r.reported_on, t.seen_on = r.seen_on"
)
LATEST_REPORTS = (
    "MATCH (r:StatusReport) WHERE r.latest = true "
    "RETURN r.task_id AS task_id, r.status AS status, r.done_on AS done_on, r.note AS note, r.reporter AS reporter, "
    "r.reported_on AS reported_on, r.seen_on AS seen_on, r.file AS file, r.row AS row"
)
TASK_HISTORY = (
    "MATCH (r:StatusReport {task_id: $task_id}) "
    "RETURN r.status AS status, r.done_on AS done_on, r.note AS note, r.reporter AS reporter, "
    "r.reported_on AS reported_on, r.seen_on AS seen_on, r.file AS file, r.row AS row, r.latest AS latest "
    "ORDER BY r.reported_on, r.imported_at, r.row"
)
COUNT_REPORTS = "MATCH (r:StatusReport) RETURN count(r) AS count"
ALL_TASK_IDS = "MATCH (t:Task) RETURN t.task_id AS id ORDER BY id"
LATEST_STATUS_OF = (
    "UNWIND $ids AS id MATCH (r:StatusReport {task_id: id}) WHERE r.latest = true "
    "RETURN r.task_id AS task_id, r.status AS status"
)
