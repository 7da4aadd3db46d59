"""`make bench`, its settings and its client: the environments the portal runs in, gunicorn on a free loopback
port, and an HTTP client that signs in through the allauth form and measures a page (bench/run.py drives them)."""

import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results.json"
LOGS = ROOT / "var" / "bench"

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1,20").split(",") if s.strip()]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMUP = 10
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
REUSE = os.environ.get("BENCH_REUSE", "") in {"1", "true", "yes"}
MEMBER, PASSWORD = "mitglied@defus.example", os.environ.get("DEMO_PASSWORD", "defus-demo")

# Targets from issue 19 (issue 9 had p95 under 150 ms and a quarter of /healthz for the dashboard).
P50_LIMIT_MS = 150
P50_GROWTH_LIMIT = 1.5
DASHBOARD_SHARE_OF_HEALTHZ = 0.35


def database_url(scale: int) -> str:
    return f"{POSTGRES}/defus_bench_{scale}"


def production_env(db_url: str, port: int) -> dict:
    """Production settings (DEBUG=false) for plain http on loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=db_url,
        REDIS_URL=REDIS_URL,
        EMAIL_URL="dummy://",
        # Loopback benchmark only: no TLS in front, so no https redirect and no secure-only cookies.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return env


def demo_env(db_url: str) -> dict:
    """The local (DEBUG) configuration: seed_demo refuses to load demo data into production settings."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}}
    env.update(DATABASE_URL=db_url, EMAIL_URL="dummy://")
    return env


# --- Server and client --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, scale: int):
        self.port = free_port()
        self.env = production_env(database_url(scale), self.port)
        LOGS.mkdir(parents=True, exist_ok=True)
        self.log = open(LOGS / f"gunicorn-{scale}.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "defus.wsgi",
                f"--workers={WORKERS}",
                f"--bind=127.0.0.1:{self.port}",
                "--worker-class=sync",
                "--timeout=60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log.name}")
            try:
                if request(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer /healthz within 60 s; see {self.log.name}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def request(port: int, path: str, *, method="GET", cookies=None, body=None, headers=None):
    """One request on a new connection (gunicorn's sync workers close after each response)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        all_headers = {"Host": f"127.0.0.1:{port}", "Accept-Language": "de", **(headers or {})}
        if cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        content = response.read()
        return response.status, response.headers, content
    finally:
        connection.close()


def _cookies(headers, cookies: dict) -> None:
    for header in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            cookies[name] = morsel.value


def login(port: int) -> dict:
    """Sign in through the allauth form, with its CSRF token, as a member would."""
    cookies: dict = {}
    status, headers, content = request(port, "/accounts/login/")
    _cookies(headers, cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
    if status != 200 or not token:
        raise SystemExit(f"login form not found (HTTP {status})")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "login": MEMBER, "password": PASSWORD}
    )
    status, headers, _ = request(
        port,
        "/accounts/login/",
        method="POST",
        cookies=cookies,
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{port}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    _cookies(headers, cookies)
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"login failed (HTTP {status})")
    if request(port, "/dashboard/", cookies=cookies)[0] != 200:
        raise SystemExit("signed in, but the dashboard does not answer 200")
    return cookies


def measure(port: int, path: str, cookies: dict) -> dict:
    """REQUESTS requests from CONCURRENCY threads (after a warm-up): throughput and latency percentiles."""
    for _ in range(WARMUP):
        request(port, path, cookies=cookies)
    latencies: list[float] = []
    errors: list[int] = []
    remaining = iter(range(REQUESTS))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            started = time.perf_counter()
            status, _, _ = request(port, path, cookies=cookies)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
    }
