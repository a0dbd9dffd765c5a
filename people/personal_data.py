"""The register of personal data: every model that relates to a person says how it is exported and erased.

Each app declares its entries in its own ``personal_data`` module, imported by its ``AppConfig.ready``;
people declares its own and those of the third-party apps it covers (Wagtail, allauth) at the end of
this module. ``tests/people/test_personal_data_registry.py`` fails when a model with a relation to
the user model (foreign key, one-to-one or many-to-many, in any installed app) is not accounted for.

An entry names the relations it covers (``fields``) and gives:

* ``export(person) -> list[dict]``: the rows for the person's "my data" download (JSON values only);
* ``files(person) -> list[(name, FieldFile)]``: files to put in the download beside the JSON;
* ``erase(person) -> int``: remove or replace the person's data, returning the rows touched. Erasers
  run in registration order inside the erasure's transaction, before the user row itself is
  anonymised; they must keep every figure (participation facts, feedback results, response rates)
  the same, so rows that figures count are anonymised, not deleted;
* ``reason``: why a relation is neither exported nor erased (someone's action on others' data, kept as
  an anonymous reference once the person is erased; or content, not data about the person).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

Exporter = Callable[[Any], list[dict]]
FileLister = Callable[[Any], list[tuple[str, Any]]]
Eraser = Callable[[Any], int]


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    name: str
    fields: tuple[str, ...]
    export: Exporter | None = None
    files: FileLister | None = None
    erase: Eraser | None = None
    reason: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model._meta.label


_entries: list[Entry] = []


def register(
    model: type[models.Model],
    *,
    fields: tuple[str, ...] | list[str] = ("person",),
    name: str = "",
    export: Exporter | None = None,
    files: FileLister | None = None,
    erase: Eraser | None = None,
    reason: str = "",
) -> Entry:
    """Declare how ``model``'s relations ``fields`` to a person are exported and erased.

    An entry that neither exports nor erases must say why (``reason``). Registering the same model
    and fields again replaces the entry (modules may be imported again in tests).
    """
    if export is None and erase is None and not reason:
        raise ValueError(f"{model._meta.label}: an entry that neither exports nor erases needs a reason")
    entry = Entry(
        model=model,
        name=name or model._meta.label,
        fields=tuple(fields),
        export=export,
        files=files,
        erase=erase,
        reason=reason,
    )
    _entries[:] = [old for old in _entries if (old.model, old.fields) != (entry.model, entry.fields)]
    _entries.append(entry)
    return entry


def entries() -> list[Entry]:
    return list(_entries)


def covered_relations() -> set[tuple[str, str]]:
    """``(model label, field name)`` of every relation to a person the register accounts for."""
    return {(entry.label, name) for entry in _entries for name in entry.fields}


def person_relations() -> list[tuple[str, str]]:
    """Every relation to the user model in every installed app (concrete, declared fields only)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for model_field in model._meta.get_fields():
            relation = model_field.is_relation and not model_field.auto_created
            # Inherited fields are the parent's to declare.
            if relation and model_field.related_model is user_model and model_field.model is model:
                found.append((model._meta.label, model_field.name))
    return sorted(found)


def unregistered_relations() -> list[tuple[str, str]]:
    covered = covered_relations()
    return [relation for relation in person_relations() if relation not in covered]


