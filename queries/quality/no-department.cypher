// name: quality/no-department
// zh: 没有任何责任单位的任务（仅限任务部分：目标段落与议事规则不计）
// en: Tasks without departments: no unit is named as answerable (task-bearing parts only: a plan's goals and rules of procedure are not accountability gaps)
// param: document: string = null — a 文号 (doc_no)
// param: jurisdiction: string = null — the issuing document's, e.g. 宝鸡市
// returns: document, task_path, task, deadline, source, span
// bench: jurisdiction=七台河市
MATCH (d:Document)
WHERE coalesce(d.doc_no, '') = coalesce($document, d.doc_no, '')
  AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
WITH d
MATCH (d)-[:HAS_TASK]->(t:Task)
WHERE coalesce(t.part, 'tasks') = 'tasks'
OPTIONAL MATCH (:Department)-[r:RESPONSIBLE_FOR]->(t)
WITH d, t, count(r) AS units
WHERE units = 0
RETURN coalesce(d.doc_no, d.title) AS document, t.path AS task_path, t.text AS task, t.deadline AS deadline,
       t.source AS source, t.span AS span
ORDER BY document, task_path
