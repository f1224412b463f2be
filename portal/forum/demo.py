"""Demo content of the forum: its categories, a few topics and replies (see DEMO_TOPICS)."""


def load(log) -> None:
    from .demo_content import load_demo

    load_demo(log)
