"""The pieces of `python -m bench http` and `load` that can rot unseen: the floor page, reading wrk's report,
the Lua scripts (run by wrk against a small local server), the tables. No timing is asserted."""

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import resolve

from bench import wrk
from bench.http import Target, growth_lines, scale_database_url
from bench.load import format_stats
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db

REPORT = """\
Running 5s test @ http://127.0.0.1:40111/bench/floor/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.07ms    1.21ms  21.35ms   81.50%
    Req/Sec     1.64k   112.07     1.90k    71.00%
  Latency Distribution
     50%  850.00us
     75%    3.51ms
     90%    4.27ms
     99%    1.20s
  16358 requests in 5.01s, 708.63MB read
  Non-2xx or 3xx responses: 12
  Socket errors: connect 0, read 2, write 0, timeout 3
Requests/sec:   3265.07
Transfer/sec:    141.44MB
BENCH-JSON {"201 confirmed": 40, "409 ": 3}
"""


class TestFloorPage:
    @pytest.fixture
    def bench_urls(self):
        templates = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], ROOT / "bench" / "templates"]}]
        with override_settings(ROOT_URLCONF="bench.urls", TEMPLATES=templates, BENCH_FLOOR_BYTES=30_000):
            yield

    def test_renders_the_catalogues_size_without_the_database(self, client, bench_urls, django_assert_num_queries):
        client.get("/bench/floor/")  # the middleware's site lookup, like every page's, is then in the shared cache
        with django_assert_num_queries(0):
            response = client.get("/bench/floor/")
        assert response.status_code == 200
        assert 29_000 <= len(response.content) <= 31_000
        assert "Content-Security-Policy" in response  # the product's middleware ran

    def test_is_not_among_the_products_urls(self):
        assert resolve("/bench/floor/", urlconf="bench.urls").url_name == "bench_floor"
        assert resolve("/bench/floor/", urlconf="config.urls").url_name != "bench_floor"

    def test_bench_settings_are_productions_with_the_floor(self):
        """In a child process: bench.settings sets defaults in the environment of whatever imports it."""
        code = (
            "from django.conf import settings; "
            "print(settings.ROOT_URLCONF, settings.DEBUG, settings.PASSWORD_HASHERS[0].rsplit('.', 1)[1], "
            "settings.SESSION_COOKIE_SECURE, settings.CACHES['default']['KEY_PREFIX'])"
        )
        environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
        environment.update(DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL="postgres://x@127.0.0.1/pk_b_s10")
        result = subprocess.run(  # noqa: S603 - our own settings
            [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
        )
        assert result.stdout.split() == ["bench.urls", "False", "Argon2PasswordHasher", "False", "bench-pk_b_s10"]


class TestWrkReport:
    def test_reads_rate_percentiles_errors_and_the_scripts_line(self):
        result = wrk.parse_wrk(REPORT)
        assert result.requests == 16358
        assert result.seconds == pytest.approx(5.01)
        assert result.per_second == pytest.approx(3265.07)
        assert result.p50_ms == pytest.approx(0.85)
        assert result.p99_ms == pytest.approx(1200)
        assert result.percentiles_ms[75] == pytest.approx(3.51)
        assert result.bytes_read == pytest.approx(708.63 * 1024**2)
        assert result.non_2xx_3xx == 12
        assert result.socket_errors == {"connect": 0, "read": 2, "write": 0, "timeout": 3}
        assert result.errors == 17
        assert result.script_output == {"201 confirmed": 40, "409 ": 3}

    def test_a_clean_run_has_no_errors(self):
        lines = [line for line in REPORT.splitlines() if not line.lstrip().startswith(("Non-2xx", "Socket", "BENCH"))]
        result = wrk.parse_wrk("\n".join(lines))
        assert result.errors == 0
        assert result.script_output is None

    def test_refuses_what_is_not_a_report(self):
        with pytest.raises(ValueError, match="not a wrk"):
            wrk.parse_wrk("unable to connect to 127.0.0.1:9 Connection refused")


class TestLuaScripts:
    def test_cookie_and_form_scripts(self):
        assert wrk.cookie_script({"sessionid": "abc", "csrftoken": "x"}) == (
            'wrk.headers["Cookie"] = "sessionid=abc; csrftoken=x"\n'
        )
        script = wrk.post_form_script({"login": "a@b.fi", "password": "p w"}, {"csrftoken": "t"})
        assert 'wrk.method = "POST"' in script
        assert 'wrk.body = "login=a%40b.fi&password=p+w"' in script
        assert "application/x-www-form-urlencoded" in script

    def test_only_printable_ascii_goes_into_a_script(self):
        with pytest.raises(ValueError, match="printable ASCII"):
            wrk.cookie_script({"sessionid": 'a"\nos.exit()'})

    def test_enrolment_script_runs_in_wrk_with_a_token_per_person(self):
        """wrk runs the script against a small server that answers like the API: every request carries one of
        the tokens, and the requests go round every person in every session."""
        if not shutil.which("wrk"):
            skip_or_fail("wrk is not installed (apt-get install wrk)")
        seen = []

        class API(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                self.rfile.read(length)
                seen.append((self.headers["Authorization"], self.path))
                body = b'{"id": 1, "status": "confirmed"}'
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), API)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            tokens = [f"token{number}" for number in range(7)]
            script = wrk.enrolment_script([11, 12, 13], tokens)
            result = wrk.run_wrk(f"http://127.0.0.1:{server.server_port}", seconds=1, script=script, connections=2)
        finally:
            server.shutdown()
            server.server_close()
        assert result.requests > 0
        assert result.script_output == {"201 confirmed": result.requests}
        assert {authorization for authorization, _path in seen} <= {f"Bearer {token}" for token in tokens}
        assert {path for _authorization, path in seen} <= {f"/api/v1/sessions/{pk}/enrolments" for pk in (11, 12, 13)}
        assert len(seen) > 21
        assert len(set(seen)) == 21
        # Consecutive requests spread over the sessions instead of filling one first.
        assert len({path for _authorization, path in seen[: len(tokens)]}) == 3


