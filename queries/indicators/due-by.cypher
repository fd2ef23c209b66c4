// name: indicators/due-by
// zh: 某年（含）之前到期的量化指标，附责任单位
// en: Targets due by a given year (inclusive), with the units answerable for them
// param: year: int = 2025 — due in this year or before
// param: since: int = null — and not before this year
// param: jurisdiction: string = null — e.g. 渭南市
// returns: year, jurisdiction, document, indicator, value, value_max, unit, comparator, departments, owner, owner_kind
// departments: the task's units in printed order; owner: who answers for the target (the task's first lead, the
// lead named for its section, or for a target of the document itself, its issuer: owner_kind = document)
// bench: jurisdiction=七台河市
MATCH (d:Document)
WHERE coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
WITH d
MATCH (d)-[:HAS_TASK]->(t:Task)-[:HAS_INDICATOR]->(i:Indicator)
WHERE i.year <= $year AND i.year >= coalesce($since, i.year)
WITH d, t, collect(i) AS targets
OPTIONAL MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t)
WITH d, t, targets, p, r ORDER BY r.position
WITH d, t, targets, collect(p.name) AS departments
UNWIND targets AS i
RETURN i.year AS year, d.jurisdiction AS jurisdiction, coalesce(d.doc_no, d.title) AS document,
       i.text AS indicator, i.value AS value, i.value_max AS value_max, i.unit AS unit, i.comparator AS comparator,
       departments, i.owner AS owner, i.owner_kind AS owner_kind
ORDER BY year, jurisdiction, document, indicator
