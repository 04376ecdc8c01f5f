"""Stream one campaign's actions CSV in a fresh process and print its peak memory (RSS).

Run by ``dashboard.py`` (``python bench/export_rss.py USERNAME URL [QUERY]``) with the
benchmark's Django environment, so the peak belongs to the export alone, not to the
seeding of the process that built the data. Prints one JSON line: rows, seconds, the
process's peak RSS before the request (Django loaded, logged in) and after streaming.
"""

import json
import sys
import time


def peak_rss_mb() -> float:
    """This process's peak RSS (``VmHWM``). Not ``getrusage``'s ``ru_maxrss``: Linux carries
    that across ``exec`` from the forking process, here the one that seeded the data."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    username, url, *query = sys.argv[1:]
    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.get(username=username))
    client.get("/healthz")  # the middleware and the URLconf loaded before the first measure
    before = peak_rss_mb()
    began = time.perf_counter()
    response = client.get(url, dict(part.split("=", 1) for part in query))
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    seconds = time.perf_counter() - began
    print(
        json.dumps(
            {
                "status": response.status_code,
                "rows": rows,
                "seconds": seconds,
                "rss_before_mb": before,
                "rss_peak_mb": peak_rss_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
