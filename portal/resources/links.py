"""Back-links into the library from apps that resources must not import.

An app that uses resources (webinars list their materials) registers a provider in its
AppConfig.ready(); a resource page asks every provider which of its pages point here:

    register_backlink_provider("webinars", provider)
    provider(page, request) -> list[tuple[str, str]]   # (title, url), only what request may see

The resource page shows them under "Part of these webinars" through the
`resources/_related_webinars.html` include.
"""

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

BacklinkProvider = Callable[..., list[tuple[str, str]]]
_providers: dict[str, BacklinkProvider] = {}


def register_backlink_provider(key_or_provider, provider: BacklinkProvider | None = None) -> None:
    """Register a provider under a key (registering the same key again replaces it)."""
    if provider is None:
        provider = key_or_provider
        key = f"{provider.__module__}.{provider.__qualname__}"
    else:
        key = str(key_or_provider)
    _providers[key] = provider


def unregister_backlink_provider(key: str) -> None:
    _providers.pop(key, None)


def backlinks_for(page, request) -> list[dict]:
    """Every (title, url) the providers give for this page, de-duplicated, in order."""
    links, seen = [], set()
    for provider in list(_providers.values()):
        for title, url in provider(page, request) or []:
            if url not in seen:
                seen.add(url)
                links.append({"title": title, "url": url})
    return links
