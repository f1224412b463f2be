"""The development settings on the PostgreSQL cluster that burst.py starts."""

import os

import dj_database_url

from portal.settings.dev import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
