def load(say) -> None:
    say("webinars: nothing yet")
