"""The test suite's xdist scheduling (tests/scheduling.py), driven as xdist's controller drives it."""

from types import SimpleNamespace

from tests.scheduling import KeepTogetherScheduling

DEMO = [f"tests/demo/test_load_demo.py::test_{n}" for n in range(6)]
DEPLOYMENT = [f"tests/config/test_deployment.py::test_{n}" for n in range(3)]
# schemathesis gives every API operation's test the same id
FUZZ = ["tests/config/test_api_fuzz.py::test_the_api_survives_the_fuzzer"] * 4
COLLECTION = (
    [f"tests/config/test_a.py::test_{n}" for n in range(5)]
    + DEPLOYMENT
    + FUZZ
    + DEMO
    + [f"tests/people/test_b.py::test_{n}" for n in range(40)]
)


class Options:
    """What the scheduler reads of pytest's configuration: `-n 2`."""

    def getvalue(self, name: str):
        return {"tx": ["2*popen"], "maxschedchunk": None}[name]

    getoption = getvalue


class Worker:
    def __init__(self, name: str):
        self.name = name
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.received: list[int] = []

    def send_runtest_some(self, indices: list[int]) -> None:
        self.received.extend(indices)

    def shutdown(self) -> None:
        self.shutting_down = True


def run() -> dict[str, list[str]]:
    """Two workers collect ``COLLECTION`` and take turns finishing their next test until the scheduler is done;
    the test ids each ran, in order."""
    scheduler = KeepTogetherScheduling(Options())
    workers = [Worker("gw0"), Worker("gw1")]
    for worker in workers:
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, COLLECTION)
    scheduler.schedule()
    ran = {worker.name: [] for worker in workers}
    while scheduler.pending or any(scheduler.node2pending.values()):
        for worker in workers:
            if scheduler.node2pending[worker]:
                index = scheduler.node2pending[worker][0]
                ran[worker.name].append(index)
                scheduler.mark_test_complete(worker, index)
    for worker in workers:
        assert ran[worker.name] == worker.received  # in the order sent
    return {name: [COLLECTION[index] for index in indices] for name, indices in ran.items()}


def test_every_test_runs_once_and_each_group_on_one_worker():
    ran = run()
    assert sorted(ran["gw0"] + ran["gw1"]) == sorted(COLLECTION)
    for group in (DEMO, DEPLOYMENT):
        holders = [name for name, nodeids in ran.items() if group[0] in nodeids]
        assert len(holders) == 1
        nodeids = ran[holders[0]]
        start = nodeids.index(group[0])
        assert nodeids[start : start + len(group)] == group  # one after another, in the collection's order


def test_the_other_tests_are_shared():
    ran = run()
    for nodeids in ran.values():
        assert sum(nodeid.startswith("tests/people/") for nodeid in nodeids) >= 10
