import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_LOGINS = [
    ("member", "amina.diallo@example.org"),
    ("editor", "editor@example.org"),
    ("moderator", "moderator@example.org"),
    ("administrator", "admin@example.org"),
]
DEMO_PASSWORD = "demo-portal-2024"  # noqa: S105  (demo accounts on a local machine only)


class Command(BaseCommand):
    help = ("Run the web server, the task worker and the periodic commands together; "
            "Ctrl-C stops them all.")

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, port, **options):
        helpers = [
            subprocess.Popen([sys.executable, "manage.py", *command],  # noqa: S603
                             cwd=settings.BASE_DIR)
            for command in (["db_worker", "--interval", "1"], ["run_periodic"])
        ]
        self.stdout.write(self.style.SUCCESS(f"\nThe portal runs at http://127.0.0.1:{port}/"))
        self.stdout.write(f"Editor admin: http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS:
            self.stdout.write(f"  {role:<14} {email}")
        self.stdout.write(f"E-mails sent are printed here and kept in {settings.EMAIL_ARCHIVE_DIR}\n")
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        except KeyboardInterrupt:
            pass
        finally:
            for helper in helpers:
                helper.send_signal(signal.SIGINT)
            for helper in helpers:
                try:
                    helper.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    helper.kill()
