"""Who may create an account: invited people, and people with an address in a domain an organisation allows.

Self sign-up is closed by default. Administrators open it per organisation by listing e-mail
domains (``Organisation.signup_domains``: partners, volunteers) and invite single people by
e-mail (``Invitation``): the invitation's link is signed and expires after
``INVITATION_MAX_AGE_DAYS``; following it opens sign-up for that address only, and the address
counts as verified (the person proved it by opening the link). The allauth adapters
(``people.adapters``) ask here.

Organisation sign-in (OpenID Connect) connects to an existing account only on a verified, stable
identifier: the provider's subject already linked to the account (allauth's own lookup), or an
e-mail address the provider marks verified *and* in a domain the person's organisation allows
(``may_connect_by_email``). An unverified e-mail claim never connects.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Invitation, Organisation, User
from .tasks import send_email

SESSION_KEY = "people_invitation"
SALT = "people.invitation"


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "INVITATION_MAX_AGE_DAYS", 14))


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def allowed_domains() -> dict[str, Organisation]:
    """Every domain some organisation lets sign up, with that organisation (one query)."""
    domains: dict[str, Organisation] = {}
    for organisation in Organisation.objects.exclude(signup_domains=""):
        for domain in organisation.signup_domain_list:
            domains.setdefault(domain, organisation)
    return domains


def is_true(value) -> bool:
    """A claim that is really true: ``True`` or the text "true" (some providers send strings), nothing else."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


# Invitations
# ------------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"pk": invitation.pk, "email": invitation.email.lower()}, salt=SALT, compress=True)


def invitation_url(invitation: Invitation, *, language: str = "") -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("people:invitation", kwargs={"token": invitation_token(invitation)})
    return f"{settings.SITE_URL}{path}"


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation of a valid, unexpired link; None for anything else."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # includes SignatureExpired
        return None
    invitation = Invitation.objects.filter(pk=data.get("pk"), accepted_at__isnull=True).first()
    if invitation is None or invitation.email.lower() != data.get("email"):
        return None
    return invitation


def invitation_from_session(request: HttpRequest) -> Invitation | None:
    pk = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if pk is None:
        return None
    return Invitation.objects.filter(pk=pk, accepted_at__isnull=True, created_at__gt=timezone.now() - max_age()).first()


@transaction.atomic
def invitation_create(*, email: str, organisation: Organisation | None, invited_by: User | None) -> Invitation:
    """Record an invitation and e-mail its link (after the transaction commits)."""
    invitation = Invitation.objects.create(
        email=email.strip().lower(), organisation=organisation, invited_by=invited_by
    )
    send_invitation(invitation)
    return invitation


def send_invitation(invitation: Invitation) -> None:
    context = {
        "invitation": invitation,
        "url": invitation_url(invitation),
        "days": max_age().days,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}
        body = render_to_string("people/email/invitation.txt", context)
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=[invitation.email], from_email=None)
    )


def invitation_open(request: HttpRequest, invitation: Invitation) -> None:
    """Open sign-up for the invited address in this browser session; the address counts as verified."""
    from allauth.account.adapter import get_adapter

    request.session[SESSION_KEY] = invitation.pk
    get_adapter(request).stash_verified_email(request, invitation.email)


def invitation_accept(*, request: HttpRequest, user: User) -> None:
    """After sign-up: the invitation of this session is used up (once, for its own address)."""
    invitation = invitation_from_session(request)
    if invitation is not None and invitation.email.lower() == user.email.lower():
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
        request.session.pop(SESSION_KEY, None)


# Decisions
# ------------------------------------------------------------------------------


def is_open(request: HttpRequest) -> bool:
    """Whether the sign-up form is offered at all: an invitation in this session, or some domain allowed."""
    return invitation_from_session(request) is not None or Organisation.objects.exclude(signup_domains="").exists()


def may_sign_up(request: HttpRequest, email: str) -> bool:
    """Whether ``email`` may create an account here: invited in this session, or in an allowed domain."""
    invitation = invitation_from_session(request)
    if invitation is not None and invitation.email.lower() == email.strip().lower():
        return True
    return domain_of(email) in allowed_domains()


def may_connect_by_email(user: User, email: str, *, verified) -> bool:
    """Whether an organisation sign-in with ``email`` may connect to the existing ``user``.

    Only an address the provider marks verified, in a domain allowed by the person's organisation
    (or, for a person not yet placed in a unit, by any organisation).
    """
    if not is_true(verified):
        return False
    domain = domain_of(email)
    organisation = user.unit.organisation if user.unit_id else None
    if organisation is not None:
        return domain in organisation.signup_domain_list
    return domain in allowed_domains()
