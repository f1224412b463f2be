"""Steps that several browser tests take."""

from tests.factories.members import PASSWORD


def log_in(page, user, axe_check=None):
    """Sign `user` in through the login form in this page's context (any earlier session
    dropped); `axe_check`, when given, runs on the login page."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    if axe_check is not None:
        axe_check(page)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/members/me/")
