"""Chinese text similarity and one-to-one assignment: the two primitives the diff is built on.

Similarity is the cosine of TF-IDF weighted character bigrams. Chinese has no word boundaries, and
bigrams survive rewording and reordering (落实新发展理念存在不足 → 新发展理念落实仍有不足) better than an
edit distance does. The IDF is computed over both reports together, because these notices are made of
boilerplate (落实, 不到位, 整改, 问题) that every problem shares; down-weighting it is what keeps two
unrelated problems of the same genre apart.

Assignment is an optimal one (Hungarian) of the margins `score - threshold`, solved per connected
component of the above-threshold graph. Maximising margins rather than raw scores stops the solver from
trading one clear pair (0.9) for two mediocre ones (0.6 + 0.6); splitting into components keeps the
cubic solver on a handful of nodes, since real pairs of reports give sparse graphs.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence

Vec = dict[str, float]

_RUN = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_DIGITS = re.compile(r"[0-9]+")
# Wrappers around a problem's name that carry no meaning of their own (关于“X”的整改情况, 针对X的问题).
_LEAD = re.compile(r"^(?:关于|针对|对于)+")
_TRAIL = re.compile(r"(?:的)?(?:问题)?(?:的)?(?:整改(?:落实)?(?:情况|进展)?|落实情况|处理情况)?$")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』《》")


def problem_name(text: str) -> str:
    """The words that name a problem, without 关于/针对 … 的问题/的整改情况 and quotes."""
    name = text.strip().rstrip("。.;；:：").translate(_QUOTES)
    name = _LEAD.sub("", name)
    stripped = _TRAIL.sub("", name)
    return stripped or name


def grams(text: str) -> Counter[str]:
    """Character bigrams of each run of letters/digits/ideographs; a run of one character counts as itself.

    Digits become 0 so that the years and amounts that change between rounds do not hide the wording.
    """
    out: list[str] = []
    for run in _RUN.findall(_DIGITS.sub("0", text)):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(map(str.__add__, run, run[1:]))
    return Counter(out)


class Corpus:
    """Document frequencies over every text of both reports, turned into unit-length TF-IDF vectors."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._grams: dict[str, Counter[str]] = {}
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            counts = self._grams.get(text)
            if counts is None:
                counts = self._grams[text] = grams(text)
            df.update(counts.keys())
            n += 1
        self._df = df
        self._n = n
        self._idf_base = math.log(1 + n)
        self._cache: dict[str, Vec] = {}

    def idf(self, gram: str) -> float:
        return 1.0 + self._idf_base - math.log(1 + self._df.get(gram, 0))

    def vector(self, text: str) -> Vec:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        counts = self._grams.get(text) or grams(text)
        weights = {g: (1.0 + math.log(c)) * self.idf(g) for g, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vec = {g: w / norm for g, w in weights.items()} if norm else {}
        self._cache[text] = vec
        return vec


def cosine(a: Vec, b: Vec) -> float:
    if len(a) > len(b):
        a, b = b, a
    return min(1.0, sum(w * b[g] for g, w in a.items() if g in b))


def coverage(query: Vec, doc: Container[str]) -> float:
    """Share of the query's (squared, unit-length) weight whose grams occur in doc: is the query said there?"""
    return min(1.0, sum(w * w for g, w in query.items() if g in doc))


def cosine_pairs(rows: Sequence[Vec], cols: Sequence[Vec]) -> dict[tuple[int, int], float]:
    """Cosine of every (row, col) pair that shares a gram, through postings: zero pairs cost nothing."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(cols):
        for g, w in vec.items():
            postings[g].append((j, w))
    out: dict[tuple[int, int], float] = {}
    for i, vec in enumerate(rows):
        acc: dict[int, float] = defaultdict(float)
        for g, w in vec.items():
            for j, wj in postings.get(g, ()):
                acc[j] += w * wj
        for j, value in acc.items():
            out[(i, j)] = min(1.0, value)
    return out


def candidate_pairs(rows: Sequence[Vec], cols: Sequence[Vec], threshold: float) -> set[tuple[int, int]]:
    """Every (row, col) pair of unit vectors whose cosine may reach `threshold`, without scoring all pairs.

    Prefix filtering: in one order of grams, rarest first, a vector's suffix is its longest tail of norm
    below the threshold. Of two vectors whose first shared gram lies in either one's suffix, every
    shared gram does, so their cosine is below the threshold (Cauchy-Schwarz). Only pairs that share a
    gram of both prefixes are candidates; the boilerplate every problem has falls in the suffixes and
    brings none, which keeps the work near-linear in the number of problems.
    """
    if threshold <= 0:
        return set(cosine_pairs(rows, cols))
    df: Counter[str] = Counter(g for vec in (*rows, *cols) for g in vec)
    # Slightly below t²: rounding may never drop a pair that reaches the threshold exactly.
    bound = threshold * threshold * (1 - 1e-9)

    def prefix(vec: Vec) -> list[str]:
        order = sorted(vec, key=lambda g: (df[g], g))
        tail, cut = 0.0, len(order)
        for k in range(len(order) - 1, -1, -1):
            w2 = vec[order[k]] ** 2
            if tail + w2 >= bound:
                break
            tail += w2
            cut = k
        return order[:cut]

    postings: dict[str, list[int]] = defaultdict(list)
    for j, vec in enumerate(cols):
        for g in prefix(vec):
            postings[g].append(j)
    out: set[tuple[int, int]] = set()
    for i, vec in enumerate(rows):
        for g in prefix(vec):
            out.update((i, j) for j in postings.get(g, ()))
    return out


def nearest_pairs(rows: Sequence[Vec], cols: Sequence[Vec], per_side: int, rare: int) -> set[tuple[int, int]]:
    """Each row's and each col's `per_side` nearest by the weight of the grams they share among those in
    at most `rare` vectors: blocking for long texts, where boilerplate grams link every pair."""
    df: Counter[str] = Counter(g for vec in (*rows, *cols) for g in vec)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(cols):
        for g, w in vec.items():
            if df[g] <= rare:
                postings[g].append((j, w))
    acc: dict[tuple[int, int], float] = defaultdict(float)
    for i, vec in enumerate(rows):
        for g, w in vec.items():
            for j, wj in postings.get(g, ()):
                acc[(i, j)] += w * wj
    by_row: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_col: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), value in acc.items():
        by_row[i].append((value, j))
        by_col[j].append((value, i))
    out: set[tuple[int, int]] = set()
    for i, found in by_row.items():
        out.update((i, j) for _, j in heapq.nlargest(per_side, found))
    for j, found in by_col.items():
        out.update((i, j) for _, i in heapq.nlargest(per_side, found))
    return out


def assign(scores: Mapping[tuple[int, int], float], threshold: float) -> list[tuple[int, int, float]]:
    """A one-to-one set of (row, col, score) pairs, each scoring at least `threshold`, of maximal total margin.

    Ties go to the pair closest in position (a reworded report keeps its order), so the answer does
    not depend on dictionary order.
    """
    edges = {pair: s for pair, s in scores.items() if s >= threshold}
    out: list[tuple[int, int, float]] = []
    for rows, cols in _components(edges):
        if len(rows) == 1 and len(cols) == 1:
            i, j = rows[0], cols[0]
            out.append((i, j, edges[(i, j)]))
            continue
        # Margins are positive for every edge (the epsilon keeps a pair at exactly the threshold), zero
        # elsewhere; a tiny order term breaks ties toward pairs at the same relative position.
        n, m = len(rows), len(cols)

        def weight(i: int, j: int, n: int = n, m: int = m) -> float:
            s = edges.get((i, j))
            if s is None:
                return 0.0
            return s - threshold + 1e-6 + 1e-9 * (1.0 - abs(i / max(1, n) - j / max(1, m)))

        matrix = [[weight(i, j) for j in cols] for i in rows]
        for r, c in _max_weight(matrix):
            i, j = rows[r], cols[c]
            if (i, j) in edges:
                out.append((i, j, edges[(i, j)]))
    out.sort()
    return out


def _components(edges: Mapping[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find(("r", i)), find(("c", j))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        rows, cols = groups.setdefault(find(node), ([], []))
        (rows if node[0] == "r" else cols).append(node[1])
    return [(sorted(r), sorted(c)) for r, c in groups.values()]


def _max_weight(matrix: list[list[float]]) -> list[tuple[int, int]]:
    """Row/column pairs of a maximum-weight assignment (rectangular allowed)."""
    n, m = len(matrix), len(matrix[0])
    if n > m:
        return [(r, c) for c, r in _max_weight([list(col) for col in zip(*matrix, strict=True)])]
    cost = [[-w for w in row] for row in matrix]
    return [(r, c) for r, c in enumerate(_hungarian(cost))]


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of every row of an n×m matrix (n ≤ m) to a distinct column, O(n²m).

    The classic potentials formulation (Kuhn–Munkres with Jonker–Volgenant style shortest paths);
    rows and columns are 1-based inside, column 0 is the virtual start.
    """
    n, m = len(cost), len(cost[0])
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: the row assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    result = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result
