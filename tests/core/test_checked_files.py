"""A checked file's round trip through a confirmation form (core.checked_files)."""

import base64

from core.checked_files import checked_file_content, checked_file_fields


def test_the_same_file_comes_back():
    fields = checked_file_fields(b"email;unit\n", salt="import:1")
    assert checked_file_content(fields["data"], fields["signature"], salt="import:1") == b"email;unit\n"


def test_a_changed_file_another_salt_or_broken_data_do_not():
    fields = checked_file_fields(b"email;unit\n", salt="import:1")
    changed = base64.b64encode(b"email;unit\nx\n").decode()
    assert checked_file_content(changed, fields["signature"], salt="import:1") is None
    assert checked_file_content(fields["data"], fields["signature"], salt="import:2") is None
    assert checked_file_content("not base64!", fields["signature"], salt="import:1") is None
    assert checked_file_content(fields["data"], "", salt="import:1") is None
