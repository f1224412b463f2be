import os
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.servers import basehttp

DEMO_LOGINS = [
    ("member", "amina.diallo@example.org"),
    ("editor", "editor@example.org"),
    ("moderator", "moderator@example.org"),
    ("administrator", "admin@example.org"),
]
DEMO_PASSWORD = "demo-portal-2024"  # noqa: S105  (demo accounts on a local machine only)


HELPER_COMMANDS = (("task worker", ["task_worker", "--interval", "1"]),
                   ("periodic runner", ["run_periodic"]))
RESTART_PAUSE = 2.0
LISTEN_BACKLOG = 2048


class Supervisor:
    """Keeps the task worker and the periodic runner alive beside the web server: one
    that exits is reported and started again, so mail never stops silently."""

    def __init__(self, commands, *, out):
        self.commands = commands
        self.out = out
        self.processes = {}
        self.stopping = threading.Event()

    def start(self, name):
        self.processes[name] = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *self.commands[name]], cwd=settings.BASE_DIR)

    def watch(self):
        while not self.stopping.wait(RESTART_PAUSE):
            for name, process in list(self.processes.items()):
                code = process.poll()
                if code is not None and not self.stopping.is_set():
                    self.out(f"The {name} stopped (exit code {code}); starting it again.")
                    self.start(name)

    def run(self):
        for name in self.commands:
            self.start(name)
        thread = threading.Thread(target=self.watch, daemon=True)
        thread.start()

    def stop(self):
        self.stopping.set()
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


class Command(BaseCommand):
    help = ("Run the web server, the task worker and the periodic commands together; "
            "Ctrl-C stops them all.")

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, port, **options):
        supervisor = Supervisor(dict(HELPER_COMMANDS),
                                out=lambda text: self.stderr.write(self.style.WARNING(text)))
        supervisor.run()
        self.stdout.write(self.style.SUCCESS(f"\nThe portal runs at http://127.0.0.1:{port}/"))
        self.stdout.write(f"Editor admin: http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS:
            self.stdout.write(f"  {role:<14} {email}")
        self.stdout.write(f"E-mails sent are printed here and kept in {settings.EMAIL_ARCHIVE_DIR}\n")
        # The announcement e-mail sends hundreds of people at once: Django's server keeps
        # only 10 waiting connections and resets the rest, so give it a real backlog.
        basehttp.WSGIServer.request_queue_size = LISTEN_BACKLOG
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        except KeyboardInterrupt:
            pass
        finally:
            supervisor.stop()