class TestTables:
    def test_scale_database_is_named_beside_database_url(self):
        assert scale_database_url("postgres://postgres@127.0.0.1:5432/pk_bench", 50) == (
            "postgres://postgres@127.0.0.1:5432/pk_bench_s50"
        )

    def test_growth_table_compares_each_page_over_the_scales(self):
        def result(scale, p50, queries):
            page = Target("catalogue (fi)", "/koulutukset/", "anonymous", queries=queries).summary()
            return {"scale": scale, "pages": [{**page, "p50_ms": p50}]}

        lines = growth_lines([result(1, 10.0, 20), result(10, 15.0, 20), result(50, 40.0, 21)])
        assert lines[0].split() == ["page", "p50", "ms", "s1", "p50", "ms", "s10", "p50", "ms", "s50"] + [
            "q",
            "s1",
            "q",
            "s10",
            "q",
            "s50",
            "growth",
        ]
        assert lines[2].split()[-7:] == ["10.0", "15.0", "40.0", "20", "20", "21", "4.0×"]

    def test_locust_statistics_table(self):
        row = {"Name": "Aggregated", "Request Count": "120", "Failure Count": "0", "50%": "41", "95%": "180"}
        row.update({"99%": "260", "Requests/s": "9.87"})
        lines = format_stats([{**row, "Name": "catalogue"}, row])
        assert lines[2].split() == ["catalogue", "120", "0", "41", "180", "260", "9.9"]
        assert lines[3].startswith("all steps")


def test_locustfile_compiles():
    source = (ROOT / "bench" / "locustfile.py").read_text()
    compile(source, "locustfile.py", "exec")
    assert json.loads(json.dumps({"ok": True}))


class TestAnswersCounted:
    def test_an_answer_of_another_status_is_an_error(self):
        """A signed-in page that redirects to the sign-in page would look fast: the redirect counts as an error."""
        result = wrk.WrkResult(
            requests=100,
            seconds=1.0,
            per_second=100.0,
            percentiles_ms={50: 1.0, 99: 2.0},
            bytes_read=0,
            socket_errors={"connect": 0, "read": 0, "write": 0, "timeout": 1},
            script_output={"200 ": 90, "302 ": 10},
        )
        page = Target("My trainings (signed in)", "/my-trainings/", "signed in", results=[result])
        sign_in = Target("sign-in POST", "/accounts/login/", "sign-in", expected=302, results=[result])
        assert (page.errors, sign_in.errors) == (11, 91)

    def test_every_page_script_counts_the_statuses(self):
        script = wrk.counting_statuses(wrk.cookie_script({"sessionid": "abc"}))
        assert script.startswith('wrk.headers["Cookie"]') and "function response(status" in script
        assert wrk.statuses({"201 confirmed": 3, "201 waiting": 2, "409 ": 1}) == {201: 5, 409: 1}


def test_removing_the_benchmarks_sessions_drops_the_email_tasks_queued_for_their_enrolments(programme):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from bench.http import make_bench_sessions, remove_bench_sessions
    from tests.factories import enrol, make_course

    make_course(programme, "Perhekeskus tutuksi")
    session = make_bench_sessions(1, capacity=5)[0]
    other = enrol(make_bench_sessions(1, capacity=5, place="Elsewhere")[0])
    benchmarks = [enrol(session), enrol(session)]

    def queued(enrolment):
        return DBTaskResult.objects.create(
            task_path="training.notifications.send_enrolment_emails",
            args_kwargs={"args": [], "kwargs": {"event": "confirmed", "enrolment_id": enrolment.pk}},
            backend_name="default",
            run_after=timezone.now(),
        )

    dropped = [queued(enrolment).pk for enrolment in benchmarks]
    kept = queued(other).pk
    remove_bench_sessions()
    assert not DBTaskResult.objects.filter(pk__in=dropped).exists()
    assert DBTaskResult.objects.filter(pk=kept).exists()
