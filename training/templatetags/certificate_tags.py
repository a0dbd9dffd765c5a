"""Template tags of the certificate panels that other pages include with one line.

``{% session_certificates session as panel %}`` on the organiser's session page and
``{% my_certificates user as certificates %}`` on My trainings fetch what the panel shows through
the certificate selectors (a constant number of queries), so the including views stay as they are.
"""

from django import template

from ..selectors.certificates import certificates_of, session_certificates

register = template.Library()


@register.simple_tag
def session_certificate_panel(session):
    return session_certificates(session)


@register.simple_tag
def my_certificates(user):
    if not user.is_authenticated:
        return []
    return list(certificates_of(user))
