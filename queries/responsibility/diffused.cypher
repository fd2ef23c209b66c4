// name: responsibility/diffused
// zh: 责任分散的任务：共同负责的单位众多
// en: Tasks with many co-responsible units (diffused responsibility)
// param: min_units: int = 6 — at least this many units
// param: jurisdiction: string = null — the issuing document's, e.g. 宝鸡市
// param: limit: int = 50
// param: since: date = null — only documents dated on or after this: a year (2022) or an ISO date (2022-06-01)
// param: until: date = null — only documents dated up to this: a year (2018) or an ISO date (2018-12-31)
// returns: document, task_path, task, units, leads, departments, source, span
// bench: jurisdiction=七台河市
// Dates compare as text, so a year bounds its whole year; an undated document drops out once either is given.
MATCH (d:Document)
WHERE coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
  AND coalesce(toString(d.date), '') >= coalesce($since, '')
  AND left(coalesce(toString(d.date), '~'), size(coalesce($until, ''))) <= coalesce($until, '')
WITH d
MATCH (d)-[:HAS_TASK]->(t:Task)<-[r:RESPONSIBLE_FOR]-(:Department)
WITH d, t, count(r) AS units
WHERE units >= $min_units
MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t)
WITH d, t, units, p, r ORDER BY r.position
WITH d, t, units, collect(p.name) AS departments, collect(CASE WHEN r.role = 'lead' THEN p.name END) AS leads
RETURN coalesce(d.doc_no, d.title) AS document, t.path AS task_path, t.text AS task, units, leads, departments,
       t.source AS source, t.span AS span
ORDER BY units DESC, document, task_path
LIMIT $limit
