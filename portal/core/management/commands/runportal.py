import os
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.core.processes import end_process, stop_requested
from portal.core.staticfiles import static_files_collect

DEMO_LOGINS = [
    ("member", "amina.diallo@example.org"),
    ("editor", "editor@example.org"),
    ("moderator", "moderator@example.org"),
    ("administrator", "admin@example.org"),
]
DEMO_PASSWORD = "demo-portal-2024"  # noqa: S105  (demo accounts on a local machine only)


HELPER_COMMANDS = (("task worker", ["task_worker", "--interval", "1", "--verbosity", "0"]),
                   ("periodic runner", ["run_periodic"]))
RESTART_PAUSE = 2.0
#: How often the portal looks whether the web server ended or a stop was asked for.
SERVER_CHECK_SECONDS = 0.5
# The announcement e-mail sends hundreds of people at once: keep them waiting in the
# listen queue rather than reset.
LISTEN_BACKLOG = 2048
THREADS = 4
# Each process takes no more connections than it has threads: the others wait in the
# kernel's listen queue, which keeps their order of arrival, instead of piling up inside
# whichever process accepted them first (measured with bench/webinars/burst.py: 50 of the
# first 50 senders got the 50 places, against 14-39 when processes could hold 8-1000).
# An idle kept-alive connection would then hold a thread's place: connections close after
# each answer (on loopback or behind a proxy a new one costs little).
CONNECTIONS_PER_PROCESS = THREADS


def web_workers() -> int:
    """WEB_WORKERS, else one process per core plus one (each with a few threads, so a slow
    client does not hold a whole process)."""
    configured = os.environ.get("WEB_WORKERS", "")
    return int(configured) if configured.isdigit() and int(configured) > 0 else \
        (os.cpu_count() or 1) + 1


def web_server_command(port: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "portal.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(THREADS),
            "--worker-connections", str(CONNECTIONS_PER_PROCESS), "--keep-alive", "0",
            "--backlog", str(LISTEN_BACKLOG), "--timeout", "60", "--graceful-timeout", "10",
            "--log-level", "warning"]


class Supervisor:
    """Keeps the task worker and the periodic runner alive beside the web server: one
    that exits is reported and started again, so mail never stops silently."""

    def __init__(self, commands, *, out):
        self.commands = commands
        self.out = out
        self.processes = {}
        self.stopping = threading.Event()
        # Held while restarting, so that no helper is started once stopping has begun.
        self._restarting = threading.Lock()

    def start(self, name):
        self.processes[name] = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *self.commands[name]], cwd=settings.BASE_DIR)

    def watch(self):
        while not self.stopping.wait(RESTART_PAUSE):
            with self._restarting:
                if self.stopping.is_set():
                    return
                for name, process in list(self.processes.items()):
                    code = process.poll()
                    if code is not None:
                        self.out(f"The {name} stopped (exit code {code}); starting it again.")
                        self.start(name)

    def run(self):
        for name in self.commands:
            self.start(name)
        thread = threading.Thread(target=self.watch, daemon=True)
        thread.start()

    def stop_restarting(self):
        """From now on a helper that ends stays ended: Ctrl-C in a terminal, or SIGTERM to
        the process group, reaches the helpers too, and they end."""
        with self._restarting:
            self.stopping.set()

    def stop(self):
        self.stop_restarting()
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            end_process(process, timeout=10)


class Command(BaseCommand):
    help = ("Run the web server, the task worker and the periodic commands together; "
            "Ctrl-C stops them all.")

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, port, **options):
        # Ctrl-C, or SIGTERM from a process manager: either way stop every process started
        # here (a SIGTERM that killed only this one left the server and worker running).
        stop = stop_requested()
        # Hashed copies of the static files, which the pages name (see settings/dev.py).
        static_files_collect()
        supervisor = Supervisor(dict(HELPER_COMMANDS),
                                out=lambda text: self.stderr.write(self.style.WARNING(text)))
        supervisor.run()
        self.stdout.write(self.style.SUCCESS(f"\nThe portal runs at http://127.0.0.1:{port}/"))
        self.stdout.write(f"Editor admin: http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS:
            self.stdout.write(f"  {role:<14} {email}")
        self.stdout.write(f"E-mails sent are printed here and kept in {settings.EMAIL_ARCHIVE_DIR}\n")
        workers = web_workers()
        self.stdout.write(f"Web server: gunicorn, {workers} processes of {THREADS} threads each.\n")
        server = subprocess.Popen(web_server_command(port, workers),  # noqa: S603
                                  cwd=settings.BASE_DIR)
        try:
            while server.poll() is None and not stop.wait(SERVER_CHECK_SECONDS):
                pass
        finally:
            supervisor.stop_restarting()
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
                end_process(server, timeout=15)
            supervisor.stop()
