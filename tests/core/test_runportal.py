"""`make run` keeps its task worker and periodic runner alive: one that stops is reported
and started again, and Ctrl-C stops them all."""

import os
import time

from portal.core.management.commands.runportal import Supervisor

# Writes its pid to a file; the first run then exits, every later run keeps running.
ONCE_THEN_STAY = """
import os, pathlib, time
pids = pathlib.Path({path!r})
first = not pids.exists()
with pids.open("a") as out:
    out.write(f"{{os.getpid()}}\\n")
time.sleep(0 if first else 120)
"""


def _wait_for(condition, *, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_a_helper_that_stops_is_reported_and_started_again(tmp_path):
    pids = tmp_path / "pids"
    said = []
    name = "short-lived helper"
    supervisor = Supervisor({name: ["shell", "-c", ONCE_THEN_STAY.format(path=str(pids))]},
                            out=said.append)
    supervisor.run()
    first = supervisor.processes[name]
    try:
        def written():
            return pids.read_text().split() if pids.exists() else []

        assert _wait_for(lambda: len(written()) == 2), "no second helper started"
        again = supervisor.processes[name]
        assert first.poll() == 0
        assert again is not first and again.pid != first.pid
        assert written() == [str(first.pid), str(again.pid)]
        assert again.poll() is None
        os.kill(again.pid, 0)  # the new helper is alive
    finally:
        supervisor.stop()

    assert said and said[0].startswith(f"The {name} stopped (exit code 0); starting it again.")
    assert len(said) == 1
    assert again.poll() is not None  # and stopping the supervisor ends it


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
    # no process accepts more connections than it can serve: arrivals keep their order
    assert command[command.index("--worker-connections") + 1] == \
        command[command.index("--threads") + 1]
    assert command[command.index("--keep-alive") + 1] == "0"
