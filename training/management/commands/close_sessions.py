"""``manage.py close_sessions``: ended sessions settled (outcomes, automatic certificates) and marked completed."""

from django.core.management.base import BaseCommand

from training.services import sessions_close_ended


class Command(BaseCommand):
    help = (
        "Settle the outcomes (completed, not completed, did not attend) of sessions whose last day has ended "
        "and that have attendance, issue the automatic certificates, and mark the sessions completed. "
        "Safe to run repeatedly and concurrently (e.g. every 15 minutes from cron or run_schedule)."
    )

    def handle(self, *args, **options) -> None:
        closed = sessions_close_ended()
        self.stdout.write(f"Closed {closed} session{'s' if closed != 1 else ''}.")
