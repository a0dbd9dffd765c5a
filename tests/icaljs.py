"""ical.js, the iCalendar library of Thunderbird, run by node: reads our calendars as a client does.

One node process serves a whole test module (``tests/ical_expand.mjs``); node and the npm package
(``package.json``, installed by ``make test`` with ``npm ci``) must be present, else the tests
skip, or fail in CI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "ical_expand.mjs"


def pinned_version() -> str:
    return json.loads((ROOT / "package.json").read_text())["devDependencies"]["ical.js"]


class IcalJs:
    """Sends calendars to one node process and reads back what ical.js makes of them."""

    def __init__(self, node: str) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - node and our own script
            [node, str(SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def read(self, *calendars: bytes | str, instants: Sequence[datetime] = ()) -> list[dict]:
        """Each calendar as ical.js reads it: ``{"method": ..., "events": [{"uid", "occurrences", ...}]}``.

        With ``instants``, also ``"offsets"``: ``{tzid: [UTC offset in seconds of each instant]}``, as
        each VTIMEZONE of the calendar gives them.
        """
        moments = [moment.astimezone(UTC).isoformat() for moment in instants]
        texts = [
            {"ics": calendar.decode() if isinstance(calendar, bytes) else calendar, "instants": moments}
            for calendar in calendars
        ]
        self.process.stdin.write(json.dumps(texts) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"ical.js stopped (exit status {self.process.wait()})")
        results = json.loads(answer)
        for result in results:
            if "error" in result:
                raise AssertionError(f"ical.js cannot read the calendar: {result['error']}")
        return results

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=10)


def icaljs_process() -> Iterator[IcalJs]:
    """For a module-scoped fixture: the running reader, or a skip (a failure in CI) when it cannot run."""
    node = shutil.which("node")
    if node is None:
        skip_or_fail("node is not installed: the calendars cannot be read with ical.js")
    installed = ROOT / "node_modules" / "ical.js" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != pinned_version():
        skip_or_fail(f"ical.js {pinned_version()} is not installed: run `npm ci` (make test does)")
    reader = IcalJs(node)
    try:
        yield reader
    finally:
        reader.close()


def instant(value: str) -> datetime:
    """An instant ical.js printed (``2027-06-08T06:00:00.000Z``) as an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def spans(event: dict) -> list[tuple[datetime, datetime]]:
    """The (start, end) instants of every occurrence ical.js expands from ``event``."""
    return [(instant(occurrence["start"]), instant(occurrence["end"])) for occurrence in event["occurrences"]]
