"""Long-running commands and the processes they start: stopping them cleanly."""

import signal
import subprocess


def stop_on_interrupt_or_terminate() -> None:
    """Make Ctrl-C and a process manager's SIGTERM both raise KeyboardInterrupt, so a
    long-running command cleans up either way. SIGINT is set explicitly: a process started
    in the background by a shell inherits it ignored, and would then never stop on it."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def end_process(process: subprocess.Popen, *, timeout: float) -> None:
    """Wait for a process that was asked to stop; kill it if it takes longer than
    ``timeout`` seconds."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
