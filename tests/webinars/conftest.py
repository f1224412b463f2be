import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.common import PostgresCluster, PostgresError, pg_bin_dir


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgres: runs against a throwaway PostgreSQL cluster started by the test")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _pg_bin_dir() -> Path | None:
    return pg_bin_dir()


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
               "bin_dir": cluster.bin_dir, "run": pg}
    finally:
        cluster.stop()


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


