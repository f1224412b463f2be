"""modelsearch's generic backend test-suite, run against the Whoosh backend.

Every test of ``BackendTests`` must pass here: no skip, no expected failure.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.test import TestCase
from django.test.utils import override_settings
from modelsearch.tests.test_backends import BackendTests

FIXTURE = Path(__file__).parent / "fixtures" / "search.json"
BACKEND = "portal.search.backends.whoosh"
WHOOSH_BACKENDS = {
    "default": {
        "BACKEND": BACKEND,
        "PATH": Path(tempfile.mkdtemp(prefix="whoosh-conformance-", dir=settings.VAR_DIR)),
        # A broken index must fail these tests loudly rather than return nothing.
        "RAISE_ON_UNAVAILABLE": True,
    }
}


# BackendTests reads MODELSEARCH_BACKENDS to find its backend; wagtail.search (which
# replaces the modelsearch app here) reads WAGTAILSEARCH_BACKENDS. Both must agree.
@override_settings(MODELSEARCH_BACKENDS=WHOOSH_BACKENDS, WAGTAILSEARCH_BACKENDS=WHOOSH_BACKENDS)
class TestWhooshBackendConformance(BackendTests, TestCase):
    backend_path = BACKEND
    fixtures = [str(FIXTURE)]
