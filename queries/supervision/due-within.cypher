// name: supervision/due-within
// zh: 某日起若干天内到期的任务（规定期限），最新进展未报已完成或已销号；附责任单位与最新进展
// en: Obligations falling due within N days of a date (fixed deadlines), not reported done or closed; with units and latest status
// param: as_of: date — from this day: an ISO date (2019-01-01)
// param: days: int = 30 — due on or before as_of + days
// param: jurisdiction: string = null — e.g. 宝鸡市
// returns: deadline, jurisdiction, document, task_path, task, deadline_text, departments, status, reported_on, source, span
// example: as_of=2022-12-01
// Dates compared as text (toString): ISO text here, :date after a neo4j-admin import.
// bench: as_of=2019-12-01
// A recurring duty's next due date (每季度 …) is what `report due` computes; here only fixed deadlines.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE toString(t.deadline) >= $as_of AND toString(t.deadline) <= toString(date($as_of) + duration({days: $days})) AND coalesce(t.part, 'tasks') = 'tasks'
  AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
  AND NOT coalesce(t.status, '') IN ['done', 'closed']
OPTIONAL MATCH (x:Department)-[r:RESPONSIBLE_FOR]->(t)
OPTIONAL MATCH (x)-[:SUCCEEDED_BY]->(b:Department)
WITH d, t, r, coalesce(b.name, x.name) AS unit ORDER BY r.position
WITH d, t, collect(unit) AS departments
RETURN t.deadline AS deadline, d.jurisdiction AS jurisdiction, coalesce(d.doc_no, d.title) AS document,
       t.path AS task_path, t.text AS task, t.deadline_text AS deadline_text, departments,
       t.status AS status, t.reported_on AS reported_on, t.source AS source, t.span AS span
ORDER BY deadline, document, source, span[0]
