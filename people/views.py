from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .access import Role, get_person_for_user, require_role
from .forms import ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    person = get_person_for_user(request.user, request.user.pk)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("people:profile")
    return render(request, "people/profile.html", {"person": person, "form": form, "roles": request.access.roles})


@require_role(Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR)
def team(request: HttpRequest) -> HttpResponse:
    people = request.access.people().exclude(pk=request.user.pk).order_by("unit__path", "last_name", "first_name")
    page_obj = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "people/team.html", {"page_obj": page_obj, "people": page_obj.object_list})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    return render(request, "people/person_detail.html", {"person": person})
