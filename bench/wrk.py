"""wrk, the HTTP load generator in C, driven from Python: finding or installing it, the Lua scripts that
sign requests in or rotate API tokens, and reading its `--latency` report.

wrk runs its threads on an event loop and costs a fraction of a core, so it does not compete with the server
it measures as a Python client would on the same machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field

THREADS = 2
CONNECTIONS = 10


def ensure_wrk() -> str:
    """The path of wrk, installed from Debian with apt-get (as root or through sudo) when it is missing."""
    path = shutil.which("wrk")
    if path:
        return path
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    if shutil.which("apt-get") and (not sudo or shutil.which("sudo")):
        print("wrk is missing: installing it with apt-get (Debian package wrk) ...", flush=True)
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, env=environment)  # noqa: S603
        subprocess.run(  # noqa: S603
            [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], check=False, env=environment
        )
        path = shutil.which("wrk")
        if path:
            return path
    raise SystemExit(
        "This benchmark needs wrk, the HTTP load generator. Install it as root with:\n"
        "    apt-get install --no-install-recommends wrk\n"
        "(or build it from its sources on a system without apt-get)."
    )


# Reading wrk's report
# ------------------------------------------------------------------------------

_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * _TIME_UNITS_MS[unit]


def _bytes(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMGT]?B)", text).groups()
    return float(number) * _SIZE_UNITS[unit]


@dataclass
class WrkResult:
    """What one wrk run reports: requests per second, latency percentiles and what went wrong."""

    requests: int
    seconds: float
    per_second: float
    percentiles_ms: dict[int, float]
    bytes_read: float
    non_2xx_3xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    script_output: dict | None = None

    @property
    def p50_ms(self) -> float:
        return self.percentiles_ms[50]

    @property
    def p99_ms(self) -> float:
        return self.percentiles_ms[99]

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + sum(self.socket_errors.values())


def parse_wrk(output: str) -> WrkResult:
    """Read the report of `wrk --latency`; a script's `done()` may add one line `BENCH-JSON {...}`."""
    percentiles = {int(p): _ms(value) for p, value in re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.MULTILINE)}
    total = re.search(r"^\s*(\d+) requests in ([\d.]+\w+), ([\d.]+[KMGT]?B) read", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not (total and rate and 50 in percentiles and 99 in percentiles):
        raise ValueError(f"not a wrk --latency report:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    script = re.search(r"^BENCH-JSON (.*)$", output, re.MULTILINE)
    return WrkResult(
        requests=int(total.group(1)),
        seconds=_ms(total.group(2)) / 1000,
        per_second=float(rate.group(1)),
        percentiles_ms=percentiles,
        bytes_read=_bytes(total.group(3)),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=dict(zip(("connect", "read", "write", "timeout"), map(int, socket.groups()), strict=True))
        if socket
        else {},
        script_output=json.loads(script.group(1)) if script else None,
    )


def run_wrk(
    url: str, *, seconds: float, script: str | None = None, threads: int = THREADS, connections: int = CONNECTIONS
) -> WrkResult:
    """Load ``url`` for ``seconds`` and read the report; ``script`` is Lua source (written to a temporary file)."""
    import tempfile
    from urllib.parse import quote

    url = quote(url, safe=":/?&=%+")  # wrk takes ASCII only
    command = [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="bench-") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["--script", lua.name]
        result = subprocess.run([*command, url], capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"wrk failed on {url}:\n{result.stdout}{result.stderr}")
    return parse_wrk(result.stdout)


# Lua scripts
# ------------------------------------------------------------------------------


def _lua_string(value: str) -> str:
    """A Lua string literal (JSON's escapes are a subset Lua reads the same way for these characters)."""
    if any(ord(character) < 32 or ord(character) > 126 for character in value):
        raise ValueError(f"only printable ASCII goes into a benchmark script: {value!r}")
    return json.dumps(value)


def cookie_script(cookies: dict[str, str]) -> str:
    """Every request carries these cookies (a signed-in person's session)."""
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    return f'wrk.headers["Cookie"] = {_lua_string(cookie)}\n'


def post_form_script(fields: dict[str, str], cookies: dict[str, str]) -> str:
    """Every request is the same form POST (the sign-in), with its CSRF cookie."""
    from urllib.parse import urlencode

    return (
        cookie_script(cookies)
        + 'wrk.method = "POST"\n'
        + f"wrk.body = {_lua_string(urlencode(fields))}\n"
        + 'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
    )


# Counts the answers by status code and by the enrolment's state in the body, per thread, and prints them
# at the end as one JSON line that parse_wrk reads (BENCH-JSON).
_COUNT_OUTCOMES = """
local threads = {}

function setup(thread)
   thread:set("thread_number", #threads)
   table.insert(threads, thread)
end

function init(args)
   position = thread_number
   outcomes = {}
end

function response(status, headers, body)
   local state = body and string.match(body, '"status"%s*:%s*"([%w_]+)"') or ""
   local key = tostring(status) .. " " .. state
   outcomes[key] = (outcomes[key] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      for key, count in pairs(thread:get("outcomes")) do
         total[key] = (total[key] or 0) + count
      end
   end
   local parts = {}
   for key, count in pairs(total) do
      table.insert(parts, string.format('"%s": %d', key, count))
   end
   io.write("BENCH-JSON {" .. table.concat(parts, ", ") .. "}\\n")
end
"""


def counting_statuses(script: str | None = None) -> str:
    """``script`` (or nothing) plus a count of the answers by status code, read back as ``script_output``.

    wrk itself counts a redirect as an answer: a signed-in page that sends the visitor to the sign-in
    page would look fast. With this count the bench refuses any status but the one it expects.
    """
    return (script or "") + _COUNT_OUTCOMES


def statuses(output: dict | None) -> dict[int, int]:
    """``script_output`` of ``counting_statuses`` (or of the enrolment script) added up by status code."""
    counts: dict[int, int] = {}
    for key, count in (output or {}).items():
        status = int(key.split()[0])
        counts[status] = counts.get(status, 0) + count
    return counts


def enrolment_script(session_ids: list[int], tokens: list[str], threads: int = THREADS) -> str:
    """POST /api/v1/sessions/{id}/enrolments, each request as the next person (their own API token).

    Request n (counted over all threads) enrols person n mod P in session (n mod P + n div P) mod S: consecutive
    requests go to different sessions, as people spread over a programme's sessions do, and no person asks for
    the same session twice until every person has asked for every session once.
    """
    sessions = ", ".join(str(int(pk)) for pk in session_ids)
    token_list = ",\n   ".join(_lua_string(token) for token in tokens)
    return (
        f"local sessions = {{{sessions}}}\n"
        f"local tokens = {{\n   {token_list}\n}}\n"
        f"local thread_count = {int(threads)}\n"
        + _COUNT_OUTCOMES
        + """
function request()
   local person = position % #tokens
   local session = sessions[(person + math.floor(position / #tokens)) % #sessions + 1]
   position = position + thread_count
   return wrk.format("POST", "/api/v1/sessions/" .. session .. "/enrolments", {
      ["Authorization"] = "Bearer " .. tokens[person + 1],
      ["Content-Type"] = "application/json",
   }, "{}")
end
"""
    )
