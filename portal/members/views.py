
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.core.fragments import lazy_entries
from portal.core.pagecache import public_page
from portal.core.throttle import allow

from . import services
from .activity import recent_activity
from .directory import directory_profiles
from .forms import AccountDeleteForm, DirectoryFilterForm, ProfileForm
from .messaging.rules import message_url_for
from .models import Profile
from .network.selectors import connections_count, relationship
from .rules import can_view_profile

PAGE_SIZE = 24


@public_page
def directory(request):
    def listing() -> dict:
        form = DirectoryFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        profiles = directory_profiles(
            viewer=request.user, query=filters.get("q", "").strip(),
            country=filters.get("country", ""), region=filters.get("region", ""),
            organisation_type=filters.get("organisation_type", ""),
            theme=filters.get("theme", ""), language=filters.get("language", ""),
            sort=filters.get("sort", ""))
        page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
        return {"form": form, "members_page": page}

    # Filtered and queried only when the kept fragment (per address and audience) is missing.
    return render(request, "members/directory.html",
                  lazy_entries(listing, ("form", "members_page")))


@public_page
def detail(request, pk: int):
    profile = get_object_or_404(Profile.objects.select_related("country", "user"), pk=pk,
                                user__is_active=True)
    if not can_view_profile(request.user, profile):
        raise Http404
    return render(request, "members/profile_detail.html", {
        "profile": profile,
        "relationship": relationship(request.user, profile.user),
        "connections_count": connections_count(profile.user_id),
        "activity": recent_activity(profile=profile, viewer=request.user),
        "message_url": message_url_for(request.user, profile),
        "report_url": reverse("members:report", kwargs={"pk": profile.pk})
        if request.user.is_authenticated and request.user.pk != profile.user_id else "",
    })


@login_required
def dashboard(request):
    profile = services.profile_get_or_create(user=request.user)
    return render(request, "members/dashboard.html", {"profile": profile})


PHOTO_UPLOADS_PER_HOUR = 10


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = services.profile_get_or_create(user=request.user)
    welcome = request.GET.get("welcome") == "1"
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and "photo" in request.FILES and not allow(
            f"photo-upload:{request.user.pk}", limit=PHOTO_UPLOADS_PER_HOUR, period=3600):
        form.is_valid()
        form.add_error("photo", _("You have uploaded many photos in the last hour. Please try "
                                  "again later; your other changes are still in the form."))
        return render(request, "members/profile_edit.html",
                      {"form": form, "profile": profile, "welcome": welcome}, status=429)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
        services.profile_update(
            profile=profile, data=data, themes=form.cleaned_data["themes"],
            languages=form.cleaned_data["languages"],
            photo=form.cleaned_data.get("photo") or None,
            remove_photo=form.cleaned_data.get("photo") is False)
        messages.success(request, _("Your profile has been saved."))
        return redirect("members:dashboard")
    return render(request, "members/profile_edit.html",
                  {"form": form, "profile": profile, "welcome": welcome})


@login_required
def export_data(request):
    payload = services.account_export_json(user=request.user)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-cop-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account has been deleted. Thank you for taking part."))
        return redirect("/")
    return render(request, "members/account_delete.html", {"form": form})


