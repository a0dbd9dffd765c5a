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

    A Wagtail page links to its translation; without one, a page whose parent serves untranslated
    children (a course under the programme) links to itself under the parent's translation, and
    any other page to that language's home page. Other views swap the URL's language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    targets: dict[str, Page] = {}
    fallbacks: dict[str, str] = {}
    if isinstance(page, Page):
        site = Site.find_for_request(request)
        parent = page.get_parent()
        adopts = parent is not None and getattr(parent.specific_class, "serves_untranslated_children", False)
        keys = [page.translation_key]
        if site:
            keys.append(site.root_page.translation_key)
        if adopts:
            keys.append(parent.translation_key)
        candidates = Page.objects.live().filter(translation_key__in=keys)
        for candidate in candidates.select_related("locale").order_by("depth"):
            code = candidate.locale.language_code
            if candidate.translation_key == page.translation_key:
                targets[code] = candidate
            elif adopts and candidate.translation_key == parent.translation_key:
                # A parent that serves untranslated children keeps the reader on this page,
                # in its original language, with the interface in the chosen one.
                with translation.override(code):
                    fallbacks[code] = f"{candidate.get_url(request)}{page.slug}/"
            else:
                targets.setdefault(code, candidate)
    links = []
    for code, name in settings.LANGUAGES:
        target = targets.get(code)
        if target is not None and (target.translation_key == page.translation_key or code not in fallbacks):
            with translation.override(code):
                url = target.get_url(request)
        elif code in fallbacks:
            url = fallbacks[code]
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
