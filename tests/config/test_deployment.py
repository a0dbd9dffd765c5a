"""The deployment files: docker-compose.yml, Dockerfile, gunicorn.conf.py, the entrypoint and CI script.

There is no container engine in the test environment, so the compose file and the Dockerfile
are checked by reading them; what runs inside the containers (gunicorn with our configuration,
production settings, the health check, the task worker) is started here for real, against a
throw-away SQLite database, listening on 127.0.0.1 only.
"""

import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest

try:
    import yaml
except ImportError:  # PyYAML is not a dependency: fall back to reading the text
    yaml = None

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"
COMPOSE = ROOT / "docker-compose.yml"
SECRET_KEY = "deployment-test-k7#p2Vq9zL!x4mR8tY1wE6uI3oP0aS5dF-gH7jK2lZ9cX4vB1nM"

# Variables that would steer the subprocesses away from the configuration under test.
_STRIPPED = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "DEBUG",
    "HOST",
    "PORT",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
    "MEDIA_ROOT",
}


# Static checks of the files
# ------------------------------------------------------------------------------


def _compose_services(text: str) -> dict[str, str]:
    """The text of each service under ``services:`` (keys indented by two spaces)."""
    services: dict[str, list[str]] = {}
    current = None
    in_services = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            in_services = line.rstrip() == "services:"
            current = None
            continue
        if not in_services:
            continue
        if match := re.fullmatch(r"  ([A-Za-z0-9_-]+):\s*", line):
            current = match.group(1)
            services[current] = []
        elif current:
            services[current].append(line)
    return {name: "\n".join(lines) for name, lines in services.items()}


class TestComposeFile:
    def setup_method(self):
        self.text = COMPOSE.read_text()
        self.services = _compose_services(self.text)

    def test_has_the_four_services(self):
        assert {"db", "redis", "web", "worker"} <= set(self.services)

    def test_web_runs_gunicorn_with_our_configuration(self):
        web = self.services["web"]
        assert re.search(r"command:.*gunicorn.*--config.*gunicorn\.conf\.py.*config\.wsgi", web)
        assert 'MIGRATE_ON_START: "1"' in web

    def test_worker_runs_db_worker(self):
        assert re.search(r"command:.*manage\.py.*db_worker", self.services["worker"])

    def test_scheduler_runs_the_periodic_jobs(self):
        assert re.search(r"command:.*manage\.py.*run_schedule", self.services["scheduler"])

    def test_every_service_has_a_healthcheck(self):
        for name, block in self.services.items():
            assert re.search(r"\n    healthcheck:\n      test: ", block), f"{name} has no healthcheck"
        assert "pg_isready" in self.services["db"]
        assert '"redis-cli", "ping"' in self.services["redis"]
        assert "docker/healthcheck.py" in self.services["web"]
        assert "/healthz" in (ROOT / "docker" / "healthcheck.py").read_text()

    def test_web_waits_for_healthy_database_and_redis(self):
        depends = self.services["web"].split("depends_on:")[1]
        for dependency in ("db", "redis"):
            assert re.search(rf"{dependency}:\n\s+condition: service_healthy", depends)

    def test_app_containers_reach_db_and_redis_by_service_name(self):
        assert re.search(r"DATABASE_URL: postgres://perhekeskus:.+@db:5432/perhekeskus\n", self.text)
        assert "REDIS_URL: redis://redis:6379/0" in self.text
        assert "env_file: .env" in self.text
        assert re.search(r"image: postgres:1[56]\b", self.services["db"])
        assert re.search(r"image: redis:7\b", self.services["redis"])

    def test_every_compose_variable_is_in_env_example(self):
        example = (ROOT / ".env.example").read_text()
        for name in set(re.findall(r"\$\{([A-Z0-9_]+)", self.text)):
            assert re.search(rf"^#? ?{name}=", example, re.MULTILINE), f"{name} missing from .env.example"

    def test_parses_as_yaml_with_the_same_shape(self):
        if yaml is None:
            return  # PyYAML is not installed: the text checks above cover the file
        services = yaml.safe_load(self.text)["services"]
        assert {"db", "redis", "web", "worker"} <= set(services)
        assert services["web"]["command"][0] == "gunicorn"
        assert "db_worker" in services["worker"]["command"]
        assert all("test" in service["healthcheck"] for service in services.values())
        assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"


