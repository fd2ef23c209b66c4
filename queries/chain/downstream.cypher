// name: chain/downstream
// zh: 上位政策的下游全貌：逐级贯彻或引用它的文件（至多6级）、其任务、牵头与责任单位、指标
// en: Everything downstream of an upstream policy: documents implementing or citing it (up to 6 hops), their tasks, lead and answerable departments, indicators
// param: policy: string — its 文号, title or subject, e.g. 国家标准化发展纲要
// param: jurisdiction: string = null — only downstream documents of this place, e.g. 渭南市
// returns: depth, document, jurisdiction, route, task_path, task, leads, responsible, support, indicators, source, span
// example: policy=国家标准化发展纲要
// bench: policy=国家标准化发展纲要
// bench: jurisdiction=七台河市
// A stub (cited, never read) has no citations of its own; its title is what we know of it, so a stub titled
// after the policy (陕政发〔2022〕16号: 关于贯彻落实〈国家标准化发展纲要〉的实施意见) counts as one step below it.
// Each document comes with its longest route: the chain of authority, national → provincial → local.
MATCH (u:Document)
WHERE $policy IN [u.doc_no, u.doc_id, u.title, u.title_key, u.subject]
OPTIONAL MATCH (m:Document)
WHERE m.stub = true AND m <> u AND m.title_key CONTAINS u.title_key
WITH u, collect(m) AS named
UNWIND [u] + named AS head
MATCH chain = (d:Document)-[:CITES*1..6]->(head)
WHERE d <> u AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
WITH d, [n IN nodes(chain) | coalesce(n.doc_no, n.title)]
        + CASE WHEN head = u THEN [] ELSE [coalesce(u.doc_no, u.title)] END AS route
ORDER BY size(route) DESC
WITH d, collect(route)[0] AS route
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (p:Department)-[r:RESPONSIBLE_FOR]->(t)
WITH d, route, t, p, r ORDER BY r.position
WITH d, route, t, collect(CASE WHEN r.role = 'lead' THEN p.name END) AS leads,
     collect(CASE WHEN r.role = 'responsible' THEN p.name END) AS responsible,
     collect(CASE WHEN r.role = 'support' THEN p.name END) AS support
OPTIONAL MATCH (t)-[:HAS_INDICATOR]->(i:Indicator)
WITH d, route, t, leads, responsible, support, collect(i.text) AS indicators
RETURN size(route) - 1 AS depth, coalesce(d.doc_no, d.title) AS document, d.jurisdiction AS jurisdiction, route,
       t.path AS task_path, t.text AS task, leads, responsible, support, indicators,
       t.source AS source, t.span AS span
ORDER BY depth, document, task_path
