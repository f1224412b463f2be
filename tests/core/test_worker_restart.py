"""The task worker outlives a PostgreSQL restart: the server stops (every connection ends)
and starts again, the same worker process is still running, and a mail queued after the
restart is sent."""

import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings

from portal.core.processes import end_process
from tests.postgres import scenario_environment

QUEUE_MAIL = """
import sys
import django
django.setup()
from django.core.management import call_command
if "--migrate" in sys.argv:
    call_command("migrate", verbosity=0, interactive=False)
from portal.core.mail import render_email
from portal.core.tasks import queue_email
queue_email(render_email(template="mail_check", context={"name": "Amina"}, to=[sys.argv[1]]))
"""


def _wait_for(condition, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


@pytest.mark.postgres
def test_the_worker_survives_a_database_restart_and_sends_what_was_queued_after(
        postgres_database, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = scenario_environment(settings_module="tests.core.pg_worker_settings",
                               database=postgres_database, PORTAL_TEST_MAIL_DIR=str(mail_dir))

    def queue(address, *extra):
        subprocess.run([sys.executable, "-c", QUEUE_MAIL, address, *extra], env=env,
                       cwd=settings.BASE_DIR, check=True, timeout=300)

    def sent_to():
        return "".join(path.read_text() for path in mail_dir.iterdir())

    queue("before@example.org", "--migrate")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.2"],
        env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert _wait_for(lambda: "before@example.org" in sent_to(), timeout=60), \
            "the worker sent nothing before the restart"

        postgres_database["pause"]()
        try:
            time.sleep(2)  # the worker meets the stopped server a few times
            alive_while_down = worker.poll() is None
        finally:
            postgres_database["resume"]()
        assert alive_while_down, "the worker ended while the database was down"

        queue("after@example.org")
        assert _wait_for(lambda: "after@example.org" in sent_to(), timeout=60), \
            "the mail queued after the restart was not sent"
        assert worker.poll() is None, "the worker ended"
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGINT)
        end_process(worker, timeout=20)
        log.close()
    output = (tmp_path / "worker.log").read_text()
    assert "database error" in output, output[-2000:]  # it did meet the stopped server
