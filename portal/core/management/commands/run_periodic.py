import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.core.periodic import periodic_commands
from portal.core.processes import stop_on_interrupt_or_terminate

logger = logging.getLogger("portal.periodic")
TICK_SECONDS = 5


class Command(BaseCommand):
    help = "Run the registered periodic commands (publishing, reminders) when each is due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every command once and stop.")

    def handle(self, *args, once, **options):
        if once:
            for command in periodic_commands():
                self.run(command)
            return
        next_run = {command.name: 0.0 for command in periodic_commands()}
        stop_on_interrupt_or_terminate()
        try:
            while True:
                now = time.monotonic()
                for command in periodic_commands():
                    if now >= next_run[command.name]:
                        self.run(command)
                        next_run[command.name] = now + command.every_seconds
                time.sleep(TICK_SECONDS)
        except KeyboardInterrupt:
            pass

    def run(self, command) -> None:
        try:
            call_command(command.name, *command.args, verbosity=0)
        except Exception:
            # One failing command must not stop the others or the loop.
            logger.exception("Periodic command %s failed", command.name)
