"""The cms app: Wagtail site chrome (home page, standard pages, blocks, site settings)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.cache import bump_content_version

        from . import lookups
        from .models import SiteSettings

        lookups.install()

        # Anonymous pages are kept in the shared cache (core.cache): publishing shows at once.
        page_published.connect(bump_content_version, dispatch_uid="cms.cache.published")
        page_unpublished.connect(bump_content_version, dispatch_uid="cms.cache.unpublished")
        post_page_move.connect(bump_content_version, dispatch_uid="cms.cache.moved")
        post_save.connect(bump_content_version, sender=SiteSettings, dispatch_uid="cms.cache.settings")
        post_save.connect(bump_content_version, sender=Site, dispatch_uid="cms.cache.site_saved")
        post_delete.connect(bump_content_version, sender=Site, dispatch_uid="cms.cache.site_deleted")
        for model in (Locale, PageViewRestriction):
            post_save.connect(bump_content_version, sender=model, dispatch_uid=f"cms.cache.{model.__name__}_saved")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"cms.cache.{model.__name__}_deleted")
