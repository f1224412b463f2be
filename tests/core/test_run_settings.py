"""What `make run` serves: its own error pages, pictures but never documents from media,
and links that carry the port it runs on."""

import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import clear_url_caches


def _settings_value(expression: str, **env) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    base = {name: value for name, value in os.environ.items()
            if name not in ("PORTAL_BASE_URL", "PORT", "PORTAL_DEBUG")}
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
             "PORTAL_VAR_DIR": str(settings.VAR_DIR), **env}, check=True, timeout=120)
    return completed.stdout.strip().splitlines()[-1]


def test_make_run_has_debugging_off_and_dev_on():
    assert _settings_value("settings.DEBUG", PORTAL_DEBUG="") == "False"
    assert _settings_value("settings.DEBUG", PORTAL_DEBUG="1") == "True"


def test_links_in_mail_carry_the_port_the_portal_runs_on():
    assert _settings_value("settings.WAGTAILADMIN_BASE_URL", PORT="8080") == \
        "http://127.0.0.1:8080"
    assert _settings_value("settings.WAGTAILADMIN_BASE_URL") == "http://127.0.0.1:8000"
    assert _settings_value("settings.WAGTAILADMIN_BASE_URL", PORT="8080",
                           PORTAL_BASE_URL="https://cop.example.org") == "https://cop.example.org"


def test_pictures_are_served_from_media_but_documents_never(client, db, settings, tmp_path):
    import portal.urls

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "banner.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "members-only.pdf").write_bytes(b"%PDF-1.4 secret")
    settings.SERVE_PUBLIC_MEDIA = True
    importlib.reload(portal.urls)
    clear_url_caches()
    try:
        assert client.get("/media/images/banner.png").status_code == 200
        assert client.get("/media/documents/members-only.pdf").status_code == 404
        assert client.get("/media/images/../documents/members-only.pdf").status_code in (400, 404)
        assert client.get("/media/images/%2e%2e/documents/members-only.pdf").status_code in (400, 404)
    finally:
        settings.SERVE_PUBLIC_MEDIA = False
        importlib.reload(portal.urls)
        clear_url_caches()


def test_an_unknown_address_shows_the_portals_own_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<html" in response.content.decode() and "Traceback" not in response.content.decode()


def test_make_run_makes_its_own_secret_key_once_and_keeps_it(tmp_path):
    first = _settings_value("settings.SECRET_KEY", PORTAL_VAR_DIR=str(tmp_path),
                            **{"SECRET_KEY": ""})
    second = _settings_value("settings.SECRET_KEY", PORTAL_VAR_DIR=str(tmp_path),
                             **{"SECRET_KEY": ""})
    assert first == second and len(first) >= 50
    assert "insecure" not in first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    other = tmp_path / "other"
    assert _settings_value("settings.SECRET_KEY", PORTAL_VAR_DIR=str(other),
                           **{"SECRET_KEY": ""}) != first


def test_make_run_names_static_files_by_their_content_so_browsers_keep_them():
    assert _settings_value("settings.STORAGES['staticfiles']['BACKEND']", PORTAL_DEBUG="") == \
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert _settings_value("settings.STORAGES['staticfiles']['BACKEND']", PORTAL_DEBUG="1") == \
        "django.contrib.staticfiles.storage.StaticFilesStorage"


SERVER_ERROR_TEXT = "Something went wrong on our side"


@pytest.mark.urls("tests.core.urls_server_error")
def test_a_fault_shows_the_portals_own_500_page(client, db, settings):
    settings.DEBUG = False
    client.raise_request_exception = False

    response = client.get("/fail/")

    html = response.content.decode()
    assert response.status_code == 500
    assert SERVER_ERROR_TEXT in html and "Une erreur s'est produite" in html
    assert 'href="/"' in html and "RuntimeError" not in html and "Traceback" not in html


def test_make_run_answers_a_fault_with_the_portals_own_500_page():
    expression = ("(lambda response: (settings.DEBUG, response.status_code, "
                  f"{SERVER_ERROR_TEXT!r} in response.content.decode()))"
                  "(__import__('django.urls', fromlist=['get_resolver']).get_resolver()"
                  ".resolve_error_handler(500)(__import__('django.test', fromlist=['x'])"
                  ".RequestFactory().get('/')))")
    assert _settings_value(expression, PORTAL_DEBUG="") == "(False, 500, True)"
