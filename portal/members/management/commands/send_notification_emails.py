from django.core.management.base import BaseCommand

from portal.members.notifications.mail import emails_send_due


class Command(BaseCommand):
    help = "E-mail the notifications whose delay is over and that nobody has seen meanwhile."

    def handle(self, *args, **options):
        sent = emails_send_due()
        if options["verbosity"]:
            self.stdout.write(f"{sent} notification e-mail(s) queued")
