"""The register of personal data (people.personal_data): every relation to a person is accounted for."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from people import personal_data
from people.personal_data import entries, person_relations, unregistered_relations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_model_related_to_a_person_declares_how_it_is_exported_and_erased():
    missing = unregistered_relations()
    assert not missing, (
        "Relations to the user model without an entry in the register of personal data: "
        f"{missing}. Declare them with people.personal_data.register() in the app's personal_data.py "
        "(export and erase, or a reason why neither)."
    )


def test_the_meta_test_notices_a_relation_nobody_declared(monkeypatch):
    enrolments = [entry for entry in entries() if entry.label == "training.Enrolment" and "person" in entry.fields]
    monkeypatch.setattr(personal_data, "_entries", [entry for entry in entries() if entry not in enrolments])
    assert ("training.Enrolment", "person") in unregistered_relations()


def test_relations_of_every_app_are_found_including_third_party_ones():
    relations = set(person_relations())
    assert {
        ("training.Enrolment", "person"),
        ("people.OrgUnit", "managers"),
        ("training.CalendarFeed", "person"),
        ("account.EmailAddress", "user"),
        ("wagtailcore.APIToken", "user"),
    } <= relations


def test_every_entry_names_real_relations_to_a_person_and_says_why_when_it_keeps_them():
    user_model = get_user_model()
    for entry in entries():
        assert apps.get_model(entry.label) is entry.model
        for name in entry.fields:
            field = entry.model._meta.get_field(name)
            # The user model's own relations (groups, permissions) point elsewhere.
            target = field.model if entry.model is user_model else field.related_model
            assert field.is_relation and target is user_model, (entry.label, name)
        assert entry.erase is not None or entry.reason, entry.label


def test_every_export_is_json_for_a_person_with_and_without_data():
    for person in (UserFactory(), UserFactory(unit=None, professional_group=None)):
        for entry in entries():
            if entry.export is not None:
                json.dumps(entry.export(person))
