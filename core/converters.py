"""Path converters. ``id``: a database id in an address, at most 18 digits.

Django's ``int`` converter takes any number of digits, and a number beyond a 64-bit integer
makes the database query fail (a server error) instead of finding nothing (a 404). 18 digits
always fit in a signed 64-bit integer; a longer number does not match, so the address is a 404.
Importing this module registers the converter; the URL modules that use it import it.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
