"""The profile with its API tokens and the download of one's data, a manager's team, a person's page, and an
invitation's link."""

from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import APIToken

from core.private_files import private_file_response

from .access import Role, get_person_for_user, require_role
from .api_tokens import (
    NAME_MAX_LENGTH,
    get_token_for_user,
    signed_in_recently,
    token_create,
    token_revoke,
    tokens_of,
)
from .forms import ProfileForm
from .models import OrgUnit, PersonalDataExport, ProfessionalGroup, User
from .selectors import people_list
from .services.data_exports import data_export_request, is_available, state_of
from .signup import invitation_from_token, invitation_open

# The download's page reloads itself (the Refresh header, no script) this often while it is being built.
EXPORT_REFRESH_SECONDS = 3


class ApiTokenForm(forms.Form):
    # Lives here rather than in forms.py only because this change may not touch forms.py; move it there.
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=gettext_lazy("What the token is for, e.g. “Calendar sync”."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix="token", **kwargs)


def _render_profile(
    request: HttpRequest,
    *,
    person: User | None = None,
    form: ProfileForm | None = None,
    token_form: ApiTokenForm | None = None,
    new_token: str = "",
    token_to_revoke: APIToken | None = None,
) -> HttpResponse:
    person = person or get_person_for_user(request.user, request.user.pk)
    context = {
        "person": person,
        "form": form or ProfileForm(instance=person),
        "roles": request.access.roles,
        "api_tokens": tokens_of(request.user),
        "token_form": token_form or ApiTokenForm(),
        "new_token": new_token,
        "token_to_revoke": token_to_revoke,
        "api_docs_url": reverse("api-v1:openapi-view"),
        "data_export": PersonalDataExport.objects.filter(person=request.user).first(),
    }
    response = render(request, "people/profile.html", context)
    if new_token:
        add_never_cache_headers(response)  # the plain token must not stay in any cache
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    person = get_person_for_user(request.user, request.user.pk)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("people:profile")
    return _render_profile(request, person=person, form=form)


@login_required
@require_POST
@reauthentication_required(enabled=lambda request: not signed_in_recently(request))
def api_token_create(request: HttpRequest) -> HttpResponse:
    """Create a personal API token and show it, once, in this response (it is not stored in plain text).

    Only after a recent sign-in: otherwise allauth asks for the password (or the authenticator code)
    again and then resumes this request."""
    token_form = ApiTokenForm(request.POST)
    if token_form.is_valid():
        try:
            token, plain = token_create(user=request.user, name=token_form.cleaned_data["name"])
        except ValidationError as error:
            token_form.add_error("name", error)
        else:
            messages.success(request, _("The API token “%(name)s” has been created.") % {"name": token.name})
            return _render_profile(request, new_token=plain)
    return _render_profile(request, token_form=token_form)


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """First POST asks for confirmation; the POST with ``confirm=yes`` revokes. Others' tokens are 404."""
    token = get_token_for_user(request.user, pk)
    if request.POST.get("confirm") != "yes":
        return _render_profile(request, token_to_revoke=token)
    token_revoke(token=token)
    messages.success(request, _("The API token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect(f"{reverse('people:profile')}#api-tokens")


@login_required
@require_POST
def data_export_create(request: HttpRequest) -> HttpResponse:
    """Start building the download of all data held about the person (one under way is shown instead)."""
    export = data_export_request(person=request.user)
    return redirect("people:data_export", token=export.token)


@login_required
@require_GET
def data_export_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The state of a download; the page reloads itself until it is ready. Someone else's is 404."""
    export = get_object_or_404(PersonalDataExport, person=request.user, token=token)
    state = state_of(export)
    running = state in (PersonalDataExport.Status.QUEUED, PersonalDataExport.Status.RUNNING)
    response = render(request, "people/data_export.html", {"export": export, "state": state, "running": running})
    if running:
        response["Refresh"] = str(EXPORT_REFRESH_SECONDS)
    return response


@login_required
@require_GET
def data_export_download(request: HttpRequest, token: str) -> HttpResponse:
    export = get_object_or_404(PersonalDataExport, person=request.user, token=token)
    if not is_available(export):
        raise Http404
    return private_file_response(export.file, filename="personal-data.zip", content_type="application/zip")


class PeopleFilterForm(forms.Form):
    """The people list's GET filters; units are those the user may see."""

    q = forms.CharField(label=gettext_lazy("Search by name or email"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        OrgUnit.objects.none(), label=gettext_lazy("Unit (and the units below it)"), required=False
    )
    group = forms.ModelChoiceField(
        ProfessionalGroup.objects.order_by("sort_order", "name_fi"),
        label=gettext_lazy("Professional group"),
        required=False,
        empty_label=gettext_lazy("All groups"),
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["unit"].empty_label = gettext_lazy("All units")
        self.fields["q"].widget.input_type = "search"


PEOPLE_PER_PAGE = 50


@require_role(Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR)
def team(request: HttpRequest) -> HttpResponse:
    """The people the user may see, searched and filtered; the filters stay in the pages' links."""
    form = PeopleFilterForm(request.GET or None, units=request.access.units())
    chosen = form.cleaned_data if form.is_valid() else {}
    people = people_list(
        people=request.access.people().exclude(pk=request.user.pk),
        search=chosen.get("q") or "",
        unit=chosen.get("unit"),
        group=chosen.get("group"),
    )
    page_obj = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page_obj,
        "people": page_obj.object_list,
        "filtered": bool(chosen and any(chosen.values())),
        "filter_query": query.urlencode(),
    }
    return render(request, "people/team.html", context, status=200 if form.is_valid() or not form.is_bound else 400)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    return render(request, "people/person_detail.html", {"person": person})


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation's link: opens sign-up for the invited address in this browser, or says the link is spent."""
    found = invitation_from_token(token)
    if found is None:
        return render(request, "people/invitation_invalid.html", status=410)
    if request.user.is_authenticated:
        messages.info(request, _("You are already signed in."))
        return redirect("/")
    invitation_open(request, found)
    return redirect(f"{reverse('account_signup')}?{urlencode({'email': found.email})}")
