import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgres: runs against a throwaway PostgreSQL cluster started by the test")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
