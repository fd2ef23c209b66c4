// name: supervision/stale
// zh: 久未报送进展的任务：最新一次报送（含重复报送）早于某日前若干天，且未完成或销号；可含从未报送的
// en: Stale obligations: no progress report for N days before a date (a report sent again counts), not done or closed; optionally those never reported
// param: as_of: date — the day to judge by: an ISO date (2019-06-30)
// param: days: int = 90 — no report within this many days before as_of
// param: unreported: bool = false — also list obligations never reported on
// param: jurisdiction: string = null — e.g. 宝鸡市
// returns: last_report, status, jurisdiction, document, task_path, task, deadline, departments, source, span
// example: as_of=2019-06-30
// example: unreported=true
// bench: as_of=2019-06-30
// last_report: the last day a report on it was imported (status import --date), null when never.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE coalesce(t.part, 'tasks') = 'tasks' AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
OPTIONAL MATCH (s:StatusReport {task_id: t.task_id, latest: true})
WITH d, t, s
WHERE (s IS NULL AND $unreported) OR (s.seen_on < toString(date($as_of) - duration({days: $days})) AND NOT s.status IN ['done', 'closed'])
OPTIONAL MATCH (x:Department)-[r:RESPONSIBLE_FOR]->(t)
OPTIONAL MATCH (x)-[:SUCCEEDED_BY]->(b:Department)
WITH d, t, s, r, coalesce(b.name, x.name) AS unit ORDER BY r.position
WITH d, t, s, collect(unit) AS departments
RETURN s.seen_on AS last_report, s.status AS status, d.jurisdiction AS jurisdiction,
       coalesce(d.doc_no, d.title) AS document, t.path AS task_path, t.text AS task, t.deadline AS deadline,
       departments, t.source AS source, t.span AS span
ORDER BY last_report, document, source, span[0]
