from django.core import mail
from django.urls import reverse

from portal.core.mail import ArchivingConsoleBackend, build_message, render_email


def test_sign_up_sends_a_verification_email_as_text_and_html(client, db):
    response = client.post(reverse("account_signup"), {
        "email": "new@example.org", "password1": "an-unusual-passphrase-1",
        "password2": "an-unusual-passphrase-1"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["new@example.org"]
    assert "/accounts/confirm-email/" in message.body
    html = message.alternatives[0][0]
    assert '<a href="http://testserver/accounts/confirm-email/' in html


def test_unverified_account_cannot_log_in(client, db):
    client.post(reverse("account_signup"), {
        "email": "new@example.org", "password1": "an-unusual-passphrase-1",
        "password2": "an-unusual-passphrase-1"})
    client.logout()
    response = client.post(reverse("account_login"), {"login": "new@example.org",
                                                      "password": "an-unusual-passphrase-1"})
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session


def test_archiving_backend_keeps_each_message_as_an_eml_file(db, settings, tmp_path):
    settings.EMAIL_ARCHIVE_DIR = tmp_path
    message = build_message(render_email(template="mail_check", context={"name": "A"},
                                         to=["a@example.org"]))
    ArchivingConsoleBackend(stream=open("/dev/null", "w")).send_messages([message])
    saved = list(tmp_path.glob("*.eml"))
    assert len(saved) == 1
    assert b"To: a@example.org" in saved[0].read_bytes()
