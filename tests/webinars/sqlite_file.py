"""Test settings for a child process that works on the test database file of its parent,
named in PORTAL_SQLITE_NAME."""

import os

from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES

DATABASES = {"default": {**DATABASES["default"], "NAME": os.environ["PORTAL_SQLITE_NAME"]}}
