"""Invitations in the Wagtail admin: an administrator enters an address (and organisation); the link goes by e-mail."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Invitation
from .signup import invitation_create


class InvitationCreateView(CreateView):
    success_message = gettext_lazy("The invitation to %(object)s has been sent.")

    def save_instance(self):
        data = self.form.cleaned_data
        return invitation_create(email=data["email"], organisation=data["organisation"], invited_by=self.request.user)


class InvitationViewSet(ModelViewSet):
    url_prefix = "network/invitations"
    name = "invitations"
    model = Invitation
    icon = "mail"
    menu_label = gettext_lazy("Invitations")
    add_view_class = InvitationCreateView
    form_fields = ["email", "organisation"]
    list_display = ["email", "organisation", "created_at", "accepted_at"]
    search_fields = ["email"]
    inspect_view_enabled = False
