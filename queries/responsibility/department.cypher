// name: responsibility/department
// zh: 某部门（任一名称或别名，含其被撤并前的旧名）承担的全部任务：按牵头/配合/负责分列，附期限与指标
// en: Every obligation of a department (by any of its names or aliases, and its pre-reform names), by role, with deadlines and indicators
// param: department: string — a name, alias or department_id; a name without its place (市市场监管局) matches it in every jurisdiction
// param: jurisdiction: string = null — e.g. 宝鸡市
// param: role: string = null — lead | support | responsible
// param: since: date = null — only documents dated on or after this: a year (2022) or an ISO date (2022-06-01)
// param: until: date = null — only documents dated up to this: a year (2018) or an ISO date (2018-12-31)
// returns: department, jurisdiction, role, addressed_as, document, task_path, task, deadline, indicators, source, span
// example: department=市市场监管局
// example: jurisdiction=宝鸡市
// bench: jurisdiction=七台河市
// Dates compare as text, so a year bounds its whole year; an undated document drops out once either is given.
MATCH (p:Department)
WHERE (p.department_id = $department OR p.name ENDS WITH $department
       OR any(alias IN coalesce(p.aliases, []) WHERE alias ENDS WITH $department))
  AND coalesce(p.jurisdiction, '') = coalesce($jurisdiction, p.jurisdiction, '')
// the departments named first (WITH): without it FalkorDB's planner starts from every assignment (20× slower)
WITH p
MATCH (x:Department)-[:SUCCEEDED_BY*0..1]->(p)
WITH p, x
MATCH (x)-[r:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(d:Document)
WHERE coalesce(r.role, '') = coalesce($role, r.role, '')
  AND coalesce(toString(d.date), '') >= coalesce($since, '')
  AND left(coalesce(toString(d.date), '~'), size(coalesce($until, ''))) <= coalesce($until, '')
OPTIONAL MATCH (t)-[:HAS_INDICATOR]->(i:Indicator)
WITH p, x, r, t, d, collect(i.text) AS indicators
RETURN p.name AS department, p.jurisdiction AS jurisdiction, r.role AS role, r.mention AS addressed_as,
       d.doc_no AS document, t.path AS task_path, t.text AS task, t.deadline AS deadline, indicators,
       t.source AS source, t.span AS span
ORDER BY department, role, document, task_path
