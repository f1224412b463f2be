from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core.params import parse_int

from ..services import profile_get_or_create
from . import services
from .bell import bell_row
from .forms import PreferencesForm
from .mail import unsubscribe, unsubscribe_payload
from .models import Notification
from .selectors import bell_state, notification_text, notifications_for, preferences_of

PAGE_SIZE = 30


@login_required
def index(request):
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    items = [{"notification": n, "text": notification_text(n)} for n in page.object_list]
    unseen = [n.pk for n in page.object_list if n.seen_at is None]
    if unseen:
        services.notifications_mark_seen(user=request.user, ids=unseen)
    return render(request, "members/notifications/index.html", {"page": page, "items": items})


@login_required
@require_GET
def open_notification(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(notification.url)
    return redirect("notifications:index")


@login_required
@require_POST
def mark_read(request):
    raw = request.POST.get("id", "")
    number = parse_int(raw)
    if raw and number is None:
        return JsonResponse({"error": _("The notification number is not valid.")}, status=400)
    changed = services.notifications_mark_read(user=request.user,
                                               ids=[number] if raw else None)
    if request.headers.get("Accept", "").startswith("application/json"):
        unread, version = bell_state(request.user.pk)
        return JsonResponse({"marked": changed, "unread": unread, "version": version})
    if raw:
        messages.success(request, _("Notification marked as read."))
    else:
        messages.success(request, _("All notifications marked as read."))
    return redirect("notifications:index")


@never_cache
@require_GET
def bell(request):
    """The bell's count: the session and one row of the stored counter; 304 if unchanged."""
    row = bell_row(request)
    if row is None:
        return JsonResponse({"error": _("Sign in to see your notifications.")}, status=401)
    user_id, unread, version = row
    etag = f'"bell-{user_id}-{version}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = JsonResponse({"unread": unread, "version": version})
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    profile = profile_get_or_create(user=request.user)
    form = PreferencesForm(request.POST or None, initial={"language": profile.language},
                           initial_frequencies=preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.preferences_set(user=request.user, frequencies=form.frequencies())
        profile.language = form.cleaned_data["language"]
        profile.save(update_fields=["language", "updated_at"])
        messages.success(request, _("Your e-mail preferences have been saved."))
        return redirect("notifications:preferences")
    return render(request, "members/notifications/preferences.html", {"form": form})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    """RFC 8058: mail clients POST `List-Unsubscribe=One-Click` here without a session or a
    CSRF token; the signed token is the authorisation. GET only asks for confirmation, so a
    link scanner following the address changes nothing."""
    if unsubscribe_payload(token) is None:
        return render(request, "members/notifications/unsubscribe.html", {"invalid": True},
                      status=400)
    if request.method == "POST":
        kinds = unsubscribe(token=token)
        return render(request, "members/notifications/unsubscribe.html",
                      {"done": True, "count": len(kinds or [])})
    return render(request, "members/notifications/unsubscribe.html", {"token": token})
