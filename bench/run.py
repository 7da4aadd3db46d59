"""`make bench`: the portal at Efus size, served as in production, measured from outside.

For each scale (default 1 and 20) it
1. creates the database defus_bench_<scale> on the PostgreSQL server (dropped first unless BENCH_REUSE=1),
   migrates and runs `seed_demo --scale <scale>`;
2. counts the queries of each main page in-process (bench/pages.py, Django test client, warm request);
3. starts gunicorn with two workers and DEBUG=false on a free loopback port (plain http, so the three
   "secure" switches are turned off for this loopback benchmark only), signs in as the demo member through
   the allauth form (with CSRF) and requests every page a fixed number of times from a few threads,
   measuring requests per second, p50 and p95;
then runs the digest benchmark (bench/digest.py, when present) and the backup benchmark (bench/backup.py:
duration and size of one archive) against each database, prints a table,
checks the targets and writes bench/results.json.

Environment: BENCH_POSTGRES (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_REDIS_URL
(default redis://127.0.0.1:6379/12), BENCH_SCALES (default "1,20"), BENCH_REQUESTS (per page, default 200),
BENCH_CONCURRENCY (client threads, default 2), BENCH_WORKERS (gunicorn, default 2), BENCH_REUSE=1 (keep
existing databases; the seed tops up and adds nothing when already seeded).
"""

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import (  # noqa: E402  (after the checkout is on the path)
    CONCURRENCY,
    DASHBOARD_SHARE_OF_HEALTHZ,
    MEMBER,
    P50_GROWTH_LIMIT,
    P50_LIMIT_MS,
    POSTGRES,
    PYTHON,
    REQUESTS,
    RESULTS,
    REUSE,
    ROOT,
    SCALES,
    WORKERS,
    Server,
    database_url,
    demo_env,
    login,
    measure,
    production_env,
)


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Our own interpreter with our own scripts and fixed arguments."""
    return subprocess.run(args, cwd=ROOT, **kwargs)  # noqa: S603


def manage(*args: str, env: dict) -> None:
    _run([PYTHON, "manage.py", *args], env=env, check=True)


# --- Databases ----------------------------------------------------------------------------


def prepare_database(scale: int) -> float:
    """Create (or reuse), migrate and seed the database for ``scale``; returns the seconds the seed took."""
    import psycopg

    name = f"defus_bench_{scale}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not REUSE:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    env = demo_env(database_url(scale))
    manage("migrate", "--noinput", "-v0", env=env)
    started = time.perf_counter()
    manage("seed_demo", f"--scale={scale}", env=env)
    seconds = time.perf_counter() - started
    # Fresh statistics, as autovacuum would have them on a database that has been running for a while.
    with psycopg.connect(database_url(scale), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return seconds


def data_counts(scale: int) -> dict:
    import psycopg

    tables = {
        "organisations": "members_organisation",
        "people": "members_user",
        "working groups": "topics_workinggroup",
        "posts": "topics_post",
        "events": "events_event",
        "calls": "funding_call",
        "documents": "topics_document",
    }
    with psycopg.connect(database_url(scale)) as connection:
        # Fixed table names from the dict above.
        query = "SELECT count(*) FROM {}"
        return {k: connection.execute(query.format(t)).fetchone()[0] for k, t in tables.items()}


def count_queries(scale: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        _run(
            [PYTHON, str(ROOT / "bench" / "pages.py"), out.name],
            env=production_env(database_url(scale), 8000),
            check=True,
        )
        return json.loads(Path(out.name).read_text())["pages"]


# --- Digest -----------------------------------------------------------------------------


def digest_benchmark(scale: int) -> dict | None:
    """bench/digest.py's run(database_url) -> dict, in its own process (Django settings are per process)."""
    if not (ROOT / "bench" / "digest.py").exists():
        return None
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        code = (
            "import json, sys; sys.path.insert(0, sys.argv[1]); from bench.digest import run; "
            "json.dump(run(sys.argv[2]), open(sys.argv[3], 'w'), default=str)"
        )
        env = demo_env(database_url(scale))
        env["EMAIL_URL"] = "locmem://"
        completed = _run([PYTHON, "-c", code, str(ROOT), database_url(scale), out.name], env=env)
        if completed.returncode != 0:
            return {"error": f"bench/digest.py exited with {completed.returncode}"}
        return json.loads(Path(out.name).read_text() or "null")


# --- Backup -----------------------------------------------------------------------------


def backup_benchmark(scale: int) -> dict:
    """bench/backup.py in its own process: duration and size of one backup archive of the scale's database."""
    completed = _run(
        [PYTHON, str(ROOT / "bench" / "backup.py")], env=demo_env(database_url(scale)), capture_output=True, text=True
    )
    if completed.returncode != 0:
        return {"error": f"bench/backup.py exited with {completed.returncode}: {completed.stderr[-500:]}"}
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- Report -----------------------------------------------------------------------------


