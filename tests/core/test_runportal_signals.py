"""`make run` under a process manager: SIGTERM to the portal stops everything it started,
even when it was started in the background with Ctrl-C ignored (as a shell does)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.common import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _descendants(pid: int) -> set[int]:
    found, pending = set(), [pid]
    while pending:
        for child in _children(pending.pop()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _ignore_interrupt():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_sigterm_stops_the_server_the_worker_and_the_periodic_runner(tmp_path):
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path / "var"), "WEB_WORKERS": "1"}
    portal = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runportal", "--port", str(port)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_ignore_interrupt)
    started: set[int] = set()
    try:
        wait_for_port(port, process=portal, seconds=120)
        deadline = time.monotonic() + 60
        started = _descendants(portal.pid)
        # the web server (master and one worker), the task worker, the periodic runner
        while len(started) < 4 and time.monotonic() < deadline:
            time.sleep(0.5)
            started = _descendants(portal.pid)
        assert len(started) >= 4

        portal.send_signal(signal.SIGTERM)

        assert portal.wait(timeout=60) is not None
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not [pid for pid in started if _alive(pid)]
    finally:
        for pid in {portal.pid, *started, *_descendants(portal.pid)}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
