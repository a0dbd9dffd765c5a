"""Whom and what a user may see: the one place every view asks.

Roles
    staff         everyone signed in: sees themself
    manager       manages one or more units: sees the people of those units and of the units below
    trainer       runs sessions
    coordinator   project lead: sees the whole network
    administrator manages users, organisations and frameworks (Django superuser)

Helpers return querysets scoped to the asking user; ``get_*_for_user`` raise ``Http404``
for objects outside the user's reach, and ``require_role`` answers 403 to a user
lacking the role, so an outsider cannot tell whether an object exists.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .models import OrgUnit, User


class Role(enum.StrEnum):
    STAFF = "staff"
    MANAGER = "manager"
    TRAINER = "trainer"
    COORDINATOR = "coordinator"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.STAFF: _("Staff member"),
    Role.MANAGER: _("Manager"),
    Role.TRAINER: _("Trainer"),
    Role.COORDINATOR: _("Coordinator"),
    Role.ADMINISTRATOR: _("Administrator"),
}

PRIVILEGED_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})


class Access:
    """The roles and reach of one user, computed once per request (``request.access``)."""

    def __init__(self, user: User) -> None:
        self.user = user

    @cached_property
    def managed_unit_paths(self) -> tuple[str, ...]:
        """Materialised paths of the units this user manages (one query, then cached)."""
        if not self.user.is_authenticated:
            return ()
        return tuple(self.user.managed_units.values_list("path", flat=True))

    @cached_property
    def roles(self) -> frozenset[Role]:
        user = self.user
        if not user.is_authenticated:
            return frozenset()
        roles = {Role.STAFF}
        if self.managed_unit_paths:
            roles.add(Role.MANAGER)
        if user.is_trainer:
            roles.add(Role.TRAINER)
        if user.is_coordinator:
            roles.add(Role.COORDINATOR)
        if user.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        return frozenset(roles)

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_manager(self) -> bool:
        return Role.MANAGER in self.roles

    @property
    def sees_people(self) -> bool:
        """Managers, coordinators and administrators have a people list."""
        return bool(self.roles & {Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR})

    @property
    def organises_sessions(self) -> bool:
        """Trainers, coordinators and administrators manage participant lists."""
        return bool(self.roles & {Role.TRAINER, Role.COORDINATOR, Role.ADMINISTRATOR})

    @property
    def sees_whole_network(self) -> bool:
        return bool(self.roles & PRIVILEGED_ROLES)

    @property
    def is_privileged(self) -> bool:
        """Roles that must set up MFA before they get in."""
        return bool(self.roles & PRIVILEGED_ROLES)

    def units(self) -> QuerySet[OrgUnit]:
        """Units whose people this user may see: all, the managed subtrees, or none."""
        if self.sees_whole_network:
            return OrgUnit.objects.all()
        return OrgUnit.objects.below_paths(self.managed_unit_paths)

    def people(self) -> QuerySet[User]:
        """People this user may see: everyone, the people of their managed units, or themself."""
        people = User.objects.filter(is_active=True).select_related("unit__organisation", "professional_group")
        if self.sees_whole_network:
            return people
        if not self.user.is_authenticated:
            return people.none()
        if not self.managed_unit_paths:
            return people.filter(pk=self.user.pk)
        subtree = self.units().values("pk")
        return people.filter(unit__in=subtree) | people.filter(pk=self.user.pk)


def access_for(user: User) -> Access:
    """The user's Access, computed once per user object (so once per request for ``request.user``)."""
    if not hasattr(user, "_access"):
        user._access = Access(user)
    return user._access


def get_person_for_user(user: User, pk: int) -> User:
    """The person with ``pk`` if ``user`` may see them, else 404."""
    try:
        return access_for(user).people().get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def is_placed(user: User) -> bool:
    """Whether ``user`` has been placed in a unit of the network (by the HR import or an administrator).

    A person who signed up themselves (a partner, a volunteer, an invited person) has no unit until
    someone places them; courses limited to the network's staff are not open to them until then.
    """
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.unit_id is not None)


def require_role(*roles: Role) -> Callable:
    """View decorator: signed in (else to the login page) and holding one of ``roles`` (else 403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not any(request.access.has(role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
