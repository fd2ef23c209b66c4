// name: indicators/no-deadline
// zh: 没有期限的量化指标（指标无到期年份，所属任务也无期限）
// en: Targets without a deadline: no due year, and their task has no deadline either
// param: jurisdiction: string = null — e.g. 巴彦淖尔市
// param: document: string = null — a 文号 (doc_no)
// returns: jurisdiction, document, task_path, indicator, value, unit, comparator
// bench: jurisdiction=七台河市
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_INDICATOR]->(i:Indicator)
WHERE i.year IS NULL AND t.deadline IS NULL
  AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '') AND coalesce(d.doc_no, '') = coalesce($document, d.doc_no, '')
RETURN d.jurisdiction AS jurisdiction, coalesce(d.doc_no, d.title) AS document, t.path AS task_path,
       i.text AS indicator, i.value AS value, i.unit AS unit, i.comparator AS comparator
ORDER BY jurisdiction, document, task_path, indicator
