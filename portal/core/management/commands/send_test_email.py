from django.core.management.base import BaseCommand

from portal.core.mail import render_email
from portal.core.tasks import queue_email


class Command(BaseCommand):
    help = "Queue a short message to check the e-mail configuration end to end."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--language", default="en", choices=["en", "fr"])

    def handle(self, *args, email, language, **options):
        queue_email(render_email(template="mail_check", context={"name": email}, to=[email],
                                 language=language))
        self.stdout.write(self.style.SUCCESS(f"Queued a test message to {email}."))
