"""Numbers read from query strings and forms. `str.isdigit()` accepts "²" and "٣", which
`int()` then refuses or turns into a number the database cannot hold; these helpers accept
ASCII digits only, within bounds, and answer None for anything else."""

import re

_DIGITS = re.compile(r"[0-9]{1,19}")
LARGEST_ID = 2**63 - 1  # what a 64-bit signed database integer holds
YEARS = (1900, 2999)


def parse_int(value, *, low: int = 0, high: int = LARGEST_ID) -> int | None:
    """The whole number written in ASCII digits in `value`, if it lies in [low, high]."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def parse_year(value) -> int | None:
    """A four-digit year a publication or practice can have, else None."""
    value = value.strip() if isinstance(value, str) else value
    if not isinstance(value, str) or len(value) != 4:
        return None
    return parse_int(value, low=YEARS[0], high=YEARS[1])


def local_path(request, value) -> str | None:
    """`value` if it is a path on this site ("/forum/"), fit to redirect to; None for another
    site, a bare word ("home" would be taken for a URL name by `redirect`) or no value."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return None
    return value
