"""Forms of the certificate pages: typing a verification code, revoking, a session's download."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import CertificateBatch
from ..models.certificates import CODE_LENGTH
from ..selectors.certificates import is_well_formed_code, normalise_code


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        help_text=_("The letters and digits printed under the QR code of the certificate."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Type the verification code.")},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not is_well_formed_code(code):
            raise ValidationError(
                _("A verification code has %(length)s letters and digits. Check the code on the certificate."),
                code="malformed",
                params={"length": CODE_LENGTH},
            )
        return code


class RevokeCertificateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept with the certificate. The public verification page says only that it was revoked."),
        error_messages={"required": _("Give a reason for revoking the certificate.")},
    )


class CertificateBatchForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=CertificateBatch.Format.choices, widget=forms.RadioSelect, initial="pdf"
    )
