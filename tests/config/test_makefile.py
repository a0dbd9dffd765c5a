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


PANGO = ["libpango-1.0-0", "libpangoft2-1.0-0"]
SPEED_AND_FONT = ["libharfbuzz-subset0", "fonts-dejavu-core"]
FAKE_DPKG = """[ "$1" = -s ] || exit 2
if [ -e "$FAKE_STATE/$2" ]; then printf 'Package: %s\\nStatus: install ok installed\\n' "$2"
else echo "dpkg-query: package '$2' is not installed" >&2; exit 1; fi
"""
FAKE_APT_GET = """echo "apt-get $*" >> "$FAKE_LOG"
if [ "$1" = install ]; then
    for argument in "$@"; do case "$argument" in install|-*) ;; *) : > "$FAKE_STATE/$argument";; esac; done
fi
exit "${FAKE_APT_EXIT:-0}"
"""
FAKE_SUDO = 'echo "sudo $*" >> "$FAKE_LOG"\nexec "$@"\n'


class FakeDebian:
    """A PATH of tiny stand-ins for dpkg, apt-get, sudo and id; dpkg knows the packages in ``state``."""

    def __init__(self, directory: Path) -> None:
        self.bin = directory / "bin"
        self.state = directory / "state"
        self.log = directory / "calls.log"
        self.bin.mkdir()
        self.state.mkdir()
        self.log.touch()
        (self.bin / "grep").symlink_to(shutil.which("grep"))
        write_script(self.bin / "dpkg", FAKE_DPKG)
        write_script(self.bin / "id", 'echo "$FAKE_UID"\n')
        self.uid = 0
        self.apt_exit = 0

    def with_apt_get(self) -> "FakeDebian":
        write_script(self.bin / "apt-get", FAKE_APT_GET)
        return self

    def with_sudo(self) -> "FakeDebian":
        write_script(self.bin / "sudo", FAKE_SUDO)
        return self

    def installed(self, *packages: str) -> "FakeDebian":
        for package in packages:
            (self.state / package).touch()
        return self

    def install_system_packages(self) -> subprocess.CompletedProcess:
        return make(
            "install-system-packages",
            path=str(self.bin),
            FAKE_STATE=str(self.state),
            FAKE_LOG=str(self.log),
            FAKE_UID=str(self.uid),
            FAKE_APT_EXIT=str(self.apt_exit),
        )

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines()


def words(*packages: str) -> str:
    return " ".join(packages)


class TestSystemPackages:
    @pytest.fixture
    def debian(self, tmp_path) -> FakeDebian:
        return FakeDebian(tmp_path)

    def test_it_installs_what_is_missing_with_apt_get(self, debian):
        result = debian.with_apt_get().installed(*PANGO).install_system_packages()
        assert result.returncode == 0, result.stderr
        assert debian.calls() == [
            "apt-get update -qq",
            f"apt-get install -y -qq --no-install-recommends {words(*SPEED_AND_FONT)}",
        ]
        assert f"System packages found: {words(*PANGO)}\n" in result.stdout
        assert f"System packages installed: {words(*SPEED_AND_FONT)}\n" in result.stdout

    def test_without_root_it_installs_through_sudo(self, debian):
        debian.uid = 1000
        result = debian.with_apt_get().with_sudo().install_system_packages()
        assert result.returncode == 0, result.stderr
        assert [call.split()[:2] for call in debian.calls() if call.startswith("sudo")] == [
            ["sudo", "apt-get"],
            ["sudo", "apt-get"],
        ]
        assert f"System packages installed: {words(*PANGO, *SPEED_AND_FONT)}\n" in result.stdout
        assert sorted(path.name for path in debian.state.iterdir()) == sorted(PANGO + SPEED_AND_FONT)

    def test_when_everything_is_present_it_says_so_and_installs_nothing(self, debian):
        result = debian.with_apt_get().with_sudo().installed(*PANGO, *SPEED_AND_FONT).install_system_packages()
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"System packages found: {words(*PANGO, *SPEED_AND_FONT)}\n"
        assert debian.calls() == []

    @pytest.mark.parametrize(
        "setting",
        ["no apt-get", "not root and no sudo", "apt-get fails"],
    )
    def test_where_it_cannot_install_it_names_the_packages_and_the_command(self, debian, setting):
        if setting == "not root and no sudo":
            debian.uid = 1000
            debian.with_apt_get()
        elif setting == "apt-get fails":
            debian.apt_exit = 100
            debian.with_apt_get()
        result = debian.installed(*PANGO).install_system_packages()
        # HarfBuzz's subsetter and the font only make PDFs faster and in the right font: the product still works.
        assert result.returncode == 0, result.stderr
        assert f"System packages missing: {words(*SPEED_AND_FONT)}" in result.stderr
        assert f"apt-get install --no-install-recommends {words(*SPEED_AND_FONT)}\n" in result.stderr
        assert "System packages installed" not in result.stdout

    @pytest.mark.parametrize("setting", ["no apt-get", "not root and no sudo"])
    def test_without_pango_it_fails_as_no_pdf_can_be_made(self, debian, setting):
        if setting == "not root and no sudo":
            debian.uid = 1000
            debian.with_apt_get()
        result = debian.installed(*SPEED_AND_FONT).install_system_packages()
        assert result.returncode != 0
        assert f"apt-get install --no-install-recommends {words(*PANGO)}\n" in result.stderr
        assert "Without Pango" in result.stderr
        assert debian.calls() == []
