"""``manage.py rebuild_participations``: recompute every participation fact from the source rows."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reporting.services.participations import participations_rebuild


class Command(BaseCommand):
    help = "Recompute the participation facts that statistics count from the enrolments, activities and surveys."

    def handle(self, *args, **options) -> None:
        count = participations_rebuild()
        self.stdout.write(_("%(count)d participations recomputed.") % {"count": count})
