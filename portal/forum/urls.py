from django.urls import path

from . import moderation_views, views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("latest/", views.latest, name="latest"),
    path("top/", views.top, name="top"),
    path("unread/", views.unread, name="unread"),
    path("mentions/", views.mentions, name="mentions"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/new/", views.topic_new, name="topic_new"),
    path("t/<slug:slug>/<int:pk>/", views.topic, name="topic"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/level/", views.topic_level, name="topic_level"),
    path("p/<int:pk>/", views.post_redirect, name="post"),
    path("p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<int:pk>/history/", views.post_history, name="post_history"),
    path("p/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("p/<int:pk>/restore/", views.post_restore, name="post_restore"),
    path("p/<int:pk>/flag/", views.post_flag, name="post_flag"),
    path("p/<int:pk>/react/", views.post_react, name="post_react"),
    path("p/<int:pk>/accept/", views.post_accept, name="post_accept"),
    path("t/<int:pk>/unaccept/", views.topic_unaccept, name="topic_unaccept"),
    path("moderation/", moderation_views.queue, name="queue"),
    path("moderation/log/", moderation_views.log, name="log"),
    path("moderation/p/<int:pk>/<slug:action>/", moderation_views.post_action, name="post_action"),
    path("moderation/t/<int:pk>/move/", moderation_views.topic_move, name="topic_move"),
    path("moderation/t/<int:pk>/split/", moderation_views.topic_split, name="topic_split"),
    path("moderation/t/<int:pk>/merge/", moderation_views.topic_merge, name="topic_merge"),
    path("moderation/u/<int:pk>/silence/", moderation_views.member_silence,
         name="member_silence"),
    path("moderation/t/<int:pk>/<slug:action>/", moderation_views.topic_action,
         name="topic_action"),
]
