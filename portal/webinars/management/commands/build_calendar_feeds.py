from django.core.management.base import BaseCommand

from portal.webinars.feeds import feeds_build, feeds_rebuild_soon


class Command(BaseCommand):
    help = ("Ask the task worker to rebuild the public calendar feeds (the periodic runner does "
            "this every hour, so the twelve-month window moves on). --now builds them here.")

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Build them in this process.")

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(f"Calendar feeds built: {feeds_build()}")
        else:
            feeds_rebuild_soon()
