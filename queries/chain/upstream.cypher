// name: chain/upstream
// zh: 文件的上位依据链：它贯彻和引用的文件，逐级上溯（至多6级），直至国家层面
// en: The upstream chain of a document: what it implements and cites, transitively (up to 6 hops), up to national level
// param: document: string — its 文号, title or subject, e.g. 宝政发〔2022〕19号
// returns: depth, upstream, title, level, in_corpus, relation, route
// example: document=宝政发〔2022〕19号
// bench: document=宝政发〔2022〕1019号
// depth is the shortest route; relation is that of the last step (implements | cites).
MATCH (d:Document)
WHERE $document IN [d.doc_no, d.doc_id, d.title, d.title_key, d.subject]
MATCH chain = (d)-[:CITES*1..6]->(u:Document)
WHERE u <> d
WITH u, chain
ORDER BY length(chain)
WITH u, collect(chain)[0] AS shortest
RETURN length(shortest) AS depth, coalesce(u.doc_no, u.title) AS upstream, u.title AS title, u.level AS level,
       NOT coalesce(u.stub, false) AS in_corpus, last(relationships(shortest)).relation AS relation,
       [n IN nodes(shortest) | coalesce(n.doc_no, n.title)] AS route
ORDER BY depth, upstream
