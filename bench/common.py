"""What the benchmark scripts share: a free loopback port, the threaded server started and
awaited, the timed request loop, the ratio table, and a private PostgreSQL cluster.

Scripts put the repository root on ``sys.path`` and import ``bench.common``. The
PostgreSQL cluster is also what the test suite's ``postgres_server`` fixture runs
(tests/postgres.py).
"""

from __future__ import annotations

import glob
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Django's threaded WSGI server on the bench settings (see bench/webinars/serve.py).
SERVER = ROOT / "bench" / "webinars" / "serve.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen | None = None,
                  seconds: float = 60) -> None:
    """Return once something listens on ``port``; fail if ``process`` exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process is not None and process.poll() is not None:
            raise SystemExit("The benchmark server did not start.")
        time.sleep(0.2)
    raise SystemExit(f"Nothing listens on port {port} after {seconds:.0f} s.")


@contextmanager
def served(env: dict | None = None, script: Path = SERVER) -> Iterator[int]:
    """Run ``script <port>`` (the bench server by default) and yield its port."""
    port = free_port()
    server = subprocess.Popen([sys.executable, str(script), str(port)], cwd=ROOT,
                              env=env if env is not None else os.environ.copy())
    try:
        wait_for_port(port, process=server)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def hammer(port: int, path: str, seconds: float, clients: int, headers: dict | None = None,
           expect: int = 200) -> dict:
    """``clients`` threads request ``path`` for ``seconds``, each on a kept-alive connection.

    An answer other than ``expect`` counts as an error."""
    stop = time.monotonic() + seconds
    latencies, errors, sizes = [], [], []
    lock = threading.Lock()
    headers = {"Accept-Language": "en", **(headers or {})}

    def client():
        local, local_sizes, local_errors = [], [], 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                if response.status != expect:
                    local_errors += 1
                if response.will_close:
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException):
                local_errors += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            local.append(time.perf_counter() - began)
            local_sizes.append(len(body))
        connection.close()
        with lock:
            latencies.extend(local)
            sizes.extend(local_sizes)
            errors.append(local_errors)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {"requests": len(latencies), "rps": len(latencies) / elapsed,
            "median_ms": statistics.median(latencies) * 1000 if latencies else 0,
            "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000 if latencies else 0,
            "errors": sum(errors), "bytes": int(statistics.mean(sizes)) if sizes else 0}


def print_ratio_table(results: list[tuple[str, dict]], *, clients: int, seconds: float) -> None:
    """One line per address, requests per second next to the first one (the bare view)."""
    bare = results[0][1]["rps"]
    if not bare:
        raise SystemExit("The bare view answered no request; see the errors above.")
    print(f"\n{clients} client threads, {seconds:.0f} s per address, "
          f"Django threaded WSGI server, SQLite, Python {sys.version.split()[0]}\n")
    header = (f"{'address':<42} {'req/s':>9} {'vs bare':>8} {'median ms':>10} {'bytes':>9} "
              f"{'errors':>7}")
    print(header)
    print("-" * len(header))
    for label, result in results:
        print(f"{label:<42} {result['rps']:>9.1f} {result['rps'] / bare:>8.3f} "
              f"{result['median_ms']:>10.1f} {result['bytes']:>9} {result['errors']:>7}")


def session_cookie(user) -> str:
    """A Cookie header value that logs requests in as ``user`` (a session made directly in
    the database, as a login would)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


# ---------------------------------------------------------------------------
# A private PostgreSQL cluster


def pg_bin_dir() -> Path | None:
    """Debian keeps the server binaries in /usr/lib/postgresql/<version>/bin."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


class PostgresError(RuntimeError):
    pass


class PostgresCluster:
    """A throwaway cluster on a free loopback port, in a folder removed by `stop()`.

    As root the server runs as the ``postgres`` system user (PostgreSQL refuses root).
    ``settings`` are extra ``-c name=value`` server options.
    """

    def __init__(self, *, bin_dir: Path | None = None, settings: str = "",
                 prefix: str = "portal-pg-") -> None:
        self.bin_dir = bin_dir or pg_bin_dir()
        if self.bin_dir is None:
            raise PostgresError("PostgreSQL is needed: apt-get install postgresql")
        self.settings = settings
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix=prefix))
        self.host, self.port, self.user = "127.0.0.1", str(free_port()), "postgres"

    def run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        """Run one of the server's programs (``initdb``, ``pg_ctl``, ``createdb``...)."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        completed = subprocess.run(command, capture_output=True, text=True, **kwargs)
        if completed.returncode:
            raise PostgresError(
                f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
        return completed

    @property
    def connection_args(self) -> list[str]:
        return ["-h", self.host, "-p", self.port, "-U", self.user]

    def start(self) -> PostgresCluster:
        data, sockets = self.base / "data", self.base / "run"
        sockets.mkdir()
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
            shutil.chown(sockets, "postgres", "postgres")
            self.base.chmod(0o700)
        self.run("initdb", "-D", str(data), "-U", self.user, "--auth=trust", "-E", "UTF8",
                 "--no-locale")
        self.resume()
        return self

    def resume(self) -> None:
        """Start the server of the initialised cluster (again), on the same port."""
        self.run("pg_ctl", "-D", str(self.base / "data"), "-l", str(self.base / "server.log"),
                 "-w", "-t", "60", "-o",
                 f"-p {self.port} -k {self.base / 'run'} -c listen_addresses=127.0.0.1 "
                 f"{self.settings}".strip(), "start")
        wait_for_port(int(self.port), seconds=30)

    def pause(self) -> None:
        """Stop the server, ending every connection, and keep the data for `resume()`."""
        self.run("pg_ctl", "-D", str(self.base / "data"), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.base / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def createdb(self, name: str) -> str:
        self.run("createdb", *self.connection_args, name)
        return name

    def dropdb(self, name: str) -> None:
        self.run("dropdb", *self.connection_args, "--if-exists", "--force", name)

    def url(self, name: str) -> str:
        return f"postgres://{self.user}@{self.host}:{self.port}/{name}"

    def __enter__(self) -> PostgresCluster:
        try:
            return self.start()
        except BaseException:
            with suppress(PostgresError):
                self.stop()
            shutil.rmtree(self.base, ignore_errors=True)
            raise

    def __exit__(self, *exc) -> None:
        self.stop()
