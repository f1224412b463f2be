"""Background work for calls: the stored ranking is rebuilt here, never in a request."""

from django_tasks import task


@task()
def rebuild_call_ranking(call_id: int) -> None:
    from .models import CallPage
    from .services import call_ranking_rebuild

    call = CallPage.objects.filter(pk=call_id).first()
    if call is not None:
        call_ranking_rebuild(call=call)


@task()
def recompute_call_scores(call_id: int) -> None:
    """After an editor published the call: criteria weights and scales, the aggregation or
    the expert weight may have changed."""
    from .models import CallPage
    from .services import call_scores_recompute

    call = CallPage.objects.filter(pk=call_id).first()
    if call is not None:
        call_scores_recompute(call=call)


def call_published(sender, instance, **kwargs) -> None:
    """Connected to page_published for calls."""
    recompute_call_scores.enqueue(call_id=instance.pk)
