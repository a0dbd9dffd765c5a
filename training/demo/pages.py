"""The demo site in Wagtail: home page, programme, courses, statutory pages and translations.

Pages are keyed by slug under their parent (Finnish) and by translation key (Swedish, English).
An existing page is republished only when its demo content differs, so a second run adds no
revisions.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import models
from wagtail.models import Locale, Page, Site
from wagtail.search import index

from cms.models import HomePage, SiteSettings, StandardPage
from training.models import CoursePage, TrainingProgrammePage

from . import site_content
from .course_translations import TRANSLATIONS as COURSE_TRANSLATIONS
from .courses import ALL_GROUPS, COURSES, CourseSpec
from .network import Network

LANGUAGES = ("sv", "en")
STREAM_FIELDS = {"body"}


@dataclass
class PagesResult:
    home: HomePage | None = None
    programme: TrainingProgrammePage | None = None
    pages: list[Page] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    def track(self, page: Page, *, created: bool = False, updated: bool = False) -> Page:
        self.pages.append(page)
        self.created += created
        self.updated += updated
        return page


def _raw_stream(value) -> list[dict]:
    return [{"type": block["type"], "value": block["value"]} for block in value.raw_data]


def _fresh(fields: dict) -> dict:
    """A copy whose stream data is our own: Wagtail adds block ids to the raw data it is given."""
    return {name: copy.deepcopy(value) if name in STREAM_FIELDS else value for name, value in fields.items()}


def _apply(page: Page, fields: dict) -> bool:
    """Set ``fields`` on ``page``; True when anything changed."""
    changed = False
    for name, value in fields.items():
        if name in STREAM_FIELDS:
            current = _raw_stream(getattr(page, name))
        elif isinstance(value, models.Model):
            current, value = getattr(page, f"{name}_id"), value.pk
            name = f"{name}_id"
        else:
            current = getattr(page, name)
        if current != value:
            setattr(page, name, value)
            changed = True
    return changed


def _sync_groups(page: CoursePage, groups: list) -> bool:
    wanted = {group.pk for group in groups}
    if {group.pk for group in page.target_groups.all()} == wanted:
        return False
    page.target_groups.set(groups)
    return True


def _publish(page: Page) -> None:
    page.save_revision().publish()


def upsert_child(
    result: PagesResult, parent: Page, model: type[Page], slug: str, locale: Locale, fields: dict, groups=None
) -> Page:
    fields = _fresh(fields)
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, locale=locale, **fields)
        parent.add_child(instance=page)
        if groups is not None:
            page.target_groups.set(groups)
        _publish(page)
        return result.track(page, created=True)
    page = existing.specific
    if not isinstance(page, model):
        raise CommandError(f"The slug {slug!r} under {parent.title!r} belongs to another kind of page.")
    changed = _apply(page, fields)
    if groups is not None:
        changed = _sync_groups(page, groups) or changed
    if changed or not page.live:
        _publish(page)
    return result.track(page, updated=changed)


def upsert_translation(result: PagesResult, source: Page, locale: Locale, fields: dict, groups=None) -> Page:
    fields = _fresh(fields)
    page = source.get_translation_or_none(locale)
    created = page is None
    if created:
        page = source.copy_for_translation(locale, copy_parents=True).specific
        _rename_draft(page, fields.pop("slug", page.slug))
    page = page.specific
    changed = _apply(page, fields)
    if groups is not None:
        changed = _sync_groups(page, groups) or changed
    if created or changed or not page.live:
        _publish(page)
    return result.track(page, created=created, updated=changed and not created)


def _rename_draft(page: Page, slug: str) -> None:
    """Give a fresh, childless draft its own slug without a slug-change signal (and redirects)."""
    if page.slug != slug:
        page.slug = slug
        page.set_url_path(page.get_parent())
        Page.objects.filter(pk=page.pk).update(slug=slug, url_path=page.url_path)


def _translated_fields(source: dict, language: str, *names: str) -> dict:
    translation = source["translations"][language]
    return {name: translation[name] for name in names if name in translation}


def _course_fields(spec: CourseSpec, network: Network) -> dict:
    return {
        "title": spec.title,
        "kind": spec.kind,
        "level": spec.level,
        "duration_hours": Decimal(str(spec.hours)).quantize(Decimal("0.1")),
        "summary": spec.summary,
        "body": spec.body,
        "learning_outcomes": "\n".join(spec.outcomes),
        "organiser": network.organisations[spec.organiser],
        "requires_manager_approval": spec.requires_manager_approval,
        "issues_certificate": spec.issues_certificate,
        "certificate_issuing": spec.certificate_issuing,
        "certificate_validity_months": spec.certificate_validity_months,
        "completion_rule": spec.completion_rule,
        "completion_share": spec.completion_share,
    }


def _course_groups(spec: CourseSpec, network: Network) -> list:
    if spec.groups == ALL_GROUPS:
        return list(network.groups.values())
    return [network.groups[code] for code in spec.groups]


def build_pages(network: Network) -> PagesResult:
    result = PagesResult()
    finnish = Locale.objects.get_or_create(language_code="fi")[0]
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node()

    home_spec = site_content.HOME
    home = upsert_child(
        result, root, HomePage, home_spec["slug"], finnish,
        {"title": home_spec["title"], "intro": home_spec["intro"], "body": home_spec["body"]},
    )  # fmt: skip
    site = _make_default_site(home)
    _remove_welcome_page(root)

    programme_spec = site_content.PROGRAMME
    programme = upsert_child(
        result, home, TrainingProgrammePage, programme_spec["slug"], finnish,
        {"title": programme_spec["title"], "intro": programme_spec["intro"], "show_in_menus": True},
    )  # fmt: skip
    standard = {}
    for spec in site_content.STANDARD_PAGES:
        fields = {key: spec[key] for key in ("title", "intro", "body", "show_in_menus")}
        standard[spec["slug"]] = upsert_child(result, home, StandardPage, spec["slug"], finnish, fields)

    courses = {}
    for spec in COURSES:
        courses[spec.slug] = upsert_child(
            result, programme, CoursePage, spec.slug, finnish, _course_fields(spec, network),
            groups=_course_groups(spec, network),
        )  # fmt: skip

    # Translations: parents first, so copy_for_translation never has to make alias parents.
    for language, locale in locales.items():
        upsert_translation(
            result, home, locale, _translated_fields(home_spec, language, "slug", "title", "intro", "body")
        )
        upsert_translation(
            result, programme, locale,
            {**_translated_fields(programme_spec, language, "slug", "title", "intro"), "show_in_menus": True},
        )  # fmt: skip
        for spec in site_content.STANDARD_PAGES:
            fields = _translated_fields(spec, language, "slug", "title", "intro", "body")
            upsert_translation(
                result, standard[spec["slug"]], locale, {**fields, "show_in_menus": spec["show_in_menus"]}
            )
        for spec in COURSES:
            translation = (spec.translations or COURSE_TRANSLATIONS.get(spec.slug, {})).get(language)
            if translation is None:
                continue
            fields = {
                **_course_fields(spec, network),
                "title": translation["title"],
                "slug": translation["slug"],
                "summary": translation["summary"],
                "body": translation["body"],
                "learning_outcomes": "\n".join(translation["outcomes"]),
            }
            upsert_translation(result, courses[spec.slug], locale, fields, groups=_course_groups(spec, network))

    _configure_site_settings(site, standard)
    result.home, result.programme = home, programme
    return result


def _make_default_site(home: HomePage) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Perhekeskus"
        )
    if site.root_page_id != home.pk or not site.site_name:
        site.root_page = home
        site.site_name = site.site_name or "Perhekeskus"
        site.save()
    return site


def _remove_welcome_page(root: Page) -> None:
    """Delete Wagtail's "Welcome to your new Wagtail site!" page once no site uses it."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.child_of(root).filter(content_type=plain_page, slug="home"):
        if not page.get_children().exists() and not Site.objects.filter(root_page=page).exists():
            page.delete()


def _configure_site_settings(site: Site, standard: dict[str, StandardPage]) -> None:
    settings_object = SiteSettings.objects.get_or_create(site=site)[0]
    fields = {
        **site_content.SITE_SETTINGS,
        "accessibility_page_id": standard[site_content.ACCESSIBILITY["slug"]].pk,
        "privacy_page_id": standard[site_content.PRIVACY["slug"]].pk,
    }
    if any(getattr(settings_object, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(settings_object, name, value)
        settings_object.save()


def update_search_index(pages: list[Page]) -> None:
    """Index the pages now: publishing only queues the index update for the task worker."""
    for page in pages:
        index.insert_or_update_object(page)
