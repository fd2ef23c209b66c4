// name: responsibility/no-lead
// zh: 没有牵头单位的任务：有两个及以上责任单位，却无一被指定牵头
// en: Tasks with no lead department: several units answerable, none of them named to lead
// param: min_units: int = 2 — only tasks with at least this many units
// param: document: string = null — a 文号 (doc_no), e.g. 渭政发〔2023〕16号
// param: jurisdiction: string = null — the issuing document's, e.g. 渭南市
// param: since: date = null — only documents dated on or after this: a year (2022) or an ISO date (2022-06-01)
// param: until: date = null — only documents dated up to this: a year (2018) or an ISO date (2018-12-31)
// returns: document, task_path, task, units, departments, source, span
// example: document=渭政发〔2023〕16号
// bench: document=渭政发〔2023〕1016号
// Dates compare as text, so a year bounds its whole year; an undated document drops out once either is given.
MATCH (d:Document)
WHERE coalesce(d.doc_no, '') = coalesce($document, d.doc_no, '')
  AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
  AND coalesce(toString(d.date), '') >= coalesce($since, '')
  AND left(coalesce(toString(d.date), '~'), size(coalesce($until, ''))) <= coalesce($until, '')
WITH d
MATCH (d)-[:HAS_TASK]->(t:Task)<-[r:RESPONSIBLE_FOR]-(p:Department)
WITH d, t, p, r ORDER BY r.position
WITH d, t, count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads, collect(p.name) AS departments
WHERE leads = 0 AND size(departments) >= $min_units
RETURN coalesce(d.doc_no, d.title) AS document, t.path AS task_path, t.text AS task, size(departments) AS units,
       departments,
       t.source AS source, t.span AS span
ORDER BY units DESC, document, task_path
