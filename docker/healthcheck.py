"""Container health check: GET /healthz from the local gunicorn; exit status 0 when healthy.

Runs inside the web container (docker-compose.yml), where curl is absent. Django answers
only for ALLOWED_HOSTS, so the request names the first of them as its Host.
"""

import json
import os
import sys
import urllib.request


def main() -> int:
    hosts = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    host = next((host.lstrip(".") for host in hosts if host != "*"), "localhost")
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz"
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - a fixed http:// URL on localhost
            status = json.load(response).get("status")
    except (OSError, ValueError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    if status != "ok":
        print(f"unhealthy: status {status!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
