from django.core.management import call_command


def test_run_periodic_once_publishes_what_was_scheduled(db):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.resources import resource

    page = resource(title="Scheduled brief", live=False)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    call_command("run_periodic", once=True)
    page.refresh_from_db()
    assert page.live
