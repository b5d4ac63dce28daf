"""Container health check for the web service: GET /healthz on the local gunicorn.

/healthz is liveness: 200 whenever this process can serve, whatever the database and the
broker do, so an outage of Redis (pages still work) does not mark serving containers
unhealthy. Whether the dependencies answer is /healthz/ready, for a load balancer or a
monitor. It is exempt from the HTTPS redirect, but Django still checks the Host header, so
the request names the first host in DJANGO_ALLOWED_HOSTS. Standard library only; exit 0
means healthy.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header() -> str:
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    request = urllib.request.Request(
        "http://127.0.0.1:8000/healthz", headers={"Host": host_header()}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed local URL
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"healthz: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
