from django.core.management.base import BaseCommand

from portal.goodpractices import services


class Command(BaseCommand):
    help = ("Take the steps due at each call's dates: submitted entries go under review once "
            "the deadline passes, vote totals are frozen once voting closes. Each step is "
            "taken once, however often this runs and however many copies run at once.")

    def handle(self, *args, verbosity=1, **options):
        result = services.calls_advance()
        # The periodic runner asks for silence unless something happened.
        if verbosity or result["moved"] or result["frozen"]:
            self.stdout.write(f"Moved to review: {result['moved']}; calls with votes "
                              f"frozen: {result['frozen']}")
