import time

from django.core.management.base import BaseCommand

from portal.webinars import services


class Command(BaseCommand):
    help = ("Send the webinar reminders that are due and the follow-ups that are ready. Each "
            "goes out once, however often this runs and however many copies run at once. "
            "With --every N it keeps running, once every N seconds.")

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0,
                            help="Repeat every N seconds until stopped (0: run once).")

    def handle(self, *args, every: int, verbosity=1, **options):
        while True:
            reminders = services.reminders_send_due()
            followups = services.followups_send()
            # The periodic runner asks for silence unless something was sent.
            if reminders or followups or (verbosity and not every):
                self.stdout.write(f"Reminders sent: {reminders}; follow-ups sent: {followups}")
            if not every:
                return
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                return
