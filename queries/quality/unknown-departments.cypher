// name: quality/unknown-departments
// zh: 仅凭名称形式识别、不在部门词表中的部门（W301）
// en: Departments recognised only by their form, not in the lexicon (W301)
// param: jurisdiction: string = null — e.g. 青铜峡市
// returns: department, jurisdiction, kind, tasks, mentions
MATCH (p:Department)
WHERE p.known = false AND coalesce(p.jurisdiction, '') = coalesce($jurisdiction, p.jurisdiction, '')
OPTIONAL MATCH (p)-[r:RESPONSIBLE_FOR]->(:Task)
WITH p, count(r) AS tasks, collect(DISTINCT r.mention) AS mentions
RETURN p.name AS department, p.jurisdiction AS jurisdiction, p.kind AS kind, tasks, mentions
ORDER BY tasks DESC, department
