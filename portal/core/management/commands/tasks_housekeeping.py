from django.core.management.base import BaseCommand

from portal.core.taskqueue import prune_finished, requeue_stale_running


class Command(BaseCommand):
    help = "Requeue tasks whose worker died, and delete finished task results after a week."

    def handle(self, *args, **options):
        requeued, pruned = requeue_stale_running(), prune_finished()
        if options["verbosity"]:
            self.stdout.write(f"requeued {requeued}, pruned {pruned}")
