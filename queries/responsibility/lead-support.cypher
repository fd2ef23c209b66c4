// name: responsibility/lead-support
// zh: 各部门牵头与配合任务数
// en: Lead vs support counts per department
// param: jurisdiction: string = null — e.g. 宝鸡市
// param: limit: int = 50
// returns: department, jurisdiction, lead, support, responsible, tasks
// bench: jurisdiction=七台河市
MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE coalesce(p.jurisdiction, '') = coalesce($jurisdiction, p.jurisdiction, '')
WITH p, count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS support,
     count(CASE WHEN r.role = 'responsible' THEN 1 END) AS responsible, count(r) AS tasks
RETURN p.name AS department, p.jurisdiction AS jurisdiction, lead, support, responsible, tasks
ORDER BY lead DESC, tasks DESC, department
LIMIT $limit
