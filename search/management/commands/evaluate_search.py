"""`manage.py evaluate_search --judgments PATH.tsv [--backend es|db] [--json]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.evaluation import evaluate_search, read_judgments


class Command(BaseCommand):
    help = (
        "Score catalogue search against graded judgments: nDCG@10, MRR@10, P@5, recall@20, zero-result rate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--judgments", required=True, type=Path, help="TSV: query, offer_id, grade (1–3)")
        parser.add_argument("--backend", choices=["es", "db"], default="es")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--show-top", action="store_true", help="also print the top 10 ids per query")

    def handle(self, *args, judgments, backend, show_top: bool = False, **options):
        path = Path(judgments)
        try:
            judged = read_judgments(path)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(f"Cannot read judgments from {path}: {error}") from error
        evaluation = evaluate_search(judged, backend=backend)
        if options.get("json"):
            self.stdout.write(_dumps(evaluation.as_dict()))
            return
        header = f"{'query':45} {'nDCG@10':>8} {'MRR@10':>7} {'P@5':>5} {'R@20':>5} {'hits':>5}"
        self.stdout.write(f"backend: {backend}")
        self.stdout.write(header)
        for score in evaluation.queries:
            self.stdout.write(
                f"{score.query[:45]:45} {score.ndcg:8.3f} {score.mrr:7.3f} {score.precision:5.2f} "
                f"{score.recall:5.2f} {score.results:5d}"
            )
            if show_top:
                self.stdout.write(f"    top: {' '.join(score.top)}")
        overall = evaluation.overall
        self.stdout.write(
            f"{'OVERALL':45} {overall['ndcg@10']:8.3f} {overall['mrr@10']:7.3f} {overall['p@5']:5.2f} "
            f"{overall['recall@20']:5.2f}"
        )
        self.stdout.write(
            f"zero-result rate: {overall['zero_result_rate']:.3f}; "
            f"queries with a grade-3 offer and zero results: {overall['grade3_queries_with_zero_results']}"
        )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
