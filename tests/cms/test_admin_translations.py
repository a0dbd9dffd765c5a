"""The admin in Finnish: our menu items, panels, form fields and blocks show no English.

A label reads the same in Finnish and in English when it never went through our catalogues (a plain
string, a name Wagtail derived from code, a msgid without a translation): such a label is what a
Finnish editor would see in English.
"""

import json
import re
from collections.abc import Iterator

import pytest
from django.urls import get_resolver
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.viewsets import viewsets
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

OUR_APPS = {"people", "cms", "competencies", "training", "reporting"}


def ours(obj) -> bool:
    """Whether a class, or the class of an object, is defined in our code."""
    klass = obj if isinstance(obj, type) else type(obj)
    return klass.__module__.split(".")[0] in OUR_APPS


def block_labels(block, where: str) -> Iterator[tuple[str, object]]:
    """The labels of a StreamField's blocks, and of the children of blocks we define (Wagtail's own are its own)."""
    yield where, block.label
    if ours(block):
        for name, child in getattr(block, "child_blocks", {}).items():
            yield from block_labels(child, f"{where}.{name}")
        if hasattr(block, "child_block"):
            yield from block_labels(block.child_block, f"{where}.item")


def form_labels(form_class, where: str) -> Iterator[tuple[str, object]]:
    """Labels and help texts of the fields that come from our models or our forms, and of their inline formsets."""
    model = form_class._meta.model
    declared_by_us = {
        name for klass in form_class.__mro__ if ours(klass) for name in getattr(klass, "declared_fields", {})
    }
    for name, field in form_class.base_fields.items():
        try:
            defined_by_us = model._meta.get_field(name).model._meta.app_label in OUR_APPS
        except Exception:  # noqa: BLE001 - a form field without a model field
            defined_by_us = False
        if not (defined_by_us or name in declared_by_us):
            continue
        yield f"{where}.{name} (label)", field.label
        yield f"{where}.{name} (help text)", field.help_text
        if hasattr(field, "block"):
            yield from block_labels(field.block, f"{where}.{name}")
    for relation, formset in getattr(form_class, "formsets", {}).items():
        if formset.model._meta.app_label in OUR_APPS:
            yield from form_labels(formset.form, f"{where}.{relation}")


def panel_labels(panel, where: str) -> Iterator[tuple[str, object]]:
    for attribute in ("heading", "label", "help_text"):
        yield f"{where}: {type(panel).__name__}.{attribute}", getattr(panel, attribute, "")
    for child in getattr(panel, "children", []):
        yield from panel_labels(child, where)
    if hasattr(panel, "child_edit_handler"):
        yield from panel_labels(panel.child_edit_handler, where)


def edit_handler_labels(edit_handler, where: str) -> Iterator[tuple[str, object]]:
    yield from panel_labels(edit_handler, where)
    yield from form_labels(edit_handler.get_form_class(), where)


def admin_labels() -> Iterator[tuple[str, object]]:
    """Every label our admin screens show: viewsets, snippets, pages and settings."""
    get_resolver().url_patterns  # noqa: B018 - loading the admin's URLs registers the viewsets
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not ours(viewset) or not hasattr(viewset, "get_form_class"):
            continue
        where = type(viewset).__name__
        yield f"{where} (menu)", getattr(viewset, "menu_label", "")
        yield f"{where} (model)", model._meta.verbose_name
        yield f"{where} (model, plural)", model._meta.verbose_name_plural
        edit_handler = viewset._edit_handler
        if edit_handler is not None:
            yield from edit_handler_labels(edit_handler, where)
        else:
            yield from form_labels(viewset.get_form_class(for_update=True), where)
    for model in [*get_page_models(), *get_snippet_models(), *settings_registry]:
        if model._meta.app_label in OUR_APPS:
            yield f"{model.__name__} (model)", model._meta.verbose_name
            yield from edit_handler_labels(get_edit_handler(model), model.__name__)


def reads_the_same_in_finnish_and_english(labels) -> list[str]:
    same = []
    for where, label in labels:
        with translation.override("fi"):
            finnish = str(label)
        with translation.override("en"):
            english = str(label)
        if finnish and finnish == english:
            same.append(f"{where}: {finnish!r}")
    return same


def test_panels_fields_and_blocks_of_our_admin_screens_are_in_finnish():
    labels = list(admin_labels())
    assert len(labels) > 200  # every screen was reached
    assert reads_the_same_in_finnish_and_english(labels) == []


def menu_labels(admin_client, language: str) -> list[tuple[str, str]]:
    profile = UserProfile.get_for_user(admin_client.user)
    profile.preferred_language = language
    profile.save()
    page = admin_client.get("/admin/").content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page, re.S)
    items = []

    def walk(node) -> None:
        if isinstance(node, dict):
            # Wagtail's links to its own guide (outside this site) are Wagtail's to translate.
            if "label" in node and not node.get("url", "").startswith("http"):
                items.append((node.get("url") or node.get("name", ""), node["label"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return items


def test_the_admin_menu_is_in_finnish(admin_client):
    finnish, english = menu_labels(admin_client, "fi"), menu_labels(admin_client, "en")
    assert [where for where, _ in finnish] == [where for where, _ in english]
    assert len(finnish) > 20  # our menus and Wagtail's
    same = [
        f"{where}: {label!r}" for (where, label), (_, other) in zip(finnish, english, strict=True) if label == other
    ]
    assert same == []
