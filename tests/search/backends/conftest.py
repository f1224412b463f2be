"""Shared set-up for the Whoosh backend tests.

modelsearch's backend test-suite imports ``modelsearch.models``. In this project
``wagtail.search`` stands in for the ``modelsearch`` app and defines the same
``IndexEntry`` models, so that import is pointed at wagtail's module (importing the
original would fail: its app is not installed).
"""

import sys

import wagtail.search.models

sys.modules.setdefault("modelsearch.models", wagtail.search.models)
