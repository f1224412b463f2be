from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from portal.core.demo import demo_loaders

# Saving the demo queues a task per page and document (search index, reference index): run
# them as they come, so the worker does not start with a backlog in front of the first e-mails.
INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        with override_settings(TASKS=INLINE_TASKS):
            for name, loader in demo_loaders():
                with transaction.atomic():
                    loader(lambda message, name=name: self.stdout.write(f"  [{name}] {message}"))
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
