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
