// name: indicators/department
// zh: 某部门承担的量化指标
// en: The targets of one department (by any of its names or aliases)
// param: department: string — a name, alias or department_id; without its place it matches every jurisdiction
// param: jurisdiction: string = null — e.g. 宝鸡市
// param: role: string = null — lead | support | responsible
// returns: department, jurisdiction, role, document, indicator, value, unit, comparator, year
// example: department=市科技局
// bench: jurisdiction=七台河市
MATCH (p:Department)
WHERE (p.department_id = $department OR p.name ENDS WITH $department
       OR any(alias IN coalesce(p.aliases, []) WHERE alias ENDS WITH $department))
  AND coalesce(p.jurisdiction, '') = coalesce($jurisdiction, p.jurisdiction, '')
MATCH (x:Department)-[:SUCCEEDED_BY*0..1]->(p)
MATCH (x)-[r:RESPONSIBLE_FOR]->(t:Task)-[:HAS_INDICATOR]->(i:Indicator)
WHERE coalesce(r.role, '') = coalesce($role, r.role, '')
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN p.name AS department, p.jurisdiction AS jurisdiction, r.role AS role, coalesce(d.doc_no, d.title) AS document,
       i.text AS indicator, i.value AS value, i.unit AS unit, i.comparator AS comparator, i.year AS year
ORDER BY department, document, year, indicator
