"""The Wagtail group "Coordinators": what gives coordinators the admin, for activities and projects only.

The group (made by migration ``0002_coordinators_group``) holds the Wagtail admin access permission and
the permissions to add, change, delete and view activities and projects, nothing else. Its members are
exactly the people flagged as coordinators (``User.is_coordinator``): saving a person or changing their
groups brings the membership back in step, so ticking or unticking the group by hand has no effect.
Administrators are superusers and need no group.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group

from people.models import User

COORDINATORS_GROUP = "Coordinators"


def _out_of_step(person: User) -> bool:
    member = User.groups.through.objects.filter(user_id=person.pk, group__name=COORDINATORS_GROUP).exists()
    return member != person.is_coordinator


def coordinators_group_sync(*, people: Iterable[User] | None = None) -> None:
    """Make the group's members the coordinators among ``people`` (everyone when None). A person already
    in step costs one query: this runs on every save of a person."""
    if people is not None:
        people = [person for person in people if _out_of_step(person)]
        if not people:
            return
    group = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if group is None:
        return  # before the migration that creates it
    Membership = User.groups.through
    members = Membership.objects.filter(group=group)
    candidates = User.objects.all()
    if people is not None:
        ids = [person.pk for person in people]
        members, candidates = members.filter(user_id__in=ids), candidates.filter(pk__in=ids)
    members.exclude(user__is_coordinator=True).delete()
    missing = candidates.filter(is_coordinator=True).exclude(groups=group).values_list("pk", flat=True)
    Membership.objects.bulk_create([Membership(user_id=pk, group=group) for pk in missing])
