"""The site's own pages (home page, standard page) and its settings in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.i18n import TranslatedField

from .blocks import BaseStreamBlock


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + ["intro", "body"]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """About, accessibility statement, privacy notice and other plain pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + ["intro", "body"]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Header and footer content editable per site."""

    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    footer_text_fi = RichTextField(_("footer text (Finnish)"), blank=True, features=["bold", "italic", "link"])
    footer_text_sv = RichTextField(_("footer text (Swedish)"), blank=True, features=["bold", "italic", "link"])
    footer_text_en = RichTextField(_("footer text (English)"), blank=True, features=["bold", "italic", "link"])
    footer_text = TranslatedField("footer_text")
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            ["organisation_name", "contact_email", "footer_text_fi", "footer_text_sv", "footer_text_en"],
            heading=_("Footer"),
        ),
        MultiFieldPanel(["accessibility_page", "privacy_page"], heading=_("Statutory pages")),
    ]

    class Meta:
        verbose_name = _("site settings")
