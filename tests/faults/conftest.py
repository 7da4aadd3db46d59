"""Services the fault tests start and stop themselves: a private Redis and an SMTP server."""

import shutil
import subprocess
import time

import pytest
import redis
from celery import Celery

from defus.celery import app as portal_app
from kernel import cache as resilient_cache
from tests.conftest import free_port, need_service


def wait_until(condition, timeout: float = 20.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


class RedisServer:
    """A redis-server on a spare port that a test can stop and start again on the same port."""

    def __init__(self, binary: str):
        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_until(self.is_up, timeout=10), "redis-server did not start"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def is_up(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)


@pytest.fixture
def redis_server(postgres):
    # PostgreSQL too: the worker thread must see the test's committed rows (SQLite tests run in memory).
    binary = shutil.which("redis-server")
    need_service(bool(binary), "redis-server is not installed")
    server = RedisServer(binary)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis_server, settings):
    """The portal pointed at the private Redis: Celery broker (no eager tasks), cache and health check."""
    app = Celery("defus-faults")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=redis_server.url, task_always_eager=False)
    import celery.contrib.testing.tasks  # noqa: F401  (celery.ping for the test worker)

    import defus.tasks  # noqa: F401
    import events.tasks  # noqa: F401
    import members.tasks  # noqa: F401
    import topics.tasks  # noqa: F401

    app.finalize()
    app.set_current()
    settings.REDIS_URL = redis_server.url
    settings.CACHES = {
        "default": {
            "BACKEND": "kernel.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    resilient_cache._down_until.clear()
    yield app
    portal_app.set_current()
    portal_app.set_default()
    resilient_cache._down_until.clear()
    app.close()


@pytest.fixture
def smtp_server(smtp_server):
    """The shared SMTP server, down until the test starts it."""
    smtp_server.stop()
    return smtp_server
