"""Long-running commands and the processes they start: stopping them cleanly."""

import signal
import subprocess
import threading


def stop_on_interrupt_or_terminate() -> None:
    """Make Ctrl-C and a process manager's SIGTERM both raise KeyboardInterrupt, so a
    long-running command cleans up either way. SIGINT is set explicitly: a process started
    in the background by a shell inherits it ignored, and would then never stop on it."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def stop_requested() -> threading.Event:
    """An event that Ctrl-C and a process manager's SIGTERM set, for a command that waits on
    processes it started: an interruption raised inside ``Popen.wait`` can leave the
    process's lock held, and the wait that cleans up then hangs for ever."""
    requested = threading.Event()

    def request(signum, frame):
        requested.set()

    signal.signal(signal.SIGINT, request)
    signal.signal(signal.SIGTERM, request)
    return requested


def end_process(process: subprocess.Popen, *, timeout: float) -> None:
    """Wait for a process that was asked to stop; kill it if it takes longer than
    ``timeout`` seconds."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
