from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import OperationalError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core.fragments import lazy_entries
from portal.core.i18n import one_per_translation, original_of
from portal.core.pagecache import public_page
from portal.core.params import local_path
from portal.core.throttle import allow, client_ip
from portal.members.rules import is_member

from . import feeds, selectors, services
from . import questions as registration_questions
from .discussion import discussion_for
from .forms import MemberRegistrationForm, RegistrationForm, WebinarFilterForm
from .i18n import materials_in_language, questions_in_language, webinar_in_language
from .ical import feed_ics, google_calendar_url, outlook_calendar_url, webinar_ics
from .models import CalendarFeedToken, WebinarSeries
from .notifications import event_times, has_account
from .rules import can_view_webinar

PAST_PAGE_SIZE = 12
UPCOMING_LIMIT = 24
# An office behind one address registers together; a script sending many gets stopped.
REGISTER_LIMIT_PER_NETWORK = (100, 600)  # attempts per client address per 10 minutes
REGISTER_LIMIT_PER_EMAIL = (5, 600)  # attempts per e-mail address per 10 minutes
RESEND_PERIOD = 600
# "same-origin": the tokenised address never leaves the site, and form posts keep their
# Origin header (with "no-referrer" browsers send "Origin: null" and CSRF checks fail).
PRIVATE_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "same-origin"}


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


@public_page
def index(request):
    form = WebinarFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}

    def listing() -> dict:
        upcoming, past = selectors.webinar_listing(
            user=request.user, series=filters.get("series", ""),
            theme=filters.get("theme", ""), language=filters.get("language", ""))
        upcoming = list(upcoming[:UPCOMING_LIMIT + 1])
        return {"upcoming": upcoming[:UPCOMING_LIMIT],
                "upcoming_more": len(upcoming) > UPCOMING_LIMIT,
                "past_page": Paginator(past, PAST_PAGE_SIZE).get_page(request.GET.get("page")),
                "facets": selectors.listing_facets(user=request.user)}

    # Queried only when the page's kept fragment (per address and audience) is missing.
    context = lazy_entries(listing, ("upcoming", "upcoming_more", "past_page", "facets"))
    context.update({"filters": filters, "filtered": any(filters.values())})
    return render(request, "webinars/webinar_index.html", context)


@public_page
def series_detail(request, slug):
    series = one_per_translation(WebinarSeries.objects.filter(slug=slug)).first()
    if series is None:
        raise Http404

    def listing() -> dict:
        prefetch_related_objects([series], "partners__logo", "themes")
        upcoming, past = selectors.webinar_listing(user=request.user, series=slug)
        return {"series": series, "upcoming": list(upcoming[:UPCOMING_LIMIT]),
                "past_page": Paginator(past, PAST_PAGE_SIZE).get_page(request.GET.get("page"))}

    # `series` with its partners and themes, and the lists, only for the kept fragment;
    # `series_summary` (the same row, nothing prefetched) for the title and the head.
    context = lazy_entries(listing, ("series", "upcoming", "past_page"))
    context.update({"series_summary": series, "translatable_object": series})
    return render(request, "webinars/series_detail.html", context)


def _visible_webinar(request, slug, queryset=None):
    queryset = queryset if queryset is not None else selectors.webinar_summary_queryset()
    # The version in the visitor's language when there is one, else the original.
    webinar = one_per_translation(queryset.filter(live=True, slug=slug)).first()
    return _checked(request, webinar)


def _checked(request, webinar):
    if webinar is None:
        raise Http404
    if not can_view_webinar(request.user, webinar):
        return webinar, redirect_to_login(request.get_full_path())
    return webinar, None


def _detail_response(request, webinar, *, form=None, error=None, status=200):
    context = selectors.webinar_page_context(webinar=webinar, request=request)
    if form is None:
        questions = selectors.registration_questions(webinar)
        form = (MemberRegistrationForm(questions=questions) if is_member(request.user)
                else RegistrationForm(initial={"email": request.GET.get("email", "")},
                                      questions=questions))
    details = f"{webinar.summary}\n\n{request.build_absolute_uri(webinar.get_absolute_url())}"
    # Asked for only by the page's kept fragments when they are rendered.
    context.update({"form": form, "registration_error": error,
                    "discussion": SimpleLazyObject(lambda: discussion_for(webinar)),
                    "is_member": is_member(request.user),
                    "google_url": lazy(google_calendar_url, str)(webinar, details=details),
                    "outlook_url": lazy(outlook_calendar_url, str)(webinar, details=details),
                    "office365_url": lazy(outlook_calendar_url, str)(
                        webinar, details=details, office365=True)})
    return render(request, "webinars/webinar_detail.html", context, status=status)


@public_page
def detail(request, slug):
    webinar, denied = _checked(request, selectors.webinar_shown_at(slug))
    if denied:
        return denied
    return _detail_response(request, webinar)


