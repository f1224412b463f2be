"""A private PostgreSQL cluster for the tests marked `postgres`, and a way to run a test
scenario against it in a child process with the PostgreSQL test settings."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench.common import PostgresCluster, PostgresError, pg_bin_dir


def _ensure_pg_binaries() -> Path:
    bin_dir = pg_bin_dir()
    if bin_dir is None and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)
        bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.fail("PostgreSQL is needed for this test: sudo apt-get install postgresql")
    return bin_dir


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL cluster on a loopback port, removed at the end of the session
    (bench/common.py's cluster, also used by the benchmarks).

    As root the server runs as the `postgres` system user (PostgreSQL refuses root).
    Yields a dict of connection settings (host, port, user).
    """
    cluster = PostgresCluster(
        bin_dir=_ensure_pg_binaries(),
        settings="-c max_connections=200 -c fsync=off -c synchronous_commit=off "
                 "-c full_page_writes=off")

    def pg(*args, **kwargs):
        try:
            return cluster.run(*args, **kwargs)
        except PostgresError as error:
            pytest.fail(str(error))

    try:
        cluster.start()
    except PostgresError as error:
        shutil.rmtree(cluster.base, ignore_errors=True)
        pytest.fail(str(error))
    try:
        yield {"host": cluster.host, "port": cluster.port, "user": cluster.user,
               "bin_dir": cluster.bin_dir, "run": pg,
               "pause": cluster.pause, "resume": cluster.resume}
    finally:
        cluster.stop()


@pytest.fixture
def postgres_database(postgres_server):
    """A fresh database on the private cluster, dropped after the test."""
    name = f"portal_test_{os.getpid()}"
    run = postgres_server["run"]
    connection = ["-h", postgres_server["host"], "-p", postgres_server["port"], "-U", "postgres"]
    run("createdb", *connection, name)
    try:
        yield {**postgres_server, "name": name}
    finally:
        run("dropdb", *connection, "--if-exists", "--force", name)




def scenario_environment(*, settings_module: str, database: dict, **extra: str) -> dict:
    """The environment of a child process that runs with `settings_module` on `database`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PORTAL_PG_NAME": database["name"],
        "PORTAL_PG_HOST": database["host"],
        "PORTAL_PG_PORT": database["port"],
        "PORTAL_TEST_VAR_DIR": "",
        **extra,
    }


def run_scenario(module: str, *, settings_module: str, database: dict) -> dict:
    """Run `python -m module` on `database` and return what it printed after "RESULT "."""
    env = scenario_environment(settings_module=settings_module, database=database)
    completed = subprocess.run([sys.executable, "-m", module], env=env,
                               cwd=settings.BASE_DIR, capture_output=True, text=True,
                               timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    line = next(line for line in completed.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))
