// name: compare/jurisdictions
// zh: 跨地区对比：几个地区都直接贯彻（引用）的同一上位政策，各自把任务交给了谁（按印发顺序的牵头/责任/配合单位）、定了哪些指标
// en: Cross-jurisdiction comparison: the upstream policies every given jurisdiction implements (cites) directly, and side by side what each assigned to whom (units in printed order by role) with indicators
// param: jurisdictions: string — two or more places, comma-separated, e.g. 巴彦淖尔市,青铜峡市 (one alone: all it implements)
// param: since: date = null — only documents dated on or after this (2018 or 2018-03-01)
// param: until: date = null — only documents dated up to this (2021 or 2021-12-31)
// returns: policy, jurisdiction, document, date, relation, task_path, task, leads, responsible, support, indicators, source, span
// example: jurisdictions=巴彦淖尔市,青铜峡市
// bench: jurisdictions=七台河市
// One place alone lists every upstream document it implements directly (what `bench queries` times on the
// 31-document synthetic corpus, all of it re-issued under one place).
// An undated document is left out once --since or --until is given ('~' sorts after every digit).
MATCH (d:Document)-[c:CITES]->(u:Document)
WHERE d.jurisdiction IN [j IN split($jurisdictions, ',') | trim(j)] AND coalesce(u.jurisdiction, '') <> d.jurisdiction
  AND coalesce(toString(d.date), '') >= coalesce($since, '')
  AND left(coalesce(toString(d.date), '~'), size(coalesce($until, ''))) <= coalesce($until, '')
WITH u, collect(DISTINCT d.jurisdiction) AS implementers
WHERE size(implementers) = size(split($jurisdictions, ','))
MATCH (d:Document)-[c:CITES]->(u)
WHERE d.jurisdiction IN implementers
  AND coalesce(toString(d.date), '') >= coalesce($since, '')
  AND left(coalesce(toString(d.date), '~'), size(coalesce($until, ''))) <= coalesce($until, '')
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t)
WITH u, d, c, t, p, r ORDER BY r.position
WITH u, d, c, t, collect(CASE WHEN r.role = 'lead' THEN p.name END) AS leads,
     collect(CASE WHEN r.role = 'responsible' THEN p.name END) AS responsible,
     collect(CASE WHEN r.role = 'support' THEN p.name END) AS support
OPTIONAL MATCH (t)-[:HAS_INDICATOR]->(i:Indicator)
WITH u, d, c, t, leads, responsible, support, collect(i.text) AS indicators
RETURN coalesce(u.doc_no, u.title) AS policy, d.jurisdiction AS jurisdiction, coalesce(d.doc_no, d.title) AS document,
       d.date AS date, c.relation AS relation, t.path AS task_path, t.text AS task, leads, responsible, support,
       indicators, t.source AS source, t.span AS span
ORDER BY policy, jurisdiction, document, task_path
