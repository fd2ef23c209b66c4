// name: indicators/compare
// zh: 贯彻同一上位政策的不同地区的指标并列对比（如宝鸡与渭南的地方标准数量）
// en: Targets of different jurisdictions implementing the same upstream policy, side by side (e.g. Baoji vs Weinan on local standards)
// param: policy: string — its 文号, title or subject, e.g. 陕政发〔2022〕16号
// param: keyword: string = null — only indicators whose clause contains it, e.g. 地方标准
// param: unit: string = null — e.g. 项
// returns: unit, jurisdiction, document, value, value_max, comparator, year, indicator
// example: policy=陕政发〔2022〕16号
// bench: policy=陕政发〔2022〕1016号
MATCH (u:Document)
WHERE $policy IN [u.doc_no, u.doc_id, u.title, u.title_key, u.subject]
MATCH (d:Document)-[:CITES*1..6]->(u)
WITH DISTINCT d
MATCH (d)-[:HAS_TASK]->(:Task)-[:HAS_INDICATOR]->(i:Indicator)
WHERE coalesce(i.text, '') CONTAINS coalesce($keyword, '') AND coalesce(i.unit, '') = coalesce($unit, i.unit, '')
RETURN i.unit AS unit, d.jurisdiction AS jurisdiction, coalesce(d.doc_no, d.title) AS document, i.value AS value,
       i.value_max AS value_max, i.comparator AS comparator, i.year AS year, i.text AS indicator
ORDER BY unit, indicator, jurisdiction
