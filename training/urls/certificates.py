"""Certificate pages, in the "training" namespace under the language prefix (Finnish has none).

The verification page's address ``/certificates/verify/<code>/`` is printed on every certificate.
"""

from django.urls import path

import core.converters  # noqa: F401  (registers the "id" converter)

from ..views import certificates

urlpatterns = [
    path("certificates/verify/", certificates.verify_form, name="certificate_verify_form"),
    path("certificates/verify/<str:code>/", certificates.verify, name="certificate_verify"),
    path("certificates/<str:code>.pdf", certificates.certificate_pdf, name="certificate_pdf"),
    path("my-trainings/transcript.pdf", certificates.my_transcript_pdf, name="transcript_pdf"),
    path("my-trainings/transcript.csv", certificates.my_transcript_csv, name="transcript_csv"),
    path("organiser/sessions/<id:pk>/certificates/issue/", certificates.issue, name="organiser_certificates_issue"),
    path(
        "organiser/sessions/<id:pk>/certificates/<id:certificate_pk>/revoke/",
        certificates.revoke,
        name="organiser_certificate_revoke",
    ),
    path(
        "organiser/sessions/<id:pk>/certificates/downloads/",
        certificates.batch_create,
        name="organiser_certificate_batch_create",
    ),
    path(
        "organiser/sessions/<id:pk>/certificates/downloads/<id:batch_pk>/",
        certificates.batch_detail,
        name="organiser_certificate_batch",
    ),
    path(
        "organiser/sessions/<id:pk>/certificates/downloads/<id:batch_pk>/file",
        certificates.batch_download,
        name="organiser_certificate_batch_download",
    ),
]
