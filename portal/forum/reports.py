"""What a decision in the shared reports queue does to a flagged forum post: any decision
that upholds the report hides the post (with the moderator's note, shown to its author);
dismissing it shows again a post that members' flags had hidden."""

from .enums import HiddenReason
from .models import Post
from .services import post_hide, post_unhide

UPHOLDING = ("hide", "warn", "silence", "suspend", "ban")


def on_report_decision(*, report, decision: str, moderator, note: str) -> None:
    post = (Post.objects.select_related("topic").filter(pk=report.target_id).first()
            if str(report.target_id).isdigit() else None)
    if post is None:
        return
    if decision == "dismiss":
        if post.hidden_reason == HiddenReason.FLAGS:
            post_unhide(moderator=moderator, post=post, note=note)
    elif decision in UPHOLDING and post.hidden_reason != HiddenReason.MODERATOR:
        post_hide(moderator=moderator, post=post, note=note)
