// name: chain/missing-upstream
// zh: 被引用但不在语料中的文件（缺失的上位依据），按被引次数排序
// en: Cited documents that are not in the corpus (missing upstream), most cited first
// param: level: string = null — national | provincial | prefecture | county
// param: limit: int = 50
// returns: upstream, title, level, cited_by, implemented_by, citing
// Counted first, the top ones only then get their list of citing documents (faster on large graphs).
MATCH (:Document)-[c:CITES]->(s:Document)
WHERE s.stub = true AND coalesce(s.level, '') = coalesce($level, s.level, '')
WITH s, count(c) AS cited_by, count(CASE WHEN c.relation = 'implements' THEN 1 END) AS implemented_by
ORDER BY cited_by DESC, coalesce(s.doc_no, s.title)
LIMIT $limit
MATCH (d:Document)-[:CITES]->(s)
WITH s, cited_by, implemented_by, collect(coalesce(d.doc_no, d.title)) AS citing
RETURN coalesce(s.doc_no, s.title) AS upstream, s.title AS title, s.level AS level, cited_by, implemented_by, citing
ORDER BY cited_by DESC, upstream
