"""A small fixed-window rate limit on the shared cache (no external service)."""

from django.core.cache import cache


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(key: str, *, limit: int, period: int) -> bool:
    """Count one hit on `key`; False once more than `limit` hits fall in `period` seconds."""
    cache_key = f"throttle:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return True
    return hits <= limit
