"""`manage.py search_index rebuild|verify|drain [--document offer|organisation] [--repair]`."""

from django.core.management.base import BaseCommand, CommandError

from search.indexing import IndexingUnavailable, drain_pending_updates, rebuild_index, verify_index
from search.models import PendingIndexUpdate

DOCUMENTS = ["offer", "organisation"]


class Command(BaseCommand):
    help = (
        "rebuild: build new versioned indices from the database and swap the aliases; "
        "verify: report drift between database and index (--repair fixes it); "
        "drain: apply every pending index update from the outbox now."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "verify", "drain"])
        parser.add_argument("--document", choices=DOCUMENTS, help="only this document type")
        parser.add_argument("--repair", action="store_true", help="verify: also fix the drift found")

    def handle(self, *args, action, document=None, repair=False, **options):
        documents = [document] if document else DOCUMENTS
        try:
            if action == "rebuild":
                for name in documents:
                    report = rebuild_index(
                        name, progress=lambda n, name=name: self.stdout.write(f"  {name}: {n} indexed")
                    )
                    rate = report.indexed / report.seconds if report.seconds else 0
                    outcome = "alias swapped" if report.swapped else "index dropped, alias unchanged"
                    self.stdout.write(
                        f"{name}: {report.indexed} documents into {report.index} in {report.seconds:.1f} s "
                        f"({rate:.0f}/s), {report.errors} errors; {outcome}"
                    )
                    for reason, (count, ids) in report.failures.items():
                        self.stderr.write(f"  {count} rejected with {reason}; e.g. {', '.join(ids)}")
                    if report.errors:
                        raise CommandError(f"{report.errors} {name} documents failed to index")
            elif action == "drain":
                applied, failed = drain_pending_updates()
                left = PendingIndexUpdate.objects.count()
                self.stdout.write(f"drained: {applied} applied, {failed} failed, {left} pending")
                if failed:
                    raise CommandError(f"{failed} updates failed; they stay in the outbox")
            else:
                total = 0
                for name in documents:
                    report = verify_index(name, repair=repair)
                    total += report.drift
                    self.stdout.write(
                        f"{name}: drift {report.drift} (missing {len(report.missing)}, stale {len(report.stale)}, "
                        f"extra {len(report.extra)})" + (" — repaired" if repair and report.drift else "")
                    )
                    for label, ids in (
                        ("missing", report.missing),
                        ("stale", report.stale),
                        ("extra", report.extra),
                    ):
                        if ids:
                            self.stdout.write(
                                f"  {label}: {', '.join(ids[:20])}{' …' if len(ids) > 20 else ''}"
                            )
                self.stdout.write(f"total drift: {total}")
        except IndexingUnavailable as error:
            raise CommandError(f"Elasticsearch is not available: {error}") from error
