"""The task worker's pauses after database errors grow while errors follow each other and
start again from the shortest after a good spell, so a later outage is not waited out at
the longest pause from its first error."""

from portal.core.management.commands.task_worker import PAUSES, RECOVERED_AFTER_SECONDS, Backoff


def test_pauses_grow_while_errors_follow_each_other_then_stay_at_the_longest():
    backoff = Backoff()
    now = 1000.0
    pauses = []
    for _ in range(len(PAUSES) + 2):
        pause = backoff.next_pause(now)
        pauses.append(pause)
        now += pause + 0.1  # the next error comes right after the pause

    assert pauses == [*PAUSES, PAUSES[-1], PAUSES[-1]]


def test_a_new_outage_after_a_good_spell_starts_with_the_shortest_pause():
    backoff = Backoff()
    now = 1000.0
    for _ in range(len(PAUSES)):
        now += backoff.next_pause(now)
    assert backoff.next_pause(now) == PAUSES[-1]

    later = now + RECOVERED_AFTER_SECONDS + 1

    assert backoff.next_pause(later) == PAUSES[0]
    assert backoff.next_pause(later + PAUSES[0]) == PAUSES[1]
