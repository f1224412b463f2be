"""Static files are collected at a start of the portal only when a source changed."""

import os

from portal.core.staticfiles import static_files_collect


def test_static_files_are_collected_again_only_after_a_source_changes(tmp_path, settings):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "site.css").write_text("body { color: #111; }")
    settings.STATICFILES_DIRS = [sources]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}

    assert static_files_collect() is True
    assert (tmp_path / "collected" / "staticfiles.json").exists()
    assert len(_hashed_copies(tmp_path)) == 1
    assert static_files_collect() is False  # nothing changed: not collected again

    (sources / "site.css").write_text("body { color: #000; }")
    os.utime(sources / "site.css", ns=(1, 1))  # a different time of change, whatever the clock
    assert static_files_collect() is True
    assert len(_hashed_copies(tmp_path)) == 2  # the new content has its own name

    (tmp_path / "collected" / "staticfiles.json").unlink()  # a damaged collection
    assert static_files_collect() is True
    assert static_files_collect() is False


def _hashed_copies(tmp_path) -> list[str]:
    return [path.name for path in (tmp_path / "collected").glob("site.*.css")]
