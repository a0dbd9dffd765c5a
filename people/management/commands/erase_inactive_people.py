"""``manage.py erase_inactive_people``: the retention rule, run among the periodic jobs (``run_schedule``)."""

from django.core.management.base import BaseCommand, CommandParser

from people.services.data_exports import data_exports_delete_expired
from people.services.erasure import people_erase_inactive, retention_months


class Command(BaseCommand):
    help = (
        "Erase people deactivated and inactive for longer than PERSONAL_DATA_RETENTION_MONTHS (default 24). "
        "Also deletes personal-data downloads past their time. Prints and logs how many, without names or "
        "addresses. Safe to run at any time and more than once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=None, help="Override the retention period in months.")

    def handle(self, *args, months: int | None, **options) -> None:
        totals = people_erase_inactive(months=months)
        downloads = data_exports_delete_expired()
        self.stdout.write(
            f"Erased {totals['people']} people inactive for more than {months or retention_months()} months; "
            f"deleted {downloads} expired personal-data downloads."
        )
