"""``manage.py run_schedule``: the periodic jobs, round after round, for a container or a machine without cron."""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

logger = logging.getLogger(__name__)

# In this order: outcomes settle first, so that the feedback requests reach everyone who attended;
# then the feedback answers waiting to be released (enough of them, or the period has closed); last the
# retention rule (people.services.erasure), which finds nobody to erase on most rounds in one query.
JOBS = (
    "close_sessions",
    "send_reminders",
    "send_feedback_requests",
    "release_feedback",
    "deactivate_leavers",
    "erase_inactive_people",
)


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (" + ", ".join(JOBS) + ") every --interval seconds, for a container or a "
        "service manager without cron. Each job is safe to run concurrently, so any number may run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=int, default=900, help="Seconds between rounds (default 900).")
        parser.add_argument("--once", action="store_true", help="Run one round and stop.")

    def handle(self, *args, interval: int, once: bool, **options) -> None:
        while True:
            for job in JOBS:
                try:
                    call_command(job, stdout=self.stdout, stderr=self.stderr)
                except Exception:  # one failing job must not stop the others or the loop
                    logger.exception("Scheduled job %s failed", job)
            if once:
                return
            time.sleep(max(interval, 1))
