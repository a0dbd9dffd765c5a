"""Template tags of the site chrome: the main menu, the home link and the language links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """The live, in-menu children of the home page in the active language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    root = site.root_page.localized
    return list(root.get_children().live().in_menu())


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.localized.get_url(request) if site else "/"


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language to the same page in that language.

    A Wagtail page links to its translation, or to that language's home page when it has
    none; other views swap the URL's language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    targets: dict[str, Page] = {}
    if isinstance(page, Page):
        site = Site.find_for_request(request)
        candidates = Page.objects.live().filter(
            translation_key__in=[page.translation_key, site.root_page.translation_key]
            if site
            else [page.translation_key]
        )
        for candidate in candidates.select_related("locale").order_by("depth"):
            # The page's own translation (deeper) wins over the home page (shallower).
            targets[candidate.locale.language_code] = candidate
    links = []
    for code, name in settings.LANGUAGES:
        target = targets.get(code)
        if target is None:
            url = translate_url(request.get_full_path(), code)
        else:
            with translation.override(code):
                url = target.get_url(request)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
