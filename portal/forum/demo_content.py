def load_demo(log) -> None:
    pass
