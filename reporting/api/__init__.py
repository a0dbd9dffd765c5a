"""Reporting's API: participant statistics, the project in numbers and the projects, for BI tools."""

from ninja import Router

router = Router(tags=["reporting"])
