"""Reporting's API: participant statistics, the project in numbers and the projects, for BI tools."""

from ninja import Router

from . import project_numbers, projects, statistics

router = Router(tags=["reporting"])
router.add_router("", statistics.router)
router.add_router("", projects.router)
router.add_router("", project_numbers.router)