# Entries of people and of the third-party apps it covers
# ------------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _register_people() -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount
    from django.contrib.auth import get_user_model
    from wagtail.admin.models import EditingSession
    from wagtail.models import (
        APIToken,
        Comment,
        CommentReply,
        ModelLogEntry,
        Page,
        PageLogEntry,
        PageSubscription,
        Revision,
        TaskState,
        UploadedFile,
        WorkflowState,
    )
    from wagtail.users.models import UserProfile

    from .models import Invitation, OrgUnit, PersonalDataExport
    from .services.data_exports import data_exports_delete

    user_model = get_user_model()

    def delete(model, field_name: str = "user") -> Eraser:
        return lambda person: model.objects.filter(**{field_name: person}).delete()[0]

    register(
        user_model,
        name="groups",
        fields=("groups", "user_permissions"),
        export=lambda person: [{"group": group.name} for group in person.groups.all()],
        erase=lambda person: _clear(person.groups) + _clear(person.user_permissions),
    )
    register(
        OrgUnit,
        name="managed_units",
        fields=("managers",),
        export=lambda person: [{"unit": unit.name} for unit in person.managed_units.all()],
        erase=lambda person: _clear(person.managed_units),
    )
    register(
        EmailAddress,
        name="email_addresses",
        fields=("user",),
        export=lambda person: [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=person)
        ],
        erase=delete(EmailAddress),
    )
    register(
        SocialAccount,
        name="sign_in_accounts",
        fields=("user",),
        export=lambda person: [
            {
                "provider": account.provider,
                "uid": account.uid,
                "last_login": _iso(account.last_login),
                "date_joined": _iso(account.date_joined),
            }
            for account in SocialAccount.objects.filter(user=person)
        ],
        erase=delete(SocialAccount),
    )
    register(
        Authenticator,
        name="two_step_verification",
        fields=("user",),
        export=lambda person: [
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=person)
        ],
        erase=delete(Authenticator),
    )
    register(
        APIToken,
        name="api_tokens",
        fields=("user",),
        export=lambda person: [
            {
                "name": token.name,
                "created": _iso(token.created),
                "last_used_at": _iso(token.last_used_at),
                "revoked_at": _iso(token.revoked_at),
            }
            for token in APIToken.objects.filter(user=person).order_by("created")
        ],
        erase=delete(APIToken),
    )
    register(
        UserProfile,
        name="admin_profile",
        fields=("user",),
        export=lambda person: [
            {"preferred_language": profile.preferred_language, "current_time_zone": profile.current_time_zone}
            for profile in UserProfile.objects.filter(user=person)
        ],
        files=lambda person: [
            (f"admin_profile/{profile.avatar.name.rsplit('/', 1)[-1]}", profile.avatar)
            for profile in UserProfile.objects.filter(user=person)
            if profile.avatar
        ],
        erase=_erase_user_profiles,
    )
    register(
        PageSubscription,
        name="page_subscriptions",
        fields=("user",),
        export=lambda person: [
            {"page": subscription.page_id, "comment_notifications": subscription.comment_notifications}
            for subscription in PageSubscription.objects.filter(user=person)
        ],
        erase=delete(PageSubscription),
    )
    register(
        PersonalDataExport,
        name="data_downloads",
        export=lambda person: [
            {"created_at": _iso(export.created_at), "status": export.status}
            for export in PersonalDataExport.objects.filter(person=person)
        ],
        erase=lambda person: data_exports_delete(PersonalDataExport.objects.filter(person=person)),
    )
    register(
        Invitation,
        name="invitations",
        fields=("invited_by",),
        export=lambda person: [
            {"invited_at": _iso(invitation.created_at), "accepted_at": _iso(invitation.accepted_at)}
            for invitation in Invitation.objects.filter(email__iexact=person.email)
        ],
        # The invitations that named the person's address go; those the person sent keep a nameless sender.
        erase=lambda person: Invitation.objects.filter(email__iexact=person.email).delete()[0],
    )
    register(EditingSession, fields=("user",), erase=delete(EditingSession), reason="Open editing sessions only")
    from wagtail.admin.models import FormState

    register(FormState, fields=("user",), erase=delete(FormState), reason="Saved admin form states only")
    editorial = (
        "Editorial work on the site's pages, images and documents: the content is not about the person, "
        "and the reference shows the erased person without a name"
    )
    for model, names in (
        (Page, ("owner", "locked_by")),
        (Revision, ("user",)),
        (PageLogEntry, ("user",)),
        (ModelLogEntry, ("user",)),
        (WorkflowState, ("requested_by",)),
        (TaskState, ("finished_by",)),
        (Comment, ("user", "resolved_by")),
        (CommentReply, ("user",)),
        (UploadedFile, ("uploaded_by_user",)),
    ):
        register(model, fields=names, reason=editorial)
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    register(get_document_model(), fields=("uploaded_by_user",), reason=editorial)
    register(get_image_model(), fields=("uploaded_by_user",), reason=editorial)


def _clear(manager) -> int:
    count = manager.count()
    manager.clear()
    return count


def _erase_user_profiles(person) -> int:
    from wagtail.users.models import UserProfile

    count = 0
    for profile in UserProfile.objects.filter(user=person):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
        count += 1
    return count


def register_people() -> None:
    """Called by ``PeopleConfig.ready``."""
    _register_people()
