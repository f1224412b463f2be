"""`make run` keeps its task worker and periodic runner alive: one that stops is reported
and started again, and Ctrl-C stops them all."""

import time

from portal.core.management.commands.runportal import Supervisor


def test_a_helper_that_stops_is_reported_and_started_again():
    said = []
    supervisor = Supervisor({"short-lived helper": ["help", "check"]}, out=said.append)
    supervisor.run()
    try:
        deadline = time.monotonic() + 60
        while not said and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        supervisor.stop()

    assert said and said[0].startswith("The short-lived helper stopped (exit code 0)")
    assert supervisor.processes["short-lived helper"].poll() is not None


def test_stopping_ends_a_helper_that_is_still_running():
    supervisor = Supervisor({"periodic runner": ["run_periodic"]}, out=lambda text: None)
    supervisor.run()
    time.sleep(1)
    supervisor.stop()

    assert supervisor.processes["periodic runner"].poll() is not None


def test_the_web_server_is_gunicorn_with_workers_from_the_environment(monkeypatch):
    from portal.core.management.commands import runportal

    monkeypatch.setenv("WEB_WORKERS", "5")
    assert runportal.web_workers() == 5
    monkeypatch.setenv("WEB_WORKERS", "none")
    assert runportal.web_workers() >= 2
    command = runportal.web_server_command("8080", 3)
    assert command[1:4] == ["-m", "gunicorn", "portal.wsgi:application"]
    assert "127.0.0.1:8080" in command and command[command.index("--workers") + 1] == "3"
    assert command[command.index("--backlog") + 1] == str(runportal.LISTEN_BACKLOG)
