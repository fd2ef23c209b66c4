// name: supervision/stale
// zh: 久未报送进展的任务：最近一次报送（含重复报送）早于某日前若干天，且未完成或销号；可含从未报送的；最久未报的在前
// en: Stale obligations: no progress report for N days before a date (a report sent again counts), not done or closed; optionally those never reported; the stalest first
// param: as_of: date — the day to judge by: an ISO date (2019-06-30)
// param: days: int = 90 — no report within this many days before as_of
// param: unreported: bool = false — also list obligations never reported on (after the stale ones)
// param: jurisdiction: string = null — e.g. 宝鸡市
// param: limit: int = 200 — rows at most
// returns: last_report, status, jurisdiction, document, task_path, task, deadline, departments, source, span
// example: as_of=2019-06-30
// example: unreported=true
// Dates compared as text (toString): ISO text here, :date after a neo4j-admin import.
// bench: as_of=2019-06-30
// bench: unreported=false
// last_report: the last day a report on it was imported (status import --date), null when never.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE coalesce(t.part, 'tasks') = 'tasks' AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
  AND ((t.status IS NULL AND $unreported)
       OR (toString(t.seen_on) < toString(date($as_of) - duration({days: $days})) AND NOT t.status IN ['done', 'closed']))
WITH d, t ORDER BY t.seen_on, d.doc_no, t.source, t.span[0] LIMIT $limit
OPTIONAL MATCH (x:Department)-[r:RESPONSIBLE_FOR]->(t)
OPTIONAL MATCH (x)-[:SUCCEEDED_BY]->(b:Department)
WITH d, t, r, coalesce(b.name, x.name) AS unit ORDER BY r.position
WITH d, t, collect(unit) AS departments
RETURN t.seen_on AS last_report, t.status AS status, d.jurisdiction AS jurisdiction,
       coalesce(d.doc_no, d.title) AS document, t.path AS task_path, t.text AS task, t.deadline AS deadline,
       departments, t.source AS source, t.span AS span
ORDER BY last_report, document, source, span[0]
