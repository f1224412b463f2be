import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgres: runs against a throwaway PostgreSQL cluster started by the test")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _pg_bin_dir() -> Path | None:
    """Debian keeps the server binaries in /usr/lib/postgresql/<version>/bin."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _ensure_pg_binaries() -> Path:
    bin_dir = _pg_bin_dir()
    if bin_dir is None and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)
        bin_dir = _pg_bin_dir()
    if bin_dir is None:
        pytest.fail("PostgreSQL is needed for this test: sudo apt-get install postgresql")
    return bin_dir


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL cluster on a loopback port, removed at the end of the session.

    As root the server runs as the `postgres` system user (PostgreSQL refuses root).
    Yields a dict of connection settings (host, port, user).
    """
    bin_dir = _ensure_pg_binaries()
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    data, run = base / "data", base / "run"
    run.mkdir()
    if as_root:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(run, "postgres", "postgres")
        base.chmod(0o700)

    def pg(*args, **kwargs):
        command = [str(bin_dir / args[0]), *args[1:]]
        if as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        completed = subprocess.run(command, capture_output=True, text=True, **kwargs)
        if completed.returncode:
            pytest.fail(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
        return completed

    port = _free_port()
    pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
       "--no-locale")
    pg("pg_ctl", "-D", str(data), "-l", str(base / "server.log"), "-w", "-t", "60", "-o",
       f"-p {port} -k {run} -c listen_addresses=127.0.0.1 -c max_connections=200 "
       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield {"host": "127.0.0.1", "port": str(port), "user": "postgres", "bin_dir": bin_dir,
               "run": pg}
    finally:
        try:
            pg("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_server):
    """A fresh database on the private cluster, dropped after the test."""
    name = f"portal_race_{os.getpid()}"
    run = postgres_server["run"]
    connection = ["-h", postgres_server["host"], "-p", postgres_server["port"], "-U", "postgres"]
    run("createdb", *connection, name)
    try:
        yield {**postgres_server, "name": name}
    finally:
        run("dropdb", *connection, "--if-exists", "--force", name)


