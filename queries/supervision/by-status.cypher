// name: supervision/by-status
// zh: 按最新进展状态统计任务（未填报的单列为 unreported），可限定辖区；附其中已逾期的数目
// en: Obligations counted by their latest reported status (never reported: unreported), with how many of each are overdue
// param: as_of: date = null — counts as overdue what was due before this day (none counted without it)
// param: jurisdiction: string = null — e.g. 宝鸡市
// returns: status, tasks, overdue
// example: as_of=2019-01-01
// status: not_started | in_progress | done | closed | unreported.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE coalesce(t.part, 'tasks') = 'tasks' AND coalesce(d.jurisdiction, '') = coalesce($jurisdiction, d.jurisdiction, '')
WITH coalesce(t.status, 'unreported') AS status, t
RETURN status, count(t) AS tasks,
       sum(CASE WHEN toString(t.deadline) < coalesce($as_of, '') AND NOT status IN ['done', 'closed'] THEN 1 ELSE 0 END) AS overdue
ORDER BY tasks DESC, status
