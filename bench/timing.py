"""Where a page's time goes, in-process: the median of each main page, its slowest queries and a profile.

    python bench/timing.py [--scale 20] [--repeat 25] [--pages dashboard,thread] [--profile group] [--cold]

Runs against the bench database defus_bench_<scale> (`make bench` creates it; BENCH_POSTGRES names the server)
with production settings (DEBUG=false, Redis cache as configured by BENCH_REDIS_URL), as the demo member, through
Django's test client: no network and no gunicorn, so the figures are the page's own cost. Each page is requested
once to warm up, then --repeat times; printed are the median and the fastest request (the fastest is the least
disturbed by other work on a busy machine), the query count, the time spent waiting for the database and the
median CPU time of this process (the steadiest figure when other work shares the cores).
--profile NAME adds cProfile's top entries and the slowest queries of that page; --cold clears the cache before
each request (what a page costs when nothing it could cache is cached). Figures for issue 32 were taken with it.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _child(args) -> None:
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import MEMBER, page_urls
    from members.models import User

    member = User.objects.get(email=MEMBER)
    urls = page_urls(member)
    if args.pages:
        urls = {name: urls[name] for name in args.pages.split(",")}
    client = Client()
    client.force_login(member)
    print(f"{'page':16} {'queries':>7} {'median ms':>9} {'fastest':>8} {'db ms':>6} {'CPU ms':>6}")
    for name, url in urls.items():
        client.get(url)
        times, cpu, db = [], [], []
        for _ in range(args.repeat):
            if args.cold:
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                status = client.get(url).status_code
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            queries = list(captured.captured_queries)  # the next request's start empties the log
            db.append(sum(float(q["time"]) for q in queries) * 1000)
        if status != 200:
            print(f"{name}: HTTP {status}")
            continue
        print(
            f"{name:16} {len(queries):7} {statistics.median(times):9.1f} {min(times):8.1f} "
            f"{statistics.median(db):6.1f} {statistics.median(cpu):6.1f}",
            flush=True,
        )
        if name == args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(url)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
            print(out.getvalue())
            for query in sorted(queries, key=lambda q: -float(q["time"]))[:8]:
                print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--pages", default="")
    parser.add_argument("--profile", default="")
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    if os.environ.get("BENCH_TIMING_CHILD"):
        _child(args)
        return
    from bench.serve import database_url, production_env

    env = production_env(database_url(args.scale), 8000)
    env.update(BENCH_TIMING_CHILD="1", DJANGO_SETTINGS_MODULE="defus.settings")
    # The production static storage needs its manifest.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603
    sys.exit(subprocess.run([sys.executable, __file__, *sys.argv[1:]], env=env, cwd=ROOT).returncode)  # noqa: S603


if __name__ == "__main__":
    main()
