"""`make run` under a process manager: SIGTERM to the portal stops everything it started,
even when it was started in the background with Ctrl-C ignored (as a shell does)."""

import os
import signal
import socket
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


def _own_group_ignoring_interrupt():
    """As a shell's background job under a process manager: a process group of its own."""
    os.setsid()
    _ignore_interrupt()


def _in_group(group: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _alive(int(entry.name)):
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group:
                found.add(int(entry.name))
    return found


def _stop_portal(tmp_path, signal_portal, preexec_fn):
    """Start the portal, call ``signal_portal(portal, port)`` once it runs its four
    processes, and return (what it said on stderr, what is still alive 30 s after the
    portal itself ended)."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path / "var"), "WEB_WORKERS": "1"}
    said = tmp_path / "stderr"
    with said.open("wb") as stderr:
        portal = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runportal", "--port", str(port)], cwd=ROOT,
            env=env, stdout=subprocess.DEVNULL, stderr=stderr, preexec_fn=preexec_fn)
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

        signal_portal(portal, port)

        assert portal.wait(timeout=60) is not None
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.5)
        left = {pid for pid in started if _alive(pid)} | _descendants(portal.pid)
        return said.read_text(), left
    finally:
        for pid in {portal.pid, *started, *_descendants(portal.pid)}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_sigterm_stops_the_server_the_worker_and_the_periodic_runner(tmp_path):
    _said, left = _stop_portal(
        tmp_path, lambda portal, port: portal.send_signal(signal.SIGTERM), _ignore_interrupt)
    assert not left


def test_sigterm_to_the_whole_group_stops_everything_and_restarts_nothing(tmp_path):
    """A process manager (or Ctrl-C in a terminal) signals every process at once: the
    helpers end by themselves at once, and must not be started again while the web server
    takes its time to finish a request (here one that never completes)."""
    groups, held = [], []

    def signal_group(portal, port):
        groups.append(portal.pid)
        unfinished = socket.create_connection(("127.0.0.1", port))
        unfinished.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        held.append(unfinished)
        time.sleep(0.5)
        os.killpg(portal.pid, signal.SIGTERM)

    try:
        said, left = _stop_portal(tmp_path, signal_group, _own_group_ignoring_interrupt)
    finally:
        for unfinished in held:
            unfinished.close()
    assert not left
    assert not _in_group(groups[0])
    assert "starting it again" not in said
