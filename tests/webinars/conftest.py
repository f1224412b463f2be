import glob
import json
import os
import shutil
import socket
import subprocess
import sys
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


_FRESH_SNAPSHOT: list[str] = []
SNAPSHOT_CODE = (
    "import sys, django; django.setup(); "
    "from django.core.management import call_command; call_command('migrate', verbosity=0); "
    "from django.db import connection; "
    "sys.stdout.write(connection.creation.serialize_db_to_string())"
)


def _migrated_snapshot() -> str:
    """The contents of a freshly migrated database (seeded taxonomy, Wagtail's root page,
    site and collection, groups...), serialised; built once per session when needed."""
    import gc

    from django.db import connection
    from django.db.backends.base.base import BaseDatabaseWrapper

    kept = next((wrapper._test_serialized_contents for wrapper in gc.get_objects()
                 if isinstance(wrapper, BaseDatabaseWrapper)
                 and wrapper.alias == connection.alias
                 and getattr(wrapper, "_test_serialized_contents", None)), None)
    if kept:
        return kept
    if not _FRESH_SNAPSHOT:
        from django.conf import settings

        with tempfile.TemporaryDirectory(prefix="portal-snapshot-") as var_dir:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                   "PORTAL_TEST_VAR_DIR": var_dir}
            completed = subprocess.run([sys.executable, "-c", SNAPSHOT_CODE], env=env,
                                       cwd=settings.BASE_DIR, capture_output=True, text=True,
                                       timeout=600)
        if completed.returncode:
            pytest.fail(f"Could not build the reference data: {completed.stderr[-2000:]}")
        _FRESH_SNAPSHOT.append(completed.stdout)
    return _FRESH_SNAPSHOT[0]


@pytest.fixture
def reference_data(transactional_db):
    """The data the migrations seeded (countries, themes, the Wagtail root page, site and
    collection), for a transactional test that runs after another one emptied the tables.

    pytest-django's serialized_rollback does not help here: once Playwright's session
    browser runs, the test sees another database connection object, without the snapshot
    pytest-django kept, and a table emptied by a test without serialized_rollback gets its
    content types back from post_migrate, which clashes with the snapshot's.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from portal.core.models import Country

    if Country.objects.exists():
        return
    objects = json.loads(_migrated_snapshot())
    # Content types first, so that nothing loaded before them creates one with another id.
    objects.sort(key=lambda item: item["model"] != "contenttypes.contenttype")
    # Empty the tables without post_migrate: the snapshot brings content types back itself.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(json.dumps(objects))
    ContentType.objects.clear_cache()
