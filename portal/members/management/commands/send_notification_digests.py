from django.core.management.base import BaseCommand

from portal.members.notifications.mail import digests_send_due


class Command(BaseCommand):
    help = "Send the daily and weekly notification digests that are due in members' time zones."

    def handle(self, *args, **options):
        sent = digests_send_due()
        if options["verbosity"]:
            self.stdout.write(f"{sent} digest(s) queued")
