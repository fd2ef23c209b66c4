"""Centrality and communities of the department projection: pure functions returning plain dicts/lists.

PageRank and betweenness are written here (networkx's need SciPy, or touch the whole graph per source);
communities are networkx's Louvain, or its fast label propagation on very large projections.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable
from typing import Any

import networkx as nx

BETWEENNESS_EXACT_UP_TO = 1000  # projections with more departments than this: betweenness by sampling
BETWEENNESS_SAMPLE = 200  # source departments sampled then
SEED = 42
LOUVAIN_UP_TO = 100_000  # projection edges; larger projections get fast label propagation


def pagerank(
    P: nx.Graph, alpha: float = 0.85, weight: str = "weight", tol: float = 1.0e-6, max_iter: int = 100
) -> dict[Any, float]:
    """Weighted PageRank by power iteration (networkx's own needs SciPy, which policygraph does not ship).

    Same definition and stopping rule as `nx.pagerank`: uniform teleport, the rank of dangling (isolated)
    nodes spread uniformly, stop when the L1 change is below `n * tol`.

    >>> P = nx.Graph([("a", "b"), ("a", "c"), ("a", "d"), ("a", "e")])
    >>> r = pagerank(P)
    >>> round(r["a"], 3), round(r["b"], 3)
    (0.476, 0.131)
    """
    nodes = list(P)
    n = len(nodes)
    if n == 0:
        return {}
    index = {u: i for i, u in enumerate(nodes)}
    # in-links of each node as (source, share of the source's strength): the loop below is the hot path
    strength = [float(sum(d.get(weight, 1) for d in P[u].values())) for u in nodes]
    incoming: list[list[tuple[int, float]]] = [
        [(index[v], d.get(weight, 1) / strength[index[v]]) for v, d in P[u].items()] for u in nodes
    ]
    dangling = [i for i in range(n) if not strength[i]]
    rank = [1.0 / n] * n
    for _ in range(max_iter):
        base = (1.0 - alpha) / n + alpha * sum(rank[i] for i in dangling) / n
        new = [base + alpha * sum(rank[j] * share for j, share in links) for links in incoming]
        err = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if err < n * tol:
            break
    return dict(zip(nodes, rank, strict=True))


def betweenness_centrality(P: nx.Graph, k: int | None = None, seed: int = SEED) -> dict[Any, float]:
    """Normalised unweighted betweenness, as `nx.betweenness_centrality(P, k=k, seed=…)` computes it (Brandes),
    but each breadth-first search only touches its own component: networkx initialises per-node tables
    over the whole graph for every source, which makes a sample of 200 sources over 80,000 departments in
    hundreds of small components take minutes instead of a second. `k`: sample that many sources
    (reproducibly, with `seed`) and scale by n/k.

    >>> round(betweenness_centrality(nx.path_graph(5))[2], 4)
    0.6667
    """
    nodes = list(P)
    n = len(nodes)
    scores = dict.fromkeys(nodes, 0.0)
    if n < 3:
        return scores
    sources = nodes if k is None or k >= n else random.Random(seed).sample(sorted(nodes, key=str), k)
    for source in sources:
        _accumulate(P, source, scores)
    scale = 1.0 / ((n - 1) * (n - 2))  # undirected: each pair is counted from both ends, 2/(…)·1/2
    if k is not None and k < n:
        scale *= n / k
    return {v: b * scale for v, b in scores.items()}


def _accumulate(P: nx.Graph, source: Any, scores: dict[Any, float]) -> None:
    """Brandes' dependency accumulation from one source, over the nodes it reaches only."""
    order = []
    preds: dict[Any, list[Any]] = {source: []}
    sigma = {source: 1.0}
    dist = {source: 0}
    queue = deque([source])
    while queue:
        v = queue.popleft()
        order.append(v)
        dv, sv = dist[v] + 1, sigma[v]
        for w in P.adj[v]:
            if w not in dist:
                dist[w] = dv
                sigma[w] = 0.0
                preds[w] = []
                queue.append(w)
            if dist[w] == dv:
                sigma[w] += sv
                preds[w].append(v)
    delta = dict.fromkeys(order, 0.0)
    while order:
        w = order.pop()
        coeff = (1.0 + delta[w]) / sigma[w]
        for v in preds[w]:
            delta[v] += sigma[v] * coeff
        if w != source:
            scores[w] += delta[w]


def centrality(
    P: nx.Graph,
    exact_up_to: int = BETWEENNESS_EXACT_UP_TO,
    sample: int = BETWEENNESS_SAMPLE,
    seed: int = SEED,
) -> dict[str, Any]:
    """Centrality on the projection: `degree` (share of other departments it shares a task with),
    `strength` (tasks shared, summed over partners), `betweenness` (unweighted, normalised) and `pagerank`
    (weighted by tasks shared), each {department: score}; `betweenness_sample`: None when exact, else the
    number of source departments sampled (`k`, drawn with `seed`) because the projection has more than
    `exact_up_to` departments.

    >>> P = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("c", "e")])
    >>> c = centrality(P)
    >>> max(c["betweenness"], key=c["betweenness"].get), c["degree"]["c"], c["betweenness_sample"]
    ('c', 0.75, None)
    """
    n = P.number_of_nodes()
    k = min(sample, n) if n > exact_up_to else None
    betweenness = betweenness_centrality(P, k=k, seed=seed)
    return {
        "degree": nx.degree_centrality(P) if n > 1 else dict.fromkeys(P, 0.0),
        "strength": dict(P.degree(weight="weight")),
        "betweenness": betweenness,
        "pagerank": pagerank(P),
        "betweenness_sample": k,
        "departments": n,
    }


def communities(
    P: nx.Graph, seed: int = SEED, resolution: float = 1.0, louvain_up_to: int = LOUVAIN_UP_TO
) -> list[list[Any]]:
    """Communities of the projection (weighted by tasks shared), reproducible with `seed`: Louvain
    (`nx.community.louvain_communities`) up to `louvain_up_to` edges, above that networkx's fast label
    propagation (`fast_label_propagation_communities`, near-linear; Louvain in pure Python takes ~40 s on
    the 10,000-document projection). `community_method(P)` says which one a graph gets.

    Largest first (ties: by first member); members sorted. Departments sharing no task are singletons.

    >>> P = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e")])
    >>> communities(P)
    [['a', 'b', 'c'], ['d', 'e']]
    """
    if community_method(P, louvain_up_to) == "louvain":
        found = nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed)
    else:
        found = nx.community.fast_label_propagation_communities(P, weight="weight", seed=seed)
    groups = [sorted(group, key=str) for group in found]
    return sorted(groups, key=lambda g: (-len(g), str(g[0])))


def community_method(P: nx.Graph, louvain_up_to: int = LOUVAIN_UP_TO) -> str:
    return "louvain" if P.number_of_edges() <= louvain_up_to else "label propagation"


def community_of(groups: Iterable[list[Any]]) -> dict[Any, int]:
    """department → index of its community (0 = the largest)."""
    return {member: index for index, group in enumerate(groups) for member in group}
