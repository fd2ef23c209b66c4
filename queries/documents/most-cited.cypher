// name: documents/most-cited
// zh: 被引用最多的上位政策（含未收入语料的）
// en: The most cited upstream policies (in the corpus or not)
// param: relation: string = null — implements | cites
// param: limit: int = 20
// returns: upstream, title, level, in_corpus, cited_by, implemented_by, citing
// Counted first, the top ones only then get their list of citing documents (faster on large graphs).
MATCH (:Document)-[c:CITES]->(u:Document)
WHERE coalesce(c.relation, '') = coalesce($relation, c.relation, '')
WITH u, count(c) AS cited_by, count(CASE WHEN c.relation = 'implements' THEN 1 END) AS implemented_by
ORDER BY cited_by DESC, coalesce(u.doc_no, u.title)
LIMIT $limit
MATCH (d:Document)-[c:CITES]->(u)
WHERE coalesce(c.relation, '') = coalesce($relation, c.relation, '')
WITH u, cited_by, implemented_by, collect(coalesce(d.doc_no, d.title)) AS citing
RETURN coalesce(u.doc_no, u.title) AS upstream, u.title AS title, u.level AS level,
       NOT coalesce(u.stub, false) AS in_corpus, cited_by, implemented_by, citing
ORDER BY cited_by DESC, upstream
