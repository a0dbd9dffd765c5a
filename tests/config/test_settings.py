"""Settings: security headers, the health check, production settings and the font checks."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks

from config.logging import JSONFormatter

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


class TestSecurityHeaders:
    def test_pages_carry_a_csp_without_unsafe_inline(self, client, home):
        response = client.get("/")
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy

    def test_login_and_error_pages_carry_the_csp_too(self, client, home):
        assert "Content-Security-Policy" in client.get("/accounts/login/")
        assert client.get("/no-such-page/").status_code == 404
        assert "Content-Security-Policy" in client.get("/no-such-page/")

    def test_wagtail_admin_is_exempt(self, client, home):
        assert "Content-Security-Policy" not in client.get("/admin/")

    def test_other_security_headers(self, client, home):
        response = client.get("/")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def _run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


class TestProductionSettings:
    def test_refuses_to_start_without_secret_key(self):
        result = _run_manage("check", ALLOWED_HOSTS="perhekeskus.example")
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr

    def test_refuses_to_start_without_allowed_hosts(self):
        result = _run_manage("check", SECRET_KEY="x" * 60)
        assert result.returncode != 0
        assert "ALLOWED_HOSTS" in result.stderr

    def test_deploy_check_passes_without_warnings(self):
        result = _run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            SECRET_KEY="k7#p2Vq9zL!x4mR8tY1wE6uI3oP0aS5dF-gH7jK2lZ9cX4vB1nM",
            ALLOWED_HOSTS="perhekeskus.example",
        )
        assert result.returncode == 0, result.stderr + result.stdout


class TestFontSubsettingCheck:
    def test_warns_when_harfbuzz_subset_is_missing(self, monkeypatch):
        from training import checks as training_checks

        monkeypatch.setattr(training_checks, "harfbuzz_subset_available", lambda: False)
        messages = training_checks.check_font_subsetting(None)
        assert [message.id for message in messages] == ["training.W001"]
        assert messages[0].level == checks.WARNING

    def test_silent_when_present(self, monkeypatch):
        from training import checks as training_checks

        monkeypatch.setattr(training_checks, "harfbuzz_subset_available", lambda: True)
        assert training_checks.check_font_subsetting(None) == []


def test_logs_are_one_json_object_per_line():
    record = logging.LogRecord("perhekeskus", logging.WARNING, __file__, 1, "Ilmoittautuminen %s", ("ok",), None)
    record.session_id = 42
    entry = json.loads(JSONFormatter().format(record))
    assert entry["level"] == "WARNING"
    assert entry["message"] == "Ilmoittautuminen ok"
    assert entry["session_id"] == 42


def test_production_refuses_a_short_secret_key():
    result = _run_manage("check", SECRET_KEY="", ALLOWED_HOSTS="perhekeskus.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50" in result.stderr
