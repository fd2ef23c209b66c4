// name: responsibility/shared
// zh: 共同承担任务最多的部门对
// en: Pairs of departments that share the most tasks
// param: jurisdiction: string = null — e.g. 渭南市
// param: limit: int = 20
// param: since: date = null — only documents dated on or after this: a year (2022) or an ISO date (2022-06-01)
// param: until: date = null — only documents dated up to this: a year (2018) or an ISO date (2018-12-31)
// returns: department_a, department_b, shared_tasks
// bench: jurisdiction=七台河市
// Dates compare as text, so a year bounds its whole year; an undated document drops out once either is given.
MATCH (a:Department)-[ra:RESPONSIBLE_FOR]->(t:Task)<-[rb:RESPONSIBLE_FOR]-(b:Department)
WHERE a.department_id < b.department_id AND coalesce(a.jurisdiction, '') = coalesce($jurisdiction, a.jurisdiction, '')
WITH a, b, t
MATCH (d:Document)-[:HAS_TASK]->(t)
WHERE coalesce(toString(d.date), '') >= coalesce($since, '')
  AND left(coalesce(toString(d.date), '~'), size(coalesce($until, ''))) <= coalesce($until, '')
WITH a, b, count(t) AS shared_tasks
RETURN a.name AS department_a, b.name AS department_b, shared_tasks
ORDER BY shared_tasks DESC, department_a, department_b
LIMIT $limit
