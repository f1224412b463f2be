import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A French request leaves French active in the thread; the next test starts in English."""
    yield
    translation.activate("en")
