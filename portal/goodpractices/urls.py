from django.urls import path

from portal.core.pagecache import public_page

from . import exports, views
from .feeds import PracticesAtomFeed, PracticesFeed

app_name = "goodpractices"

urlpatterns = [
    path("feed/rss/", public_page(PracticesFeed()), name="feed"),
    path("feed/atom/", public_page(PracticesAtomFeed()), name="feed_atom"),
    path("my-submissions/", views.my_submissions, name="my_submissions"),
    path("review/", views.review_list, name="review_list"),
    path("review/<int:pk>/", views.review_edit, name="review"),
    path("calls/<slug:slug>/submit/", views.submission_create, name="submit"),
    path("calls/<slug:slug>/ranking/", views.ranking, name="ranking"),
    path("calls/<slug:slug>/export.<str:fmt>", exports.call_export, name="export"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download,
         name="attachment"),
    path("submissions/<int:pk>/report/", views.submission_report, name="report"),
    path("submissions/<int:pk>/edit/", views.submission_edit, name="edit"),
    path("submissions/<int:pk>/send/", views.submission_submit, name="send"),
    path("submissions/<int:pk>/withdraw/", views.submission_withdraw, name="withdraw"),
    path("submissions/<int:pk>/confirm/", views.coauthor_confirm, name="confirm"),
    path("submissions/<int:pk>/decide/", views.submission_decide, name="decide"),
    path("submissions/<int:pk>/ask/", views.clarification_ask, name="ask"),
    path("submissions/<int:pk>/answer/", views.clarification_answer, name="answer"),
    path("submissions/<int:pk>/vote/", views.vote, name="vote"),
    path("practices/<int:pk>/progress/", views.progress_post, name="progress"),
]
