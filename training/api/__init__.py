"""The training API (mounted at /api/v1/ by config/api.py): the catalogue, enrolling and cancelling, my trainings.

The catalogue (courses and sessions) is public; everything else needs a personal API token or the
web session. Writes go through the same services as the web pages, and objects are fetched through
the same selectors, so the rules and the 404s are the same. One router per subject, joined here.
"""

from ninja import Router

from . import attendance, catalogue, certificates, enrolments, me
from .common import Pagination

router = Router()
for subject in (catalogue, enrolments, me, attendance, certificates):
    router.add_router("", subject.router)

__all__ = ["Pagination", "router"]
