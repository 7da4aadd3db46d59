"""`make loadtest`: the two peak days with Locust against the portal served as in production.

1. Creates the PostgreSQL database defus_load (dropped first), migrates, runs `seed_demo --scale LOADTEST_SCALE`
   (default 20, about 25 s here) and adds the run's meeting and conference (bench/loadtest_db.py prepare).
2. Starts gunicorn (LOADTEST_WORKERS, default 4; DEBUG=false, plain http on loopback as in `make bench`,
   TRUSTED_PROXY_COUNT=1 so each simulated person's X-Forwarded-For is its address for the rate limits)
   and a Celery worker on Redis (LOADTEST_REDIS_URL, default redis://127.0.0.1:6379/13, flushed first);
   outgoing mail goes to files under var/loadtest/mail.
3. Runs bench/locustfile_meeting.py (60 delegates and LOADTEST_MEMBERS, default 200, browsing members: the 260
   start at 3 a second, all within 90 s, and run 180 s) and bench/locustfile_conference.py (LOADTEST_GUESTS,
   default 500, guests at 10 a second, 100 seats) headless, each once the server has answered what the one before
   left queued; prints p50/p95/p99 per request
   kind and the errors (CSV in var/loadtest/), waits for the task queue to drain, then checks the outcome in the
   database (bench/loadtest_db.py check) and exits 1 when a check fails. Everything started is stopped.
"""

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import POSTGRES, PYTHON, ROOT, demo_env, free_port, production_env, request  # noqa: E402

OUT = ROOT / "var" / "loadtest"
DATABASE = f"{POSTGRES}/defus_load"
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SCALE = int(os.environ.get("LOADTEST_SCALE", "20"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "4"))
DELEGATES = int(os.environ.get("LOADTEST_DELEGATES", "60"))
MEMBERS = int(os.environ.get("LOADTEST_MEMBERS", "200"))
GUESTS = int(os.environ.get("LOADTEST_GUESTS", "500"))
SCENARIOS = [
    # name, file, users, spawn rate per second, run time
    ("meeting", "locustfile_meeting.py", DELEGATES + MEMBERS, os.environ.get("LOADTEST_MEETING_RATE", "3"),
     os.environ.get("LOADTEST_MEETING_TIME", "180s")),
    ("conference", "locustfile_conference.py", GUESTS, os.environ.get("LOADTEST_CONFERENCE_RATE", "10"),
     os.environ.get("LOADTEST_CONFERENCE_TIME", "90s")),
]  # fmt: skip
TARGETS = {"meeting": 300, "conference": 500}  # p95 in ms (issue 32)


def run(args: list, **kwargs) -> subprocess.CompletedProcess:
    """Our own interpreter and tools with fixed arguments."""
    return subprocess.run(args, cwd=ROOT, **kwargs)  # noqa: S603


def prepare(plan: Path) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute('DROP DATABASE IF EXISTS "defus_load" WITH (FORCE)')
        connection.execute('CREATE DATABASE "defus_load"')
    env = demo_env(DATABASE)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, check=True)
    started = time.perf_counter()
    run([PYTHON, "manage.py", "seed_demo", f"--scale={SCALE}"], env=env, check=True)
    print(f"seed_demo --scale {SCALE}: {time.perf_counter() - started:.0f} s")
    env.update(LOG_LEVEL="WARNING", LOADTEST_DELEGATES=str(DELEGATES), LOADTEST_BROWSERS=str(max(MEMBERS, 1)))
    run([PYTHON, "bench/loadtest_db.py", "prepare", str(plan)], env=env, check=True, stderr=subprocess.DEVNULL)
    with psycopg.connect(DATABASE, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def start(args: list, env: dict, log: str) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=open(OUT / log, "w"), stderr=subprocess.STDOUT)  # noqa: S603, SIM115


