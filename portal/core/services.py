from django.db import transaction

from .models import FailedEmail
from .tasks import queue_email


@transaction.atomic
def failed_email_resend(*, failed: FailedEmail) -> None:
    """Queue the message again (a fresh two-day window) and drop the failure record."""
    queue_email(failed.message)
    failed.delete()


def failed_emails_erase_for_address(email: str) -> int:
    """Failed messages to this address, when its owner deletes their account."""
    lowered = email.strip().lower()
    doomed = [failed.pk for failed in FailedEmail.objects.only("pk", "message")
              if lowered in (address.lower() for address in failed.message.get("to", []))]
    deleted, _ = FailedEmail.objects.filter(pk__in=doomed).delete()
    return deleted


def mail_erase_for_addresses(addresses) -> int:
    """Queued, retried or failed copies of e-mails to these addresses (they hold whole
    messages), when their owner deletes the account."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import send_email_task

    erased = 0
    for address in {address.strip().lower() for address in addresses if address}:
        erased += failed_emails_erase_for_address(address)
        candidates = DBTaskResult.objects.filter(task_path=send_email_task.module_path,
                                                 args_kwargs__icontains=address)
        doomed = [result.pk for result in candidates.only("pk", "args_kwargs")
                  if address in (to.lower() for to in
                                 result.args_kwargs.get("kwargs", {}).get("message", {})
                                 .get("to", []))]
        erased += DBTaskResult.objects.filter(pk__in=doomed).delete()[0]
    return erased
