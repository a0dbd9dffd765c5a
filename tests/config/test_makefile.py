"""The Makefile's own logic, run by make with stand-ins for the programs it calls."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")
# Variables of an outer make (e.g. `make test PORT=9`) that would leak into the make under test.
OUTER_MAKE = {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}


@pytest.fixture(autouse=True)
def _needs_make():
    if MAKE is None:
        pytest.skip("make is not installed")


def write_script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


def make(*args: str, path: str | None = None, **variables: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in OUTER_MAKE | {"HOST", "PORT"}}
    if path is not None:
        environment["PATH"] = path
    return subprocess.run(  # noqa: S603 - make, on our own Makefile
        [MAKE, "--no-print-directory", "-C", str(ROOT), *args],
        env=environment | variables,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


class TestRun:
    """`make run` and `make worker` hand HOST and PORT to every command, which derive the links from them."""

    @pytest.fixture
    def python(self, tmp_path) -> tuple[Path, Path]:
        """A stand-in for the virtual environment's python that logs each command with HOST and PORT.

        Its "server" waits for the "worker" (started in the background) to log, as the real one outlives it.
        """
        log = tmp_path / "commands.log"
        script = write_script(
            tmp_path / "python",
            f'echo "$* HOST=$HOST PORT=$PORT" >> "{log}"\n'
            'if [ "$2" = runserver ]; then\n'
            f'    for _ in $(seq 50); do grep -q db_worker "{log}" && break; sleep 0.1; done\n'
            "fi\n",
        )
        return script, log

    @pytest.mark.parametrize("target", ["run", "worker"])
    def test_every_command_sees_the_default_host_and_port(self, python, target):
        script, log = python
        result = make("-o", "install", target, f"PY={script}")
        assert result.returncode == 0, result.stderr
        lines = log.read_text().splitlines()
        assert any("db_worker" in line for line in lines)
        assert all(line.endswith("HOST=127.0.0.1 PORT=8000") for line in lines), lines

    def test_every_command_sees_the_port_asked_for(self, python):
        script, log = python
        result = make("-o", "install", "run", f"PY={script}", "PORT=8102")
        assert result.returncode == 0, result.stderr
        lines = log.read_text().splitlines()
        # The worker starts in the background: its line may come before or after the server's.
        assert sorted(line.split(" HOST=")[0] for line in lines) == [
            "manage.py db_worker",
            "manage.py load_demo",
            "manage.py migrate --noinput",
            "manage.py runserver 127.0.0.1:8102",
        ]
        assert all(line.endswith("HOST=127.0.0.1 PORT=8102") for line in lines), lines
