"""``manage.py release_feedback``: pending feedback answers released once enough have gathered."""

from django.core.management.base import BaseCommand

from training.services.feedback import feedback_release_pending


class Command(BaseCommand):
    help = (
        "Release the feedback answers waiting to be released: those of sessions with enough of them, and all of "
        "those whose feedback period has closed (--all: every waiting answer). Each batch is shuffled and written "
        "in one transaction. Safe to run repeatedly and concurrently."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all", action="store_true", dest="release_all", help="Release every waiting answer, however few."
        )

    def handle(self, *args, release_all: bool, **options) -> None:
        released = feedback_release_pending(force=release_all)
        self.stdout.write(f"Released {released} feedback answer{'s' if released != 1 else ''}.")
