"""Avatars in the Wagtail admin: a person without an uploaded picture is shown by their initials.

Wagtail would otherwise ask Gravatar, another site (unreachable without internet, and told a hash of
each email address), and show a broken image where it does not answer.
"""

from __future__ import annotations

import zlib
from urllib.parse import quote

from django.utils.html import escape

# White letters read on each of these (contrast above 4.5:1).
BACKGROUNDS = ("#2e1f5e", "#005b5c", "#8a2e5c", "#3b5e2b", "#9a3f00", "#1f5b94")


def initials(user) -> str:
    """Up to two letters: the first of the first and last names, or of the email address without them."""
    letters = "".join(name.strip()[0] for name in (user.first_name, user.last_name) if name and name.strip())
    return (letters or (user.email or "?")[0]).upper()


def initials_avatar_url(user, size: int = 50) -> str | None:
    """A data: URL of an SVG with the person's initials; None when they uploaded a picture, which Wagtail shows."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    background = BACKGROUNDS[zlib.crc32((user.email or "").encode()) % len(BACKGROUNDS)]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="{int(size)}" height="{int(size)}">'
        f'<rect width="40" height="40" fill="{background}"/>'
        '<text x="20" y="20" dy=".35em" text-anchor="middle" font-family="DejaVu Sans, sans-serif" '
        f'font-size="16" font-weight="bold" fill="#fff">{escape(initials(user))}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg)
