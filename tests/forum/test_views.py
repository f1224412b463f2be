"""The forum's pages for each role: visitor, new member, member, author, moderator,
suspended member; bad input answers with a form error, never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.forum import services
from portal.forum.models import Post, Topic, TopicUser
from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_visitor_reads_public_categories_and_topics(client):
    topic = f.topic(title="Recognising prior learning", replies=2)
    assert "Recognising prior learning" in client.get(reverse("forum:latest")).text
    assert client.get(reverse("forum:index")).status_code == 200
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "Sign in to reply" in response.text


def test_visitor_cannot_see_group_only_category(client):
    from django.contrib.auth.models import Group

    cat = f.category(read_group=Group.objects.create(name="Insiders"), name="Secret room")
    topic = f.topic(cat=cat, author=f.moderator())
    assert client.get(cat.get_absolute_url()).status_code == 404
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert "Secret room" not in client.get(reverse("forum:index")).text


def test_visitor_is_sent_to_login_to_post(client):
    cat = f.category()
    response = client.get(reverse("forum:topic_new", args=[cat.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_member_starts_a_topic_and_replies(client):
    member = f.established()
    cat = f.category()
    login(client, member)
    response = client.post(reverse("forum:topic_new", args=[cat.slug]),
                           {"title": "Pre-departure courses", "body": "Which **work** best?"})
    topic = Topic.objects.get(title="Pre-departure courses")
    assert response.status_code == 302
    page = client.get(topic.get_absolute_url())
    assert "<strong>work</strong>" in page.text
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Language classes"})
    assert topic.posts.count() == 2


def test_markdown_is_sanitised(client):
    topic = f.topic(body='<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=y>')
    text = client.get(topic.get_absolute_url()).text
    assert "<script>alert(1)" not in text
    assert 'href="javascript' not in text
    assert "<img src=x" not in text and "<img src=\"x\"" not in text


def test_empty_title_rerenders_the_form_with_an_error(client):
    cat = f.category()
    login(client, f.established())
    response = client.post(reverse("forum:topic_new", args=[cat.slug]), {"title": "", "body": "x"})
    assert response.status_code == 400
    assert "errorlist" in response.text


def test_rate_limit_keeps_the_typed_text(client, settings):
    settings.FORUM_NEW_MEMBER_RATE = (1, 600)
    topic = f.topic()
    login(client, f.newcomer())
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "First words"})
    response = client.post(reverse("forum:reply", args=[topic.pk]),
                           {"body": "My carefully typed second reply"})
    assert response.status_code == 400
    assert "too fast" in response.text
    assert "My carefully typed second reply" in response.text


def test_new_member_sees_own_pending_post_others_do_not(client):
    topic = f.topic()
    newcomer = f.newcomer()
    login(client, newcomer)
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Hello, I am new here"})
    assert "awaiting approval" in client.get(topic.get_absolute_url()).text
    client.logout()
    assert "Hello, I am new here" not in client.get(topic.get_absolute_url()).text


def test_author_edits_own_post_and_others_cannot(client):
    author = f.established()
    topic = f.topic(author=author)
    post = topic.posts.get()
    login(client, f.established())
    assert client.get(reverse("forum:post_edit", args=[post.pk])).status_code == 404
    client.logout()
    login(client, author)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    client.post(reverse("forum:post_edit", args=[post.pk]), {"body": "Better words"})
    post.refresh_from_db()
    assert post.body == "Better words" and post.edit_count == 1
    history = client.get(reverse("forum:post_history", args=[post.pk])).text
    assert "How do you recognise prior learning?" in history


def test_moderator_hides_and_locks(client):
    mod = f.moderator()
    topic = f.topic(replies=1)
    post = topic.posts.get(number=2)
    login(client, mod)
    client.post(reverse("forum:post_action", args=[post.pk, "hide"]))
    client.post(reverse("forum:topic_action", args=[topic.pk, "lock"]))
    post.refresh_from_db()
    topic.refresh_from_db()
    assert post.hidden_reason == "moderator" and topic.is_locked
    client.logout()
    text = client.get(topic.get_absolute_url()).text
    assert "hidden by a moderator" in text and "Reply 1" not in text


def test_member_cannot_use_moderation_urls(client):
    topic = f.topic()
    login(client, f.established())
    assert client.post(reverse("forum:topic_action", args=[topic.pk, "lock"])).status_code == 404
    assert client.get(reverse("forum:queue")).status_code == 404


def test_suspended_member_reads_but_cannot_post(client):
    topic = f.topic()
    member = f.established()
    member.profile.suspended_until = timezone.now() + timedelta(days=2)
    member.profile.save()
    login(client, member)
    page = client.get(topic.get_absolute_url())
    assert page.status_code == 200 and "Post the reply" not in page.text
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Let me in"})
    assert topic.posts.count() == 1


def test_posts_by_blocked_members_collapse(client):
    from portal.members.network.services import block_create

    member, pest = f.established(), f.established()
    topic = f.topic(replies=1, repliers=[pest])
    block_create(blocker=member, blocked=pest)
    login(client, member)
    page = client.get(topic.get_absolute_url()).text

    # The same words as a blocked member's messages; the post is there only behind a
    # disclosure the blocker chooses to open.
    assert page.count("Hidden: you blocked this member.") == 1
    collapsed = page.split('<details class="forum-post__collapsed">')[1].split("</details>")[0]
    assert "Show the post" in collapsed and "Reply 1" in collapsed
    assert page.count("Reply 1") == 1


def test_posts_by_blocked_members_collapse_in_french(client):
    from portal.members.network.services import block_create

    member, pest = f.established(), f.established()
    topic = f.topic(replies=1, repliers=[pest])
    block_create(blocker=member, blocked=pest)
    login(client, member)
    page = client.get("/fr" + topic.get_absolute_url()).text

    assert "Masqué : vous avez bloqué ce membre." in page


def test_flag_form_files_a_report(client):
    topic = f.topic(replies=1, repliers=[f.established()])
    post = topic.posts.get(number=2)
    login(client, f.established())
    bad = client.post(reverse("forum:post_flag", args=[post.pk]), {"reason": "nonsense"})
    assert bad.status_code == 400
    client.post(reverse("forum:post_flag", args=[post.pk]), {"reason": "spam"})
    post.refresh_from_db()
    assert post.flag_count == 1


def test_topic_page_is_paged_by_twenty_and_reading_moves_forward(client):
    reader = f.established()
    topic = f.topic(replies=24)
    login(client, reader)
    first = client.get(topic.get_absolute_url())
    assert "Reply 19" in first.text and "Reply 20" not in first.text
    assert TopicUser.objects.get(user=reader, topic=topic).last_read_number == 20
    client.get(topic.get_absolute_url() + "?page=2")
    client.get(topic.get_absolute_url())
    assert TopicUser.objects.get(user=reader, topic=topic).last_read_number == 25


def test_unread_page_needs_login_and_lists_new_topics(client):
    assert client.get(reverse("forum:unread")).status_code == 302
    f.topic(title="Brand new question")
    login(client, f.established())
    assert "Brand new question" in client.get(reverse("forum:unread")).text


def test_post_link_lands_on_its_page(client):
    topic = f.topic(replies=25)
    post = topic.posts.get(number=23)
    response = client.get(reverse("forum:post", args=[post.pk]))
    assert response.url.endswith("?page=2#post-23")


def test_wrong_slug_redirects_to_the_canonical_address(client):
    topic = f.topic()
    response = client.get(reverse("forum:topic", kwargs={"slug": "wrong", "pk": topic.pk}))
    assert response.status_code == 301 and response.url == topic.get_absolute_url()


def test_reply_with_quote_prefills_the_form(client):
    topic = f.topic(body="Skills passports help")
    login(client, f.established())
    text = client.get(reverse("forum:reply", args=[topic.pk]) + "?quote=1").text
    assert "&gt; Skills passports help" in text
    assert f"@{topic.author.username}" in text


def test_french_interface(client):
    f.topic()
    client.cookies["django_language"] = "fr"
    text = client.get("/fr/forum/latest/").text
    assert "Dernières discussions" in text


@pytest.mark.parametrize("rows", [1, 30])
def test_latest_query_count_is_constant(client, django_assert_max_num_queries, rows):
    member = f.established()
    cat = f.category()
    authors = [f.established() for _ in range(3)]
    for index in range(rows):
        f.topic(author=authors[index % 3], cat=cat, title=f"Topic {index}")
    login(client, member)
    client.get(reverse("forum:latest"))  # warm the per-process caches (menu, locales)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("forum:latest"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_topic_page_query_count_is_constant(client, django_assert_max_num_queries, rows):
    repliers = [f.established() for _ in range(3)]
    topic = f.topic(replies=rows, repliers=repliers)
    for post in topic.posts.all()[:5]:
        if post.author_id != repliers[0].pk:
            services.reaction_toggle(user=repliers[0], post=post, kind="like")
    login(client, f.established())
    client.get(topic.get_absolute_url())  # warm the per-process caches (menu, locales)
    with django_assert_max_num_queries(25):
        response = client.get(topic.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_category_query_count_is_constant_for_visitors(client, django_assert_max_num_queries, rows):
    cat = f.category()
    for index in range(rows):
        f.topic(cat=cat, title=f"Topic {index}")
    client.get(cat.get_absolute_url())  # warm the per-process caches (menu, locales)
    with django_assert_max_num_queries(6):
        assert client.get(cat.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("quote", ["²", "٣", "9" * 30, "-1", ""])
def test_reply_with_a_quote_that_is_not_a_post_number_opens_an_empty_form(client, quote):
    topic = f.topic(body="Skills passports help")
    login(client, f.established())
    response = client.get(reverse("forum:reply", args=[topic.pk]), {"quote": quote})
    assert response.status_code == 200
    assert "&gt; Skills passports help" not in response.text
