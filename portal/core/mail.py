"""E-mail helpers: messages rendered from templates (text and HTML), sent from a task.

A message is rendered when it is queued, in the recipient's language, and handed to the
task as plain data, so a worker that restarts or a mail server that fails loses nothing.
"""

import logging
from datetime import timedelta
from email.utils import make_msgid
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .branding import site_name

logger = logging.getLogger("portal.mail")


def render_email(*, template: str, context: dict, to: list[str], language: str = "en",
                 attachments: list[dict] | None = None, reply_to: list[str] | None = None) -> dict:
    """Render `emails/<template>_subject.txt`, `.txt` and `.html` into a serialisable message."""
    with translation.override(language):
        context = {"site_name": site_name(), "base_url": settings.WAGTAILADMIN_BASE_URL, **context}
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        subject = " ".join(subject.split())  # one line: no header injection from content
        body = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    return {
        "subject": settings.EMAIL_SUBJECT_PREFIX + subject,
        "body": body,
        "html": html,
        "to": to,
        "reply_to": reply_to or [],
        "attachments": attachments or [],
    }


def build_message(message: dict) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message["subject"], body=message["body"], to=message["to"],
        reply_to=message.get("reply_to") or None,
        headers={"Message-ID": make_msgid(domain="cop.portal"), **message.get("headers", {})},
    )
    email.attach_alternative(message["html"], "text/html")
    for attachment in message.get("attachments", []):
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return email


MAX_RETRY_DELAY = timedelta(hours=3)


def retry_delay(attempt: int) -> timedelta:
    """1, 4, 16, 64 minutes, then every 3 hours: a server that is down can recover."""
    return min(timedelta(minutes=4 ** min(attempt - 1, 6)), MAX_RETRY_DELAY)


def next_attempt_time(attempt: int):
    return timezone.now() + retry_delay(attempt)


class ArchivingConsoleBackend(ConsoleBackend):
    """Development backend: prints a one-line summary and keeps each message as an .eml file."""

    def send_messages(self, email_messages):
        archive = Path(settings.EMAIL_ARCHIVE_DIR)
        archive.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        for number, message in enumerate(email_messages):
            path = archive / f"{stamp}-{number}.eml"
            path.write_bytes(message.message().as_bytes())
            if self.stream:
                self.stream.write(f"[mail] to {', '.join(message.to)}: {message.subject} -> {path}\n")
                self.stream.flush()
        return len(email_messages)


def text_to_html(text: str, *, language: str = "en") -> str:
    """Wrap a plain-text message in the portal's HTML e-mail layout (links made clickable)."""
    with translation.override(language):
        return render_to_string("emails/plain.html", {
            "text": text, "site_name": site_name(), "base_url": settings.WAGTAILADMIN_BASE_URL})


def message_from_email(email) -> dict:
    """A Django EmailMessage (e.g. rendered by allauth) as the data the send task takes."""
    html = next((content for content, mimetype in getattr(email, "alternatives", [])
                 if mimetype == "text/html"), None)
    body = email.body
    if getattr(email, "content_subtype", "plain") == "html":
        html, body = email.body, ""
    return {
        "subject": email.subject,
        "body": body,
        "html": html or text_to_html(body, language=translation.get_language() or "en"),
        "to": list(email.to),
        "reply_to": list(email.reply_to),
        "attachments": [],
    }
