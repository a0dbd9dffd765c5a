"""Reporting's API: participant statistics, the project in numbers and the projects, for BI tools."""

from ninja import Router

from .projects import router as projects_router

router = Router(tags=["reporting"])
router.add_router("", projects_router)
