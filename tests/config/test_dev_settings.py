"""Development settings: links in emails and calendars point at the server `make run` starts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dev_settings(*names: str, **variables: str) -> list[str]:
    """Development settings read in a fresh interpreter, where only ``variables`` set HOST, PORT or SITE_URL."""
    env_file = ROOT / ".env"
    if env_file.exists() and "SITE_URL=" in env_file.read_text():
        pytest.skip(".env sets SITE_URL, which development settings honour")
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"HOST", "PORT", "SITE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    code = "from config.settings import dev; " + "; ".join(f"print(dev.{name})" for name in names)
    result = subprocess.run(  # noqa: S603 - our own settings module
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment | variables,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_links_follow_the_port_the_server_runs_on():
    assert dev_settings("SITE_URL", "WAGTAILADMIN_BASE_URL", PORT="8102") == ["http://127.0.0.1:8102"] * 2


def test_links_follow_the_host_the_server_runs_on():
    assert dev_settings("SITE_URL", HOST="192.168.1.20", PORT="8102") == ["http://192.168.1.20:8102"]


def test_a_server_listening_on_every_address_is_linked_through_this_machine():
    assert dev_settings("SITE_URL", HOST="0.0.0.0", PORT="9000") == ["http://127.0.0.1:9000"]  # noqa: S104


def test_without_host_and_port_links_use_the_default_server():
    assert dev_settings("SITE_URL") == ["http://127.0.0.1:8000"]


def test_a_site_url_set_in_the_environment_wins():
    assert dev_settings("SITE_URL", SITE_URL="https://koulutus.example", PORT="8102") == ["https://koulutus.example"]
