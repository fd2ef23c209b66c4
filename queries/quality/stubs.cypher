// name: quality/stubs
// zh: 存根文件：只被引用、未读入原文的文件，以及仅凭标题识别（无文号）的
// en: Stub documents: cited but never read, and which of them are known by title only (no 文号)
// param: title_only: bool = false — only stubs without a 文号
// returns: doc_id, doc_no, title, level, cited_by
MATCH (s:Document)
WHERE s.stub = true AND (NOT $title_only OR s.doc_no IS NULL)
OPTIONAL MATCH (:Document)-[c:CITES]->(s)
WITH s, count(c) AS cited_by
RETURN s.doc_id AS doc_id, s.doc_no AS doc_no, s.title AS title, s.level AS level, cited_by
ORDER BY cited_by DESC, doc_id
