"""`manage.py evaluate_search --judgments PATH.tsv [--judgments EN.tsv ...] [--backend es|db] [--json]`.

Several judgment files (e.g. the Polish and the English set) are scored separately, one table each;
with --json, one file prints its report and several print {file name: report}."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.evaluation import evaluate_search, read_judgments


class Command(BaseCommand):
    help = (
        "Score catalogue search against graded judgments: nDCG@10, MRR@10, P@5, recall@20, zero-result rate."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--judgments",
            required=True,
            type=Path,
            action="append",
            help="TSV: query, offer_id, grade (1–3); repeat for several sets",
        )
        parser.add_argument("--backend", choices=["es", "db"], default="es")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--show-top", action="store_true", help="also print the top 10 ids per query")

    def handle(self, *args, judgments, backend, show_top: bool = False, **options):
        paths = [Path(path) for path in (judgments if isinstance(judgments, list) else [judgments])]
        sets = {}
        for path in paths:  # read every file before searching, so a typo fails fast
            try:
                sets[path] = read_judgments(path)
            except (OSError, KeyError, ValueError) as error:
                raise CommandError(f"Cannot read judgments from {path}: {error}") from error
        evaluations = {path: evaluate_search(judged, backend=backend) for path, judged in sets.items()}
        if options.get("json"):
            if len(evaluations) == 1:
                self.stdout.write(_dumps(next(iter(evaluations.values())).as_dict()))
            else:
                self.stdout.write(_dumps({path.name: e.as_dict() for path, e in evaluations.items()}))
            return
        for path, evaluation in evaluations.items():
            if len(evaluations) > 1:
                self.stdout.write(f"judgments: {path.name}")
            self._table(evaluation, backend, show_top)

    def _table(self, evaluation, backend: str, show_top: bool) -> None:
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
