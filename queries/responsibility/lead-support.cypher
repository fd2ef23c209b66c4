// name: responsibility/lead-support
// zh: 各部门牵头与配合任务数
// en: Lead vs support counts per department
// param: jurisdiction: string = null — e.g. 宝鸡市
// param: limit: int = 50
// param: since: date = null — only documents dated on or after this: a year (2022) or an ISO date (2022-06-01)
// param: until: date = null — only documents dated up to this: a year (2018) or an ISO date (2018-12-31)
// returns: department, jurisdiction, lead, support, responsible, tasks
// bench: jurisdiction=七台河市
// Dates compare as text, so a year bounds its whole year; an undated document drops out once either is given.
MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(d:Document)
WHERE coalesce(p.jurisdiction, '') = coalesce($jurisdiction, p.jurisdiction, '')
  AND coalesce(toString(d.date), '') >= coalesce($since, '')
  AND left(coalesce(toString(d.date), '~'), size(coalesce($until, ''))) <= coalesce($until, '')
WITH p, count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS support,
     count(CASE WHEN r.role = 'responsible' THEN 1 END) AS responsible, count(r) AS tasks
RETURN p.name AS department, p.jurisdiction AS jurisdiction, lead, support, responsible, tasks
ORDER BY lead DESC, tasks DESC, department
LIMIT $limit
