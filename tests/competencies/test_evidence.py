"""Evidence: external certificates people upload, and course completions training records."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from competencies.errors import CompetenceError
from competencies.models import Evidence, FrameworkVersion
from competencies.services import evidence_create, evidence_record_course_completion
from tests.competencies.factories import make_framework
from tests.competencies.helpers import coordinator, login, queries_for, text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(content=PDF, name="todistus.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_data(setting, **overrides):
    data = {
        "title": "Lapset puheeksi -sertifikaatti",
        "issuer": "MIELI ry",
        "achieved_on": "2025-05-20",
        "competences": [setting.data.competences[0].pk],
        "file": upload(),
    }
    data.update(overrides)
    return data


class TestUpload:
    def test_a_pdf_certificate_is_saved_with_its_competences(self, client, setting):
        login(client, setting.person)
        response = client.post(reverse("competencies:evidence_create"), post_data(setting))
        assert response.status_code == 302
        evidence = Evidence.objects.get()
        assert (evidence.person, evidence.kind, evidence.issuer) == (setting.person, "external", "MIELI ry")
        assert list(evidence.competences.all()) == [setting.data.competences[0]]
        assert evidence.file.name.startswith("evidence/")

    def test_a_png_is_accepted_whatever_its_name(self, setting):
        evidence = evidence_create(
            person=setting.person, title="Kuva", achieved_on=TODAY, file=upload(PNG, "scan.bin", "application/x")
        )
        assert evidence.file

    def test_a_file_of_the_wrong_type_is_refused_by_its_content(self, client, setting):
        login(client, setting.person)
        fake = upload(b"MZ\x90\x00 not really a pdf", "todistus.pdf")
        response = client.post(reverse("competencies:evidence_create"), post_data(setting, file=fake))
        assert response.status_code == 400
        assert CompetenceError("evidence_file_type").message in response.context["form"].errors["file"]
        assert 'value="Lapset puheeksi -sertifikaatti"' in text(response)
        assert not Evidence.objects.exists()

    @override_settings(EVIDENCE_MAX_BYTES=1024)
    def test_a_file_that_is_too_large_is_refused(self, client, setting):
        login(client, setting.person)
        big = upload(PDF + b"0" * 2048)
        response = client.post(reverse("competencies:evidence_create"), post_data(setting, file=big))
        assert response.status_code == 400
        assert CompetenceError("evidence_file_size", max_mb=0.0).message in response.context["form"].errors["file"]
        assert not Evidence.objects.exists()

    @override_settings(EVIDENCE_MAX_BYTES=1024)
    def test_the_service_refuses_wrong_type_and_size_too(self, setting):
        with pytest.raises(CompetenceError) as error:
            evidence_create(person=setting.person, title="x", achieved_on=TODAY, file=upload(b"GIF89a....."))
        assert error.value.code == "evidence_file_type"
        with pytest.raises(CompetenceError) as error:
            evidence_create(person=setting.person, title="x", achieved_on=TODAY, file=upload(PDF + b"0" * 2048))
        assert error.value.code == "evidence_file_size"

    def test_only_competences_from_the_persons_requirements_can_be_linked(self, client, setting):
        login(client, setting.person)
        response = client.post(
            reverse("competencies:evidence_create"), post_data(setting, competences=[setting.data.other.pk])
        )
        assert response.status_code == 400
        assert "competences" in response.context["form"].errors
        with pytest.raises(CompetenceError) as error:
            evidence_create(
                person=setting.person, title="x", achieved_on=TODAY, file=upload(), competences=[setting.data.other]
            )
        assert error.value.code == "competence_not_required"


class TestFiles:
    @pytest.fixture
    def evidence(self, setting):
        return evidence_create(
            person=setting.person, title="Todistus", achieved_on=TODAY, file=upload(), issuer="Yliopisto"
        )

    def test_the_person_downloads_their_own_file(self, client, setting, evidence):
        login(client, setting.person)
        response = client.get(reverse("competencies:evidence_file", args=[evidence.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
        assert "no-store" in response["Cache-Control"]

    def test_their_manager_may_open_it(self, client, setting, evidence):
        login(client, setting.manager)
        assert client.get(reverse("competencies:evidence_file", args=[evidence.pk])).status_code == 200

    def test_coordinators_and_administrators_who_do_not_manage_the_person_get_404(self, client, setting, evidence):
        administrator = UserFactory(is_superuser=True, is_staff=True, unit=setting.other_unit)
        TOTP.activate(administrator, generate_totp_secret())
        coordinating_manager = coordinator()
        setting.other_unit.managers.add(coordinating_manager)
        for user in (coordinator(), administrator, coordinating_manager):
            login(client, user)
            assert client.get(reverse("competencies:evidence_file", args=[evidence.pk])).status_code == 404

    def test_colleagues_and_other_managers_get_404(self, client, setting, evidence):
        other_manager = UserFactory(unit=setting.other_unit)
        setting.other_unit.managers.add(other_manager)
        for user in (setting.colleague, setting.outsider, other_manager):
            login(client, user)
            assert client.get(reverse("competencies:evidence_file", args=[evidence.pk])).status_code == 404

    def test_the_file_is_not_a_public_media_url(self, client, setting, evidence):
        assert client.get(f"/media/{evidence.file.name}").status_code == 404

    def test_delete_asks_for_confirmation_and_then_removes_the_file(
        self, client, setting, evidence, django_capture_on_commit_callbacks
    ):
        login(client, setting.person)
        address = reverse("competencies:evidence_delete", args=[evidence.pk])
        response = client.get(address)
        assert response.status_code == 200
        assert Evidence.objects.exists()
        storage, name = evidence.file.storage, evidence.file.name
        assert storage.exists(name)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(address)
        assert response.status_code == 302
        assert not Evidence.objects.exists()
        assert not storage.exists(name)

    def test_someone_elses_evidence_cannot_be_deleted(self, client, setting, evidence):
        login(client, setting.manager)
        address = reverse("competencies:evidence_delete", args=[evidence.pk])
        assert client.get(address).status_code == 404
        assert client.post(address).status_code == 404
        assert Evidence.objects.exists()

    def test_course_evidence_cannot_be_deleted_by_hand(self, client, setting):
        course = evidence_record_course_completion(
            person=setting.person, competence_codes=["A1"], title="Kurssi", achieved_on=TODAY, source_key="e:1"
        )
        login(client, setting.person)
        assert client.post(reverse("competencies:evidence_delete", args=[course.pk])).status_code == 404


class TestListAndAssessmentPage:
    def test_the_list_shows_only_own_evidence_in_constant_queries(self, client, setting):
        evidence_create(person=setting.colleague, title="Kollegan", achieved_on=TODAY, file=upload())
        login(client, setting.person)
        address = reverse("competencies:evidence")
        evidence_create(person=setting.person, title="Oma", achieved_on=TODAY, file=upload())
        few = queries_for(client, address)
        for index in range(5):
            evidence_create(
                person=setting.person,
                title=f"Oma {index}",
                achieved_on=TODAY,
                file=upload(),
                competences=setting.data.competences,
            )
        assert queries_for(client, address) == few
        page = text(client.get(address))
        assert "Oma 4" in page and "Kollegan" not in page

    def test_evidence_is_shown_beside_the_ratings(self, client, setting):
        evidence_record_course_completion(
            person=setting.person,
            competence_codes=["A1"],
            title="Lapset puheeksi -koulutus",
            achieved_on=TODAY,
            source_key="enrolment:1",
        )
        login(client, setting.person)
        page = text(client.get(reverse("competencies:assessment", args=[setting.round.pk])))
        first = setting.data.by_code("A1")
        second = setting.data.by_code("A2")
        fieldset = page[page.index(f'id="competence-{first.pk}"') : page.index(f'id="competence-{second.pk}"')]
        assert "Lapset puheeksi -koulutus" in fieldset
        assert page.count("Lapset puheeksi -koulutus") == 1

    def test_signed_out_visitors_are_sent_to_sign_in(self, client, setting):
        assert client.get(reverse("competencies:evidence")).status_code == 302


class TestCourseCompletion:
    def test_records_the_competences_of_the_current_published_version(self, setting):
        evidence = evidence_record_course_completion(
            person=setting.person,
            competence_codes=["A1", "B2", "ZZ"],
            framework_code=setting.data.version.framework.code,
            title="Perhekeskus tutuksi",
            achieved_on=TODAY,
            source_key="enrolment:7",
        )
        assert evidence.kind == Evidence.Kind.COURSE
        assert {competence.code for competence in evidence.competences.all()} == {"A1", "B2"}
        assert {competence.version for competence in evidence.competences.all()} == {setting.data.version}

    def test_is_idempotent_by_source_key(self, setting):
        kwargs = {
            "person": setting.person,
            "competence_codes": ["A1"],
            "title": "Kurssi",
            "achieved_on": TODAY,
            "source_key": "enrolment:8",
        }
        first = evidence_record_course_completion(**kwargs)
        again = evidence_record_course_completion(**{**kwargs, "title": "Toinen nimi"})
        assert again.pk == first.pk
        assert Evidence.objects.count() == 1
        assert Evidence.objects.get().title == "Kurssi"

    def test_a_newer_published_version_wins_over_a_retired_one(self, setting):
        framework = setting.data.version.framework
        FrameworkVersion.objects.filter(pk=setting.data.version.pk).update(status=FrameworkVersion.Status.RETIRED)
        newer = make_framework(group=setting.data.group, framework=framework, number=2)
        evidence = evidence_record_course_completion(
            person=setting.person,
            competence_codes=["A1"],
            framework_code=framework.code,
            title="Kurssi",
            achieved_on=TODAY,
            source_key="enrolment:9",
        )
        assert [competence.pk for competence in evidence.competences.all()] == [newer.by_code("A1").pk]

    def test_without_a_framework_code_every_framework_with_the_codes_is_linked(self, setting):
        other = make_framework(group=setting.data.group)
        draft = make_framework(group=setting.data.group, status=FrameworkVersion.Status.DRAFT)
        evidence = evidence_record_course_completion(
            person=setting.person,
            competence_codes=["B1"],
            title="Kurssi",
            achieved_on=TODAY,
            source_key="enrolment:10",
        )
        linked = set(evidence.competences.all())
        assert linked == {setting.data.by_code("B1"), other.by_code("B1")}
        assert draft.by_code("B1") not in linked

    def test_nothing_is_recorded_when_no_competence_matches(self, setting):
        result = evidence_record_course_completion(
            person=setting.person,
            competence_codes=["NOPE"],
            title="Kurssi",
            achieved_on=TODAY - datetime.timedelta(days=1),
            source_key="enrolment:11",
        )
        assert result is None
        assert not Evidence.objects.exists()

    def test_an_unknown_framework_code_records_nothing(self, setting):
        assert (
            evidence_record_course_completion(
                person=setting.person,
                competence_codes=["A1"],
                framework_code="no-such-framework",
                title="Kurssi",
                achieved_on=TODAY,
                source_key="enrolment:12",
            )
            is None
        )