def stop(process: subprocess.Popen | None) -> None:
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {OUT / 'gunicorn.log'}")
        try:
            if request(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def settle(port: int) -> None:
    """Until the requests still queued from the scenario before are answered: /healthz within 0.5 s (at most 3
    minutes), so that one scenario's backlog is not measured as the next one's."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            if request(port, "/healthz")[0] == 200 and time.perf_counter() - started < 0.5:
                return
        except OSError:
            pass
        time.sleep(1)


def drain(redis_url: str) -> None:
    """Until the Celery queue is empty and no mail has been written for 10 s (at most 3 minutes)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + 180
    last, quiet_since = None, time.monotonic()
    while time.monotonic() < deadline:
        files = sum(f.stat().st_size for f in (OUT / "mail").iterdir())
        if files != last or client.llen("celery"):
            last, quiet_since = files, time.monotonic()
        elif time.monotonic() - quiet_since > 10:
            return
        time.sleep(1)


def report(name: str) -> tuple[list[str], int]:
    """Prints the per-request-kind percentiles; returns the kinds over the p95 target and the error count."""
    rows = list(csv.DictReader((OUT / f"{name}_stats.csv").open()))
    target = TARGETS[name]
    print(f"\n{name}: request kind                          n  fail   p50   p95   p99   max (ms)")
    over, errors = [], 0
    for row in rows:
        p50, p95, p99 = row["50%"], row["95%"], row["99%"]
        print(f"  {row['Name'][:38]:38} {row['Request Count']:>5} {row['Failure Count']:>5} {p50:>5} {p95:>5} "
              f"{p99:>5} {float(row['Max Response Time']):>5.0f}")  # fmt: skip
        if row["Name"] != "Aggregated":
            errors += int(row["Failure Count"])
            if p95 != "N/A" and float(p95) >= target:
                over.append(f"{row['Name']} ({p95} ms)")
    failures = OUT / f"{name}_failures.csv"
    for row in csv.DictReader(failures.open()) if failures.exists() else []:
        print(f"  error ×{row['Occurrences']}: {row['Name']}: {row['Error'][:120]}")
    met = "met" if not over and not errors else "NOT met"
    print(f"  target p95 < {target} ms and 0 errors: {met}" + (f"; over: {', '.join(over)}" if over else ""))
    return over, errors


def main() -> int:
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "mail").mkdir(parents=True)
    plan = OUT / "plan.json"
    prepare(plan)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    port = free_port()
    env = production_env(DATABASE, port)
    env.update(
        REDIS_URL=REDIS_URL,
        EMAIL_URL=f"file://{OUT / 'mail'}",
        TRUSTED_PROXY_COUNT="1",
        LOADTEST_PLAN=str(plan),
        LOADTEST_DATABASE_URL=DATABASE,
        PYTHONPATH=str(ROOT),
    )
    bin_dir = Path(PYTHON).parent
    # The production static storage needs its manifest.
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, check=True)
    server = worker = None
    try:
        server = start(
            [str(bin_dir / "gunicorn"), "defus.wsgi", f"--workers={WORKERS}", f"--bind=127.0.0.1:{port}",
             "--worker-class=sync", "--timeout=60"],
            env, "gunicorn.log",
        )  # fmt: skip
        worker = start(
            [str(bin_dir / "celery"), "-A", "defus", "worker", "--concurrency=1", "--loglevel=WARNING"],
            env,
            "celery.log",
        )
        wait_for(port, server)
        summary = []
        for name, locustfile, users, rate, duration in SCENARIOS:
            settle(port)
            print(f"\n=== {name}: {users} users, {rate}/s, {duration} ===", flush=True)
            run(
                [str(bin_dir / "locust"), "-f", f"bench/{locustfile}", "--headless", "-u", str(users), "-r", rate,
                 "-t", duration, "--host", f"http://127.0.0.1:{port}", "--csv", str(OUT / name), "--only-summary",
                 "--stop-timeout", "10", "--loglevel", "WARNING"],
                env=env, stdout=subprocess.DEVNULL, stderr=(OUT / f"locust-{name}.log").open("w"),
            )  # fmt: skip
            summary.append((name, *report(name)))
        drain(REDIS_URL)
    finally:
        stop(server)
        stop(worker)
    env = demo_env(DATABASE)
    env["LOG_LEVEL"] = "WARNING"
    status = run([PYTHON, "bench/loadtest_db.py", "check", str(plan), str(OUT / "mail")], env=env).returncode
    print("\nTargets (reported, not asserted):")
    for name, over, errors in summary:
        print(f"  {name}: p95 < {TARGETS[name]} ms {'met' if not over else 'NOT met'}, errors: {errors}")
    print("outcome checks:", "all met" if status == 0 else "FAILED")
    return status


if __name__ == "__main__":
    sys.exit(main())