@require_POST
def register(request, slug):
    arrived = timezone.now()  # places go in the order requests arrive
    webinar, denied = _visible_webinar(request, slug)
    if denied:
        return denied
    member = is_member(request.user)
    questions = questions_in_language(webinar, get_language() or "en")
    form = (MemberRegistrationForm(request.POST, questions=questions) if member
            else RegistrationForm(request.POST, questions=questions))
    if form.is_bot:
        return _detail_response(request, webinar, form=form, status=400, error=_(
            "Your registration could not be accepted. If you are a person, leave the last "
            "field empty and try again."))
    limit, period = REGISTER_LIMIT_PER_NETWORK
    if not allow(f"webinar-register:{client_ip(request)}", limit=limit, period=period):
        return _detail_response(request, webinar, form=form, status=429, error=_(
            "Too many registrations came from your network in a short time. Please try again "
            "in a few minutes."))
    if not form.is_valid():
        return _detail_response(request, webinar, form=form, status=400)
    limit, period = REGISTER_LIMIT_PER_EMAIL
    email_key = (request.user.email if member else form.cleaned_data["email"]).strip().lower()
    if not allow(f"webinar-register-email:{email_key}", limit=limit, period=period):
        return _detail_response(request, webinar, form=form, status=429, error=_(
            "Too many registrations were tried with this e-mail address in a short time. "
            "Please try again in a few minutes."))
    if member:
        profile = request.user.profile
        details = {
            "name": profile.name, "email": request.user.email,
            "organisation": profile.organisation,
            "organisation_type": profile.organisation_type, "country": profile.country,
            "job_title": profile.job_title, "consent_privacy": True,
        }
    else:
        details = {name: form.cleaned_data[name] for name in RegistrationForm.Meta.fields}
        details["consent_updates"] = form.cleaned_data.get("consent_updates", False)
    details["consent_updates"] = form.cleaned_data.get("consent_updates", False)
    try:
        result = services.registration_create(
            webinar=original_of(webinar), user=request.user, language=get_language() or "en",
            at=arrived,
            timezone_name=getattr(request, "viewer_timezone", ""), **details)
    except services.RegistrationError as error:
        return _detail_response(request, webinar, form=form, error=error.message, status=409)
    except OperationalError:
        return _detail_response(request, webinar, form=form, status=503, error=_(
            "So many people are registering right now that we could not record yours. "
            "Your details are still in the form: please send it again."))
    registration = result.registration
    if result.created and questions:
        registration_questions.registration_answers_save(
            registration=registration, answers=form.question_answers())
    if result.created or (member and registration.user_id == request.user.pk):
        if not result.created:
            messages.info(request, _("You were already registered for this webinar."))
        return redirect(registration.get_absolute_url())
    if allow(f"webinar-resend:{registration.pk}", limit=1, period=RESEND_PERIOD):
        services.registration_resend(registration=registration)
    return render(request, "webinars/already_registered.html",
                  {"webinar": webinar, "email": registration.email})


@public_page
def programme(request, slug):
    webinar, denied = _visible_webinar(request, slug, queryset=selectors.webinar_detail_queryset())
    if denied:
        return denied
    context = selectors.webinar_detail_context(webinar=webinar, request=request)
    context["webinar_url"] = request.build_absolute_uri(webinar.get_absolute_url())
    return render(request, "webinars/programme.html", context)


def _calendar_response(content: str, filename: str, *, request=None, etag: str = "",
                       attachment: bool = True):
    if request is not None and etag and request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if etag:
        response["ETag"] = etag
    return response


@public_page
@require_GET
def webinar_calendar(request, slug):
    webinar, denied = _visible_webinar(request, slug, queryset=selectors.webinar_detail_queryset())
    if denied:
        raise Http404
    return _calendar_response(webinar_ics(webinar), f"{webinar.slug}.ics")


