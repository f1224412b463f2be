from django.core.management.base import BaseCommand
from django.db import transaction

from portal.core.demo import demo_loaders


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        for name, loader in demo_loaders():
            with transaction.atomic():
                loader(lambda message, name=name: self.stdout.write(f"  [{name}] {message}"))
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
