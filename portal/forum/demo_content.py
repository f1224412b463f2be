"""The forum's demo: five categories and a few conversations among the demo members,
including the discussion of the demo webinar (its topic is created when the webinar is
published; the forum finds it by its place in the Webinars category)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .enums import PostStatus
from .models import Category, Post, Topic

CATEGORIES = [
    {"slug": "skills-recognition", "name": "Skills recognition",
     "name_fr": "Reconnaissance des compétences", "colour": "#1f4e79", "order": 10,
     "description": "Mutual recognition of qualifications, recognition of prior learning and "
                    "portable certification between countries.",
     "description_fr": "Reconnaissance mutuelle des qualifications, validation des acquis de "
                       "l'expérience et certifications reconnues d'un pays à l'autre."},
    {"slug": "pre-departure-training", "name": "Pre-departure training",
     "name_fr": "Formation avant le départ", "colour": "#6b3a8c", "order": 20,
     "description": "Preparing workers before they leave: skills, language and cultural "
                    "orientation.",
     "description_fr": "Préparer les travailleurs avant leur départ : compétences, langue et "
                       "orientation culturelle."},
    {"slug": "return-and-reintegration", "name": "Return and reintegration",
     "name_fr": "Retour et réintégration", "colour": "#2f6b3a", "order": 30,
     "description": "Helping returning migrants put what they learnt abroad to work at home.",
     "description_fr": "Aider les migrants de retour à faire valoir chez eux ce qu'ils ont "
                       "appris à l'étranger."},
    {"slug": "webinars", "name": "Webinars", "name_fr": "Webinaires", "colour": "#8a3b12",
     "order": 40, "moderators_only": True,
     "description": "The discussion of each webinar, before and after the event.",
     "description_fr": "La discussion de chaque webinaire, avant et après l'événement."},
    {"slug": "announcements", "name": "Announcements", "name_fr": "Annonces",
     "colour": "#5a5a5a", "order": 50, "moderators_only": True,
     "description": "News from the community's organisers.",
     "description_fr": "Les nouvelles des organisateurs de la communauté."},
]

# (category, title, author, body, [(author, body, reply_to_number)], pinned)
TOPICS = [
    ("announcements", "Welcome to the community forum", "moderator",
     "This forum is the place to compare notes on skills partnerships for labour migration "
     "between countries of origin and destination.\n\n"
     "- Start a topic in the category that fits best.\n"
     "- Mention someone with @ and their user name to bring them in.\n"
     "- Flag anything that breaks the community's rules: moderators will look at it.",
     [], True),
    ("skills-recognition", "Harmonising certification between Nigeria, Ghana and Togo",
     "amina.diallo",
     "One of the winning ideas from the Abuja tripartite workshop in September 2019 was to "
     "harmonise certifications and standards so that skills travel between Nigeria, Ghana "
     "and Togo.\n\nWhere would you start: a shared list of priority occupations, or the "
     "assessment standards themselves?",
     [("thabo.nkosi", "I would start with the occupations. Agreeing on three or four where "
       "workers already move gives the assessors something concrete to compare.", 1),
      ("moderator", "> I would start with the occupations.\n\nAgreed. Recognition and "
       "validation of prior learning for those same occupations came up in the workshop as "
       "well, @amina.diallo: it reaches the many workers who learnt on the job.", 2)],
     False),
    ("skills-recognition", "Common standards for Mauritania and Senegal: lessons so far?",
     "thabo.nkosi",
     "Mauritania and Senegal chose a five-year joint plan for common occupational, competency "
     "and assessment standards in priority occupations, with support for enterprises to "
     "upgrade equipment and train tutors. Has anyone followed how the tutors' training is "
     "organised?",
     [("amina.diallo", "Not in detail, but the equipment part matters: a common standard "
       "means little if one side cannot assess to it.", 1)], False),
    ("pre-departure-training", "What belongs in a good pre-departure course?", "amina.diallo",
     "The webinar's concept note lists training and support, including pre-departure, "
     "language and cultural orientation. Which of these made the most difference for the "
     "workers you supported?",
     [("thabo.nkosi", "Language, by far. Workers who could follow safety instructions on day "
       "one settled in much faster.", 1),
      ("amina.diallo", "Thank you, that matches what we hear too.", 2)], False),
    ("return-and-reintegration", "Making returnees' skills count at home", "thabo.nkosi",
     "Return and reintegration is the fourth element of a skills partnership. How do your "
     "countries certify what returning workers learnt abroad, so employers at home value it?",
     [], False),
]

WEBINAR_REPLIES = [
    ("amina.diallo", "Thank you for the session. The Kenyan example showed how much "
     "coordination between ministries a skills partnership needs."),
    ("thabo.nkosi", "The PALM scheme's lessons on financing were the most useful part for me: "
     "who pays for training before departure is the question every partnership meets."),
]


def _users():
    User = get_user_model()
    return {user.username: user for user in User.objects.filter(
        username__in=["amina.diallo", "thabo.nkosi", "moderator"])}


def _publish_pending(moderator, users) -> None:
    """Demo members joined today: their posts would wait for approval; a moderator
    approves them as one would."""
    for post in Post.objects.filter(status=PostStatus.PENDING, author__in=list(users.values())
                                    ).select_related("topic"):
        services.post_approve(moderator=moderator, post=post)


def load_demo(say) -> None:
    for spec in CATEGORIES:
        Category.objects.update_or_create(slug=spec["slug"], defaults={
            key: value for key, value in spec.items() if key != "slug"})
    users = _users()
    moderator = users.get("moderator")
    if not {"amina.diallo", "thabo.nkosi", "moderator"} <= set(users):
        say("forum: demo members missing, categories only")
        return
    start = timezone.now() - timedelta(days=6)
    created = 0
    for index, (slug, title, author, body, replies, pinned) in enumerate(TOPICS):
        category = Category.objects.get(slug=slug)
        if Topic.objects.filter(category=category, title=title).exists():
            continue
        at = start + timedelta(hours=index * 9)
        topic = services.topic_create(author=users[author], category=category, title=title,
                                      body=body, at=at, check_rate=False)
        _publish_pending(moderator, users)
        for number, (replier, text, reply_to) in enumerate(replies, start=1):
            services.post_create(author=users[replier], topic=topic, body=text,
                                 reply_to_number=reply_to, check_rate=False,
                                 at=at + timedelta(hours=number * 2))
            _publish_pending(moderator, users)
        if pinned:
            services.topic_pin(moderator=moderator, topic=topic)
        created += 1
    webinar_topic = (Topic.objects.filter(category__slug="webinars",
                                          subject_key__startswith="webinar:",
                                          title="Skills Partnerships on Labour Migration").first())
    if webinar_topic is not None and webinar_topic.highest_post_number == 1:
        for replier, text in WEBINAR_REPLIES:
            services.post_create(author=users[replier], topic=webinar_topic, body=text,
                                 check_rate=False)
            _publish_pending(moderator, users)
    say(f"forum: {len(CATEGORIES)} categories, {created} new topics"
        f"{', the webinar discussion' if webinar_topic else ''}")
