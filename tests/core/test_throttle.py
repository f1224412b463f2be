from django.test import RequestFactory

from portal.core.throttle import allow, client_ip


def _request(remote="10.0.0.9", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="1.2.3.4")) == "10.0.0.9"


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_claims(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = _request(forwarded="6.6.6.6, 41.203.1.7")  # client claims 6.6.6.6
    assert client_ip(request) == "41.203.1.7"


def test_behind_two_proxies_the_second_hop_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(forwarded="41.203.1.7, 10.1.1.1")) == "41.203.1.7"


def test_a_missing_header_behind_proxies_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request()) == "10.0.0.9"


def test_allow_counts_in_the_shared_throttle_cache():
    assert all(allow("test-key", limit=3, period=60) for _ in range(3))
    assert allow("test-key", limit=3, period=60) is False
    assert allow("other-key", limit=3, period=60) is True