def check_targets(results: dict) -> list[dict]:
    scales = results["scales"]
    small, large = str(min(SCALES)), str(max(SCALES))
    checks = []
    if small != large:
        grown = [
            f"{page} ({scales[small]['pages'][page]['queries']} → {scales[large]['pages'][page]['queries']})"
            for page in scales[large]["pages"]
            if page in scales[small]["pages"]
            and scales[large]["pages"][page]["queries"] > scales[small]["pages"][page]["queries"]
        ]
        checks.append({"target": "no page's query count grows with the data", "met": not grown, "detail": grown})
        slower = [
            f"{page} ({scales[small]['pages'][page]['p50_ms']} → {scales[large]['pages'][page]['p50_ms']} ms)"
            for page in scales[large]["pages"]
            if page in scales[small]["pages"]
            and scales[large]["pages"][page]["p50_ms"] > P50_GROWTH_LIMIT * scales[small]["pages"][page]["p50_ms"]
        ]
        checks.append(
            {
                "target": f"p50 at scale {large} within {P50_GROWTH_LIMIT}× of scale {small}",
                "met": not slower,
                "detail": slower,
            }
        )
    pages = scales[large]["pages"]
    share = pages["dashboard"]["rps"] / pages["healthz"]["rps"]
    checks.append(
        {
            "target": f"dashboard throughput ≥ {DASHBOARD_SHARE_OF_HEALTHZ:.0%} of /healthz (scale {large})",
            "met": share >= DASHBOARD_SHARE_OF_HEALTHZ,
            "detail": [f"{share:.0%}"],
        }
    )
    over = [f"{page} ({values['p50_ms']} ms)" for page, values in pages.items() if values["p50_ms"] > P50_LIMIT_MS]
    checks.append({"target": f"every median under {P50_LIMIT_MS} ms at scale {large}", "met": not over, "detail": over})
    errors = [f"{s}: {p}" for s, v in scales.items() for p, m in v["pages"].items() if m["errors"]]
    checks.append({"target": "every request answered 200", "met": not errors, "detail": errors})
    return checks


def table(results: dict) -> str:
    scales = sorted(results["scales"], key=int)
    header = ["page"] + [f"{h} @{s}" for s in scales for h in ("queries", "req/s", "p50 ms", "p95 ms")]
    rows = [header]
    for page in results["scales"][scales[0]]["pages"]:
        if any(page not in results["scales"][s]["pages"] for s in scales):
            continue
        row = [page]
        for s in scales:
            m = results["scales"][s]["pages"][page]
            row += [str(m["queries"]), f"{m['rps']:.0f}", f"{m['p50_ms']:.1f}", f"{m['p95_ms']:.1f}"]
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        "| "
        + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        + " |"
        for r in rows
    ]
    lines.insert(
        1, "|" + "|".join(("-" * (w + 2)) if i == 0 else ("-" * (w + 1) + ":") for i, w in enumerate(widths)) + "|"
    )
    return "\n".join(lines)


def main() -> int:
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "settings": {
            "requests_per_page": REQUESTS,
            "concurrency": CONCURRENCY,
            "gunicorn_workers": WORKERS,
            "debug": False,
            "member": MEMBER,
        },
        "scales": {},
    }
    # The production static storage needs its manifest.
    _run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=production_env(database_url(SCALES[0]), 8000),
        check=True,
    )
    for scale in SCALES:
        print(f"== scale {scale}: database, migrations, seed_demo --scale {scale}", flush=True)
        seed_seconds = prepare_database(scale)
        counts = data_counts(scale)
        print(f"   seeded in {seed_seconds:.0f} s: {counts}", flush=True)
        queries = count_queries(scale)
        server = Server(scale)
        try:
            server.start()
            cookies = login(server.port)
            pages = {}
            for name, page in queries.items():
                pages[name] = {
                    "url": page["url"],
                    "queries": page["queries"],
                    **measure(server.port, page["url"], cookies),
                }
                m = pages[name]
                print(
                    f"   {name:15} {m['queries']:3} queries {m['rps']:7.1f} req/s  p50 {m['p50_ms']:6.1f} ms  "
                    f"p95 {m['p95_ms']:6.1f} ms",
                    flush=True,
                )
        finally:
            server.stop()
        results["scales"][str(scale)] = {"seed_seconds": round(seed_seconds, 1), "data": counts, "pages": pages}
    digest = {}
    for scale in SCALES:
        outcome = digest_benchmark(scale)
        if outcome is not None:
            digest[str(scale)] = outcome
    if digest:
        results["digest"] = digest
    results["backup"] = {str(scale): backup_benchmark(scale) for scale in SCALES}
    results["targets"] = check_targets(results)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print(table(results))
    if digest:
        print("\ndigest:", json.dumps(digest, indent=2, default=str))
    for scale, figures in results["backup"].items():
        if "error" in figures:
            print(f"\nbackup @{scale}: {figures['error']}")
        else:
            print(
                f"\nbackup @{scale}: {figures['seconds']:.1f} s, {figures['bytes'] / 1e6:.1f} MB "
                f"({figures['rows']} rows in {figures['tables']} tables, {figures['files']} files)"
            )
    print()
    for check in results["targets"]:
        detail = f": {', '.join(check['detail'])}" if check["detail"] else ""
        print(f"{'met    ' if check['met'] else 'NOT MET'}  {check['target']}{detail}")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
