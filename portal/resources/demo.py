def load(say) -> None:
    say("resources: nothing yet")
