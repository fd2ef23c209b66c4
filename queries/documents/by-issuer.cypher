// name: documents/by-issuer
// zh: 按发文机关、层级和年份统计语料中的文件
// en: Documents in the corpus by issuer, level and year
// param: issuer: string = null — part of the issuer's name, e.g. 宝鸡市人民政府
// param: level: string = null — national | provincial | prefecture | county
// param: year: int = null — the year it was signed
// returns: issuer, level, year, documents, tasks, doc_nos
MATCH (d:Document)
WHERE d.stub = false AND coalesce(d.issuer, '') CONTAINS coalesce($issuer, '') AND coalesce(d.level, '') = coalesce($level, d.level, '')
WITH d, CASE WHEN d.date IS NULL THEN null ELSE toInteger(left(toString(d.date), 4)) END AS year
WHERE coalesce(year, 0) = coalesce($year, year, 0)
OPTIONAL MATCH (d)-[h:HAS_TASK]->(:Task)
RETURN d.issuer AS issuer, d.level AS level, year, count(DISTINCT d) AS documents, count(h) AS tasks,
       collect(DISTINCT coalesce(d.doc_no, d.title)) AS doc_nos
ORDER BY level, issuer, year
