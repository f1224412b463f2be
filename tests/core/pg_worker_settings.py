"""The PostgreSQL test settings with the real task queue (the database backend) and mail
written to files in PORTAL_TEST_MAIL_DIR, for a task worker run as its own process."""

import os

from tests.pg_settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["PORTAL_TEST_MAIL_DIR"]
