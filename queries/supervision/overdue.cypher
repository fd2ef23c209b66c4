// name: supervision/overdue
// zh: 截至某日逾期的任务：规定期限已过，最新进展未报“已完成”或“已销号”；附责任单位（现行机构）与最新进展
// en: Obligations overdue as of a date: their deadline passed and their latest report is not done or closed; with their units (bodies that exist now) and latest status
// param: as_of: date — the day to judge by: an ISO date (2019-01-01); a year stands for its first day
// param: jurisdiction: string = null — e.g. 宝鸡市
// param: department: string = null — only tasks this unit carries (its name as now, or its end: 科技局)
// returns: deadline, jurisdiction, document, task_path, task, deadline_text, departments, status, reported_on, source, span
// example: as_of=2019-01-01
// Dates compared as text (toString): ISO text here, :date after a neo4j-admin import.
// bench: as_of=2019-01-01
// The fixed deadline only: a recurring duty's next due date (每季度, 每年6月底前) is what `report due` computes.
// status: not_started | in_progress (done and closed are not overdue); null when nothing was reported.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE toString(t.deadline) < $as_of AND coalesce(t.part, 'tasks') = 'tasks'
  AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
  AND NOT coalesce(t.status, '') IN ['done', 'closed']
OPTIONAL MATCH (x:Department)-[r:RESPONSIBLE_FOR]->(t)
OPTIONAL MATCH (x)-[:SUCCEEDED_BY]->(b:Department)
WITH d, t, r, coalesce(b.name, x.name) AS unit ORDER BY r.position
WITH d, t, collect(unit) AS departments
WHERE $department IS NULL OR any(u IN departments WHERE u ENDS WITH $department)
RETURN t.deadline AS deadline, d.jurisdiction AS jurisdiction, coalesce(d.doc_no, d.title) AS document,
       t.path AS task_path, t.text AS task, t.deadline_text AS deadline_text, departments,
       t.status AS status, t.reported_on AS reported_on, t.source AS source, t.span AS span
ORDER BY deadline, document, source, span[0]