def _feed(request, scope: str, filename: str):
    """A public feed as the task worker last built it (calendar apps poll these addresses),
    or 304 Not Modified to a client that holds it already. Never built here: when it is
    missing the worker is asked for it and the client to come back."""
    built = feeds.feed_read(scope, get_language())
    if built is None:
        feeds.feeds_rebuild_requested()
        built = feeds.feed_read(scope, get_language())  # the immediate backend built it
    if built is None and feeds.feed_read("all", get_language()) is not None:
        raise Http404  # the feeds are built and this one is not among them
    if built is None:
        response = HttpResponse(_("This calendar is being prepared; try again in a minute."),
                                status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "60"
        return response
    etag, content = built
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    response = _calendar_response(content, filename, etag=etag, attachment=False)
    patch_cache_control(response, public=True, max_age=900)
    return response


@public_page
@require_GET
def all_feed(request):
    return _feed(request, "all", "webinars.ics")


@public_page
@require_GET
def year_feed(request, year: int):
    return _feed(request, f"year-{year}", f"webinars-{year}.ics")


@public_page
@require_GET
def series_feed(request, slug):
    series = one_per_translation(WebinarSeries.objects.filter(slug=slug)).first()
    if series is None:
        raise Http404
    return _feed(request, feeds.series_scope(series), f"{series.slug}.ics")


@require_GET
def personal_feed(request, token):
    feed_token = get_object_or_404(CalendarFeedToken.objects.select_related("user"),
                                   token=token, user__is_active=True)
    seen, registrations = set(), []
    for registration in selectors.personal_feed_registrations(feed_token.user):
        if registration.webinar_id not in seen:
            seen.add(registration.webinar_id)
            registrations.append(registration)
    response = _calendar_response(
        feed_ics([], name=_("My webinars"), registrations=registrations), "my-webinars.ics",
        attachment=False)
    return _private(response)


@never_cache
def manage(request, token):
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404
    # The texts in the visitor's language; the record (times, UID) stays the original's.
    webinar = webinar_in_language(registration.webinar, get_language() or "en")
    state = selectors.registration_view_state(registration)
    join_url = request.build_absolute_uri(registration.join_path)
    ics_path = reverse("webinars:registration_ics", kwargs={"token": token})
    details = f"{webinar.summary}\n\n{join_url}\n{request.build_absolute_uri()}"
    account = registration.user_id is not None or has_account(registration.email)
    context = {
        "registration": registration,
        "webinar": webinar,
        "times": event_times(webinar, getattr(request, "viewer_timezone", "")),
        "position": services.waitlist_position(registration),
        "join_url": join_url,
        "ics_url": ics_path,
        "webcal_url": "webcal://" + request.build_absolute_uri(ics_path).split("://", 1)[1],
        "google_url": google_calendar_url(webinar, details=details, location=join_url),
        "outlook_url": outlook_calendar_url(webinar, details=details, location=join_url),
        "office365_url": outlook_calendar_url(webinar, details=details, location=join_url,
                                              office365=True),
        "has_account": account,
        "signup_url": reverse("account_signup") + "?" + urlencode({"email": registration.email}),
        "materials": materials_in_language(registration.webinar, get_language() or "en"),
        "discussion": discussion_for(webinar),
        **state,
    }
    return _private(render(request, "webinars/registration_manage.html", context))


@require_POST
def cancel(request, token):
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404
    if services.registration_cancel(registration=registration):
        messages.success(request, _("Your registration is cancelled. We have sent you a "
                                    "confirmation."))
    else:
        messages.info(request, _("This registration was already cancelled."))
    return redirect(registration.get_absolute_url())


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def stop_mail(request, token):
    """Reminders, follow-up and organisers' messages off (or on again with ``resume``).

    RFC 8058: mail clients POST here without a session or a CSRF token; the registration's
    secret token is the authorisation. GET only asks, so link scanners change nothing."""
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404
    if request.method == "GET":
        return render(request, "webinars/stop_mail.html", {
            "registration": registration,
            "webinar": webinar_in_language(registration.webinar, get_language())})
    resume = request.POST.get("resume") == "1"
    services.registration_optional_mail_set(registration=registration, stopped=not resume)
    if resume:
        messages.success(request, _("Reminders, the follow-up and organisers' messages for "
                                    "this webinar will reach you again."))
    else:
        messages.success(request, _("You will get no more reminders, follow-up or organisers' "
                                    "messages for this webinar. News about your place still "
                                    "reaches you."))
    return redirect(registration.get_absolute_url())


@require_GET
def registration_calendar(request, token):
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404
    content = webinar_ics(registration.webinar, registration=registration,
                          cancelled=not registration.is_active)
    return _private(_calendar_response(content, f"{registration.webinar.slug}.ics"))


@require_http_methods(["GET", "HEAD", "POST"])
def join(request, token):
    """The join link from e-mails. Opening it shows a button; only the button's POST counts
    as attendance, since many organisations' mail scanners open every link they see."""
    registration = selectors.registration_by_token(token)
    if registration is None:
        raise Http404
    webinar = registration.webinar
    state = selectors.registration_view_state(registration)
    if state["join_open"]:
        if request.method == "POST":
            services.registration_record_join(registration=registration)
            return _private(redirect(webinar.join_url))
        return _private(render(request, "webinars/join.html", {
            "registration": registration, "webinar": webinar}))
    status = 200 if registration.is_confirmed else 403
    return _private(render(request, "webinars/join_unavailable.html", {
        "registration": registration, "webinar": webinar, **state,
        "times": event_times(webinar, getattr(request, "viewer_timezone", "")),
    }, status=status))


@login_required
@require_POST
def feed_token_reset(request):
    services.feed_token_reset(user=request.user)
    messages.success(request, _("Your calendar address has been changed. Subscribe again "
                                "with the new address; the old one no longer works."))
    return redirect(local_path(request, request.POST.get("next", ""))
                    or reverse("members:dashboard"))



