"""How pytest-xdist shares the tests between its workers (`make test` runs ``-n auto``).

Some tests share fixtures built once for a package or module that cost seconds, such as the demo. xdist's load
scheduling sends the tests in batches to whichever worker is free, so such a group could run on every worker and
each would build its fixtures. Here a batch that starts a group of ``KEPT_ON_ONE_WORKER`` takes the rest of the
group with it; every other test is scheduled as xdist does. (xdist's `--dist loadgroup` would group by a mark, but
pytest 9.2 no longer reads the test ids that mark rewrites, and it keys its work by test id, which schemathesis's
tests share.)
"""

from xdist.scheduler import LoadScheduling

KEPT_ON_ONE_WORKER = (
    "tests/demo/",  # the demo, a quarter of a minute
    "tests/config/test_deployment.py",  # a production database and a gunicorn server
)


def group_of(nodeid: str) -> str | None:
    return next((prefix for prefix in KEPT_ON_ONE_WORKER if nodeid.startswith(prefix)), None)


class KeepTogetherScheduling(LoadScheduling):
    def _send_tests(self, node, num: int) -> None:
        """xdist's own sending, after moving the rest of each group the batch starts up behind it."""
        groups = {group_of(self.collection[index]) for index in self.pending[:num]} - {None}
        if groups:
            rest = self.pending[num:]
            joining = [index for index in rest if group_of(self.collection[index]) in groups]
            self.pending[num:] = joining + [index for index in rest if group_of(self.collection[index]) not in groups]
            num += len(joining)
        super()._send_tests(node, num)
