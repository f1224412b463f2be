import io

import pytest
from django.core.management import call_command

from portal.members.models import Connection, ConnectionStatus, Follow, Message, Notification

pytestmark = pytest.mark.django_db


def test_demo_members_have_a_living_network_and_loading_twice_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    counts = (Connection.objects.filter(status=ConnectionStatus.ACCEPTED).count(),
              Connection.objects.filter(status=ConnectionStatus.PENDING).count(),
              Follow.objects.count(), Notification.objects.count())

    call_command("load_demo", stdout=io.StringIO())

    assert counts[:3] == (3, 1, 1)
    assert counts[3] > 0
    assert (Connection.objects.count(), Notification.objects.count()) == (4, counts[3])
    assert Message.objects.count() == 3
