"""Fixed-window rate limits counted in the shared "throttle" cache (no external service).

The client's address comes from the connection, or behind our own proxies from
X-Forwarded-For, read from the right past `TRUSTED_PROXY_COUNT` hops: what a client
writes further left is its own claim and is never believed.
"""

from django.conf import settings
from django.core.cache import caches


def client_ip(request) -> str:
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "")
                     .split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops][:64]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(key: str, *, limit: int, period: int) -> bool:
    """Count one hit on `key`; False once more than `limit` hits fall in `period` seconds."""
    cache = caches["throttle"]
    cache_key = f"throttle:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return True
    return hits <= limit