class TestImageFiles:
    def test_dockerfile(self):
        dockerfile = (ROOT / "Dockerfile").read_text()
        assert re.search(r"^FROM python:3\.11-slim-bookworm\b", dockerfile, re.MULTILINE)
        for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0"):
            assert package in dockerfile
        assert "--require-hashes --no-deps -r requirements.lock" in dockerfile
        assert "pybabel compile --domain django --directory locale" in dockerfile
        assert "collectstatic" in dockerfile
        users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
        assert users and users[-1] not in {"root", "0"}
        assert re.search(r"^EXPOSE 8000$", dockerfile, re.MULTILINE)
        # The dummy build-time secret must not become part of the image's environment.
        assert not re.search(r"^(ENV|ARG)\b.*SECRET_KEY", dockerfile, re.MULTILINE)

    def test_dockerignore_keeps_secrets_and_local_state_out(self):
        ignored = set((ROOT / ".dockerignore").read_text().split())
        assert {".env", ".git", ".venv", "db.sqlite3*", "media", "staticfiles"} <= ignored

    def test_production_lock_has_the_server_dependencies(self):
        lock = (ROOT / "requirements.lock").read_text()
        for package in ("gunicorn", "psycopg", "psycopg-binary", "redis", "weasyprint", "babel"):
            assert re.search(rf"^{package}==\S+ \\$", lock, re.MULTILINE), package
        assert "--hash=sha256:" in lock

    @pytest.mark.parametrize(("script", "shell"), [("docker/entrypoint.sh", "sh"), (".ci/run", "bash")])
    def test_scripts_are_executable_and_parse(self, script, shell):
        path = ROOT / script
        assert os.access(path, os.X_OK), f"{script} is not executable"
        if shutil.which(shell):
            result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True, timeout=10)  # noqa: S603
            assert result.returncode == 0, result.stderr


def _environment_variables_read_by_the_code() -> set[str]:
    names = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        names |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", path.read_text()))
    names |= set(re.findall(r"os\.environ\.get\(\"([A-Z][A-Z0-9_]*)\"", (ROOT / "gunicorn.conf.py").read_text()))
    return names


def test_every_environment_variable_is_documented():
    names = _environment_variables_read_by_the_code()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "WEB_CONCURRENCY"} <= names
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in sorted(names):
        assert re.search(rf"^#? ?{name}=", example, re.MULTILINE), f"{name} missing from .env.example"
        assert f"`{name}`" in readme, f"{name} missing from the README's table"


# The production configuration, running
# ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _manage(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(MANAGE), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def _get(port: int, path: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def production_env(tmp_path_factory) -> dict[str, str]:
    """Production settings on a fresh SQLite file holding the task queue's tables.

    Only django_tasks_db is migrated: the full migration history takes over half a minute on
    SQLite and runs in every `make test` anyway; /healthz needs a connection, the worker the queue.
    """
    directory = tmp_path_factory.mktemp("deployment")
    env = {key: value for key, value in os.environ.items() if key not in _STRIPPED}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="False",
        DATABASE_URL=f"sqlite:///{directory / 'db.sqlite3'}",
        REDIS_URL="",
        EMAIL_URL="consolemail://",
        MEDIA_ROOT=str(directory / "media"),
        PYTHONUNBUFFERED="1",
    )
    result = _manage("migrate", "django_tasks_database", "--noinput", env=env, timeout=120)
    assert result.returncode == 0, result.stderr + result.stdout
    return env


@pytest.fixture
def gunicorn_server(production_env, tmp_path):
    """gunicorn with gunicorn.conf.py and config.wsgi on a free port of 127.0.0.1; yields (port, log path)."""
    port = _free_port()
    env = {**production_env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "1"}
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 45
        while True:
            assert process.poll() is None, f"gunicorn exited:\n{log.read_text()}"
            try:
                _get(port, "/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, f"gunicorn did not answer in time:\n{log.read_text()}"
                time.sleep(0.2)
        yield port, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def test_gunicorn_serves_the_health_check_under_production_settings(gunicorn_server, production_env):
    port, log = gunicorn_server
    status, body = _get(port, "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": True}
    # Production settings are in force: an unknown host is refused.
    assert _get(port, "/healthz", host="attacker.example")[0] == 400
    # The container's health check script agrees.
    check = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "docker" / "healthcheck.py")],
        env={**production_env, "PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=15,
    )
    assert check.returncode == 0, check.stderr
    # Access log lines go to stdout (captured into the log file), written just after the response.
    deadline = time.monotonic() + 10
    while '"GET /healthz HTTP/1.1" 200' not in log.read_text():
        assert time.monotonic() < deadline, f"no access log line on stdout:\n{log.read_text()}"
        time.sleep(0.1)


def test_db_worker_runs_a_queued_email_task(production_env):
    enqueue = _manage(
        "shell",
        "-c",
        "from people.tasks import send_email\n"
        "result = send_email.enqueue(subject='Tervetuloa koulutukseen', body='Hei!', to=['anna@example.fi'])\n"
        "print('TASK_ID=' + str(result.id))",
        env=production_env,
    )
    assert enqueue.returncode == 0, enqueue.stderr
    [task_id] = re.findall(r"^TASK_ID=(\S+)$", enqueue.stdout, re.MULTILINE)

    worker = _manage("db_worker", "--batch", "--no-startup-delay", env=production_env)
    assert worker.returncode == 0, worker.stderr
    assert "Subject: Tervetuloa koulutukseen" in worker.stdout  # the console email backend's output

    # The stored result, read straight from the SQLite file (one Django start-up fewer).
    from django_tasks_db.models import DBTaskResult

    database = production_env["DATABASE_URL"].removeprefix("sqlite:///")
    with closing(sqlite3.connect(database)) as connection:
        row = connection.execute(
            f"SELECT status, return_value FROM {DBTaskResult._meta.db_table} WHERE id = ?",  # noqa: S608
            [uuid.UUID(task_id).hex],
        ).fetchone()
    assert row == ("SUCCESSFUL", "1")
