"""Search backends for the portal (Whoosh, used through modelsearch / wagtail.search)."""
