"""Rebuild (or check) the search indexes, showing progress per model."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.search.backends.whoosh import maintenance


class Command(BaseCommand):
    help = (
        "Rebuild every search index from the database. Searches keep using the current "
        "index until the new one is complete, then switch to it at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backend",
            dest="backend_names",
            action="append",
            help="Backend name (repeatable); all by default.",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=maintenance.DEFAULT_CHUNK_SIZE,
            help="Objects read from the database at a time.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only report whether each index can be read, and its size.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names = options["backend_names"]
        if options["check"]:
            self.report_health(names)
            return
        report = self.stdout.write if options["verbosity"] > 0 else (lambda line: None)
        reports = maintenance.rebuild_all(names, options["chunk_size"], report)
        total = sum(index.indexed for index in reports)
        report(self.style.SUCCESS(f"Rebuilt {len(reports)} indexes, {total} objects."))

    def report_health(self, names: list[str] | None) -> None:
        broken = 0
        for health in maintenance.check_all(names):
            if health.error:
                broken += 1
                self.stdout.write(
                    self.style.ERROR(f"{health.backend_name}/{health.index_name}: {health.error}")
                )
            else:
                self.stdout.write(
                    f"{health.backend_name}/{health.index_name}: {health.documents} documents"
                )
        if broken:
            raise CommandError(
                f"{broken} search index(es) unusable: run `manage.py search_rebuild`."
            )
