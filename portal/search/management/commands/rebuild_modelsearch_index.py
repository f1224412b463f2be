"""modelsearch's own rebuild command, under its own name.

``wagtail.search`` replaces the ``modelsearch`` app and ships this command only as
``update_index`` / ``wagtail_update_index``; modelsearch's backend test-suite (run
against our Whoosh backend) calls it by its original name.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import Command

__all__ = ["Command"]
