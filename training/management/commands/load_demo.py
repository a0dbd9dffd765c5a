"""``manage.py load_demo``: a demo family-centre network, its staff and the training site."""

import argparse
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.urls import absolute_url
from training.demo import DEMO_PASSWORD, build_demo


@contextmanager
def _quiet(name: str = "wagtail"):
    """Keep Wagtail's per-page INFO log lines ("Page created", "Published") out of the progress output."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = "Build a demo family-centre network (Pohjois-Savo), its staff and the training site. Safe to rerun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=_positive,
            default=1,
            help="Multiply the units and staff (default 1: about 400 people in 53 units).",
        )

    def handle(self, *args, scale: int, **options) -> None:
        module = getattr(settings, "SETTINGS_MODULE", None) or ""
        if module.endswith(".production"):
            raise CommandError(
                f"load_demo refuses to run with production settings ({module}): it creates accounts with a "
                "published password. Use config.settings.dev."
            )
        started = time.monotonic()
        with _quiet(), transaction.atomic():
            result = build_demo(scale=scale, progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
        self._print_logins(result)

    def _print_logins(self, result) -> None:
        rows = [("Role", "Email", "Password")]
        rows += [(person.role, person.email, DEMO_PASSWORD) for person in result.staff.logins]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        line = "+-" + "-+-".join("-" * width for width in widths) + "-+"
        self.stdout.write("")
        self.stdout.write("Demo logins (every demo person has the same password):")
        self.stdout.write(line)
        for number, row in enumerate(rows):
            self.stdout.write(
                "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
            )
            if number == 0:
                self.stdout.write(line)
        self.stdout.write(line)
        site = absolute_url("")
        self.stdout.write(f"Sign in at {site}/accounts/login/; the Wagtail admin is at {site}/admin/ (administrator).")
        if getattr(settings, "MFA_REQUIRED_FOR_PRIVILEGED", False):
            self.stdout.write(
                "MFA_REQUIRED_FOR_PRIVILEGED is on: the administrator and coordinator must set up TOTP first."
            )
