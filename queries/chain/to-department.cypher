// name: chain/to-department
// zh: 从上位政策到某部门任务的路径：链条上哪一级文件把哪项任务交给了它
// en: The path from an upstream policy to one department's tasks: which document down the chain gave it which task
// param: policy: string — its 文号, title or subject, e.g. 国家标准化发展纲要
// param: department: string — a name, alias or department_id; without its place it matches every jurisdiction
// param: jurisdiction: string = null — the downstream documents' place, e.g. 宝鸡市
// returns: depth, route, document, department, role, task_path, task, deadline, source, span
// example: policy=国家标准化发展纲要
// example: department=市市场监管局
// bench: jurisdiction=七台河市
// Routes as in chain/downstream (a stub titled after the policy is one step below it; the longest route is shown).
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
MATCH (d)-[:HAS_TASK]->(t:Task)<-[r:RESPONSIBLE_FOR]-(x:Department)-[:SUCCEEDED_BY*0..1]->(p:Department)
WHERE (p.department_id = $department OR p.name ENDS WITH $department
       OR any(alias IN coalesce(p.aliases, []) WHERE alias ENDS WITH $department))
RETURN size(route) - 1 AS depth, route, coalesce(d.doc_no, d.title) AS document, p.name AS department,
       r.role AS role, t.path AS task_path, t.text AS task, t.deadline AS deadline,
       t.source AS source, t.span AS span
ORDER BY depth, document, task_path, department
