from django.core.management.base import BaseCommand

from portal.core.prebuilt import build_all, rebuild_soon


class Command(BaseCommand):
    help = ("Ask the task worker to rebuild the values it keeps for pages (the library's "
            "counts); a change to what they are read from asks for it already. --now builds "
            "them here.")

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Build them in this process.")

    def handle(self, *args, now: bool, **options):
        if now:
            for name, count in build_all().items():
                self.stdout.write(f"{name}: {count} built")
        else:
            rebuild_soon()
