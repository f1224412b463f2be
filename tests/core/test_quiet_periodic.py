"""Under `make run` the periodic runner calls its commands every minute with verbosity 0:
they say nothing unless they did something, so the console shows what matters."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("command", ["advance_calls", "send_webinar_reminders"])
def test_periodic_commands_are_quiet_when_nothing_happened(command):
    quiet, told = io.StringIO(), io.StringIO()
    call_command(command, verbosity=0, stdout=quiet)
    call_command(command, stdout=told)
    assert quiet.getvalue() == ""
    assert told.getvalue().strip()
