"""Relevance metrics for graded judgments (query, offer id, grade 1–3), computed per query and overall."""

import csv
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .filters import SearchParams
from .query import search_offers

K_NDCG = 10
K_MRR = 10
K_PRECISION = 5
K_RECALL = 20


def read_judgments(path: Path) -> dict[str, dict[str, int]]:
    """TSV with a header `query<TAB>offer_id<TAB>grade` → {query: {offer_id: grade}}, in file order."""
    judgments: dict[str, dict[str, int]] = defaultdict(dict)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            query, offer_id, grade = row["query"].strip(), row["offer_id"].strip(), int(row["grade"])
            if query and offer_id:
                judgments[query][offer_id] = grade
    return dict(judgments)


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranking: list[str], judged: dict[str, int], k: int = K_NDCG) -> float:
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    return dcg([judged.get(doc, 0) for doc in ranking[:k]]) / ideal if ideal else 0.0


def mrr_at(ranking: list[str], judged: dict[str, int], k: int = K_MRR) -> float:
    for rank, doc in enumerate(ranking[:k], start=1):
        if judged.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def precision_at(ranking: list[str], judged: dict[str, int], k: int = K_PRECISION) -> float:
    return sum(1 for doc in ranking[:k] if judged.get(doc, 0) > 0) / k


def recall_at(ranking: list[str], judged: dict[str, int], k: int = K_RECALL) -> float:
    relevant = [doc for doc, grade in judged.items() if grade > 0]
    return sum(1 for doc in ranking[:k] if doc in judged) / len(relevant) if relevant else 0.0


@dataclass
class QueryScore:
    query: str
    ndcg: float
    mrr: float
    precision: float
    recall: float
    results: int
    has_grade_3: bool
    top: list[str] = field(default_factory=list)

    @property
    def zero_results(self) -> bool:
        return self.results == 0


@dataclass
class Evaluation:
    backend: str
    queries: list[QueryScore]

    def _mean(self, name: str) -> float:
        return sum(getattr(q, name) for q in self.queries) / len(self.queries) if self.queries else 0.0

    @property
    def overall(self) -> dict[str, float]:
        return {
            "ndcg@10": self._mean("ndcg"),
            "mrr@10": self._mean("mrr"),
            "p@5": self._mean("precision"),
            "recall@20": self._mean("recall"),
            "zero_result_rate": (
                sum(q.zero_results for q in self.queries) / len(self.queries) if self.queries else 0.0
            ),
            "grade3_queries_with_zero_results": sum(q.zero_results and q.has_grade_3 for q in self.queries),
        }

    def as_dict(self) -> dict:
        return {
            "backend": self.backend,
            "overall": self.overall,
            "queries": [
                {
                    "query": q.query,
                    "ndcg@10": q.ndcg,
                    "mrr@10": q.mrr,
                    "p@5": q.precision,
                    "recall@20": q.recall,
                    "results": q.results,
                    "zero_results": q.zero_results,
                }
                for q in self.queries
            ],
        }


def evaluate_search(judgments: dict[str, dict[str, int]], backend: str = "es") -> Evaluation:
    """Run every judged query through search_offers on one backend (no fallback) and score the ranking."""
    scores = []
    for query, judged in judgments.items():
        result = search_offers(SearchParams(q=query, per_page=K_RECALL), backend=backend)
        ranking = result.ids
        scores.append(
            QueryScore(
                query=query,
                ndcg=ndcg_at(ranking, judged),
                mrr=mrr_at(ranking, judged),
                precision=precision_at(ranking, judged),
                recall=recall_at(ranking, judged),
                results=result.count,
                has_grade_3=any(grade == 3 for grade in judged.values()),
                top=ranking[:10],
            )
        )
    return Evaluation(backend=backend, queries=scores)
