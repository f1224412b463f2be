"""Shared set-up for the Whoosh backend tests.

modelsearch's backend test-suite imports ``modelsearch.models``. In this project
``wagtail.search`` stands in for the ``modelsearch`` app and defines the same
``IndexEntry`` models, so that import is pointed at wagtail's module (importing the
original would fail: its app is not installed).
"""

import sys
from pathlib import Path

import pytest
import wagtail.search.models
from django.core import management

sys.modules.setdefault("modelsearch.models", wagtail.search.models)

FIXTURE = Path(__file__).parent / "fixtures" / "search.json"


@pytest.fixture
def backend(tmp_path, settings, db):
    """The project's Whoosh backend on a fresh directory, filled with the test books."""
    from portal.search.backends.whoosh import WhooshSearchBackend
    from portal.search.backends.whoosh.maintenance import rebuild_all

    config = {"BACKEND": "portal.search.backends.whoosh", "PATH": tmp_path / "whoosh"}
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**config, "AUTO_UPDATE": False}}
    management.call_command("loaddata", str(FIXTURE), verbosity=0)
    rebuild_all(["default"])
    return WhooshSearchBackend({"PATH": tmp_path / "whoosh", "RAISE_ON_UNAVAILABLE": True})
