"""A newcomer's whole journey in a real browser, with axe on every page visited."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.core import mail

from portal.members.models import Profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "newcomer@example.org"
PASSWORD = "a-long-and-unusual-passphrase-42"


def totp_now(secret: str) -> str:
    """RFC 6238 code, computed independently of the server's implementation."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def link_from_last_email(pattern: str) -> str:
    body = mail.outbox[-1].body
    match = re.search(pattern, body)
    assert match, body
    return match.group(0)


def test_sign_up_verify_complete_profile_log_out_log_in_and_enable_totp(page, live_server, axe_check):
    page.goto("/")
    axe_check(page)
    page.get_by_role("banner").get_by_role("link", name="Sign Up", exact=True).click()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    axe_check(page)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    axe_check(page)

    confirm_url = link_from_last_email(r"http://\S+/accounts/confirm-email/\S+/")
    page.goto(confirm_url.replace("http://testserver", live_server.url))
    axe_check(page)
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/members/me/profile/?welcome=1")
    axe_check(page)
    page.get_by_label("Display name").fill("Nadia Okafor")
    page.get_by_label("Organisation", exact=True).fill("National Board for Technical Education")
    page.get_by_label("Country").select_option(label="Nigeria")
    page.get_by_label("Type of organisation").select_option(label="Training provider")
    page.get_by_label("Recognition and portability of skills").check()
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url("**/members/me/")
    assert Profile.objects.get(user__email=EMAIL).is_complete
    axe_check(page)

    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign Out").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Sign In", exact=True).click()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    axe_check(page)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("Successfully signed in").wait_for()

    page.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # sensitive settings ask for the password again
        axe_check(page)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url("**/accounts/2fa/totp/activate/")
    axe_check(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_now(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")
    assert page.get_by_role("heading", name="Recovery Codes").is_visible()
    axe_check(page)
    from allauth.mfa.models import Authenticator

    assert Authenticator.objects.filter(user__email=EMAIL, type="totp").exists()
