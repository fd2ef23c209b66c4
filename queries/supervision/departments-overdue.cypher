// name: supervision/departments-overdue
// zh: 按逾期任务数排名的部门（现行机构：被撤并的旧名计入承继机构），附其中牵头的数目
// en: Departments ranked by overdue obligations (bodies that exist now: a reform-abolished name counts for its successor), with how many they lead
// param: as_of: date — the day to judge by: an ISO date (2019-01-01)
// param: jurisdiction: string = null — e.g. 宝鸡市
// param: limit: int = 20 — departments at most
// returns: department, jurisdiction, overdue, lead, not_started, unreported
// example: as_of=2019-01-01
// Dates compared as text (toString): ISO text here, :date after a neo4j-admin import.
// bench: as_of=2019-01-01
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE toString(t.deadline) < $as_of AND coalesce(t.part, 'tasks') = 'tasks'
  AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
  AND NOT coalesce(t.status, '') IN ['done', 'closed']
MATCH (x:Department)-[r:RESPONSIBLE_FOR]->(t)
OPTIONAL MATCH (x)-[:SUCCEEDED_BY]->(b:Department)
WITH coalesce(b, x) AS p, t, r
WITH p, count(DISTINCT t) AS overdue, count(DISTINCT CASE WHEN r.role = 'lead' THEN t END) AS lead,
     count(DISTINCT CASE WHEN t.status = 'not_started' THEN t END) AS not_started,
     count(DISTINCT CASE WHEN t.status IS NULL THEN t END) AS unreported
RETURN p.name AS department, p.jurisdiction AS jurisdiction, overdue, lead, not_started, unreported
ORDER BY overdue DESC, department
LIMIT $limit
