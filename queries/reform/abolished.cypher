// name: reform/abolished
// zh: 仍写给机构改革中已撤并机构的任务，及其承接机构与沿革（年份、依据）
// en: Obligations still addressed to bodies abolished by an institutional reform, with their successors and lineage (years, basis)
// param: jurisdiction: string = null — e.g. 宝鸡市
// returns: addressed_to, successor, lineage, jurisdiction, document, date, role, task_path, task, source, span
// bench: jurisdiction=七台河市
MATCH (f:Department)
WHERE f.former = true AND coalesce(f.jurisdiction, '') = coalesce($jurisdiction, f.jurisdiction, '')
MATCH (f)-[r:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(d:Document)
OPTIONAL MATCH (f)-[:SUCCEEDED_BY]->(s:Department)
RETURN f.name AS addressed_to, coalesce(s.name, '（撤销，本级无承接机构）') AS successor, f.reform AS lineage,
       f.jurisdiction AS jurisdiction, coalesce(d.doc_no, d.title) AS document, d.date AS date, r.role AS role,
       t.path AS task_path, t.text AS task, t.source AS source, t.span AS span
ORDER BY jurisdiction, addressed_to, document, task_path
