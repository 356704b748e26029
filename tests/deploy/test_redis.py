"""The example deployment's two Redis instances: a full cache never blocks the broker."""

import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.conftest import require_tool

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def environment_example() -> dict[str, str]:
    lines = (DEPLOY / "citylearn.env.example").read_text().splitlines()
    return dict(
        line.split("=", 1) for line in lines if "=" in line and not line.startswith("#")
    )


def test_the_cache_and_the_broker_are_separate_instances():
    env = environment_example()
    broker = redis.connection.parse_url(env["CELERY_BROKER_URL"])
    cache = redis.connection.parse_url(env["REDIS_URL"])

    assert (broker["host"], broker["port"]) != (cache["host"], cache.get("port", 6379))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def run_redis(tmp_path):
    """Run Redis with a shipped file, on a free port, its files kept in tmp_path."""
    binary = require_tool("redis-server")
    if not Path("/etc/redis/redis.conf").exists():
        pytest.skip(
            "Debian's /etc/redis/redis.conf, which the files include, is missing"
        )
    servers = []

    def run(name: str) -> redis.Redis:
        port = free_port()
        overrides = ["--port", str(port), "--daemonize", "no", "--dir", str(tmp_path)]
        overrides += ["--pidfile", str(tmp_path / f"{name}.pid"), "--logfile", ""]
        servers.append(
            subprocess.Popen(
                [binary, str(DEPLOY / name), *overrides], stdout=subprocess.DEVNULL
            )
        )
        client = redis.Redis(port=port)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return client
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail(f"Redis did not start with deploy/{name}")

    yield run
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def test_the_broker_never_evicts(run_redis):
    broker = run_redis("redis-broker.conf")

    assert broker.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
    assert broker.config_get("appendonly") == {"appendonly": "yes"}


def test_the_cache_evicts_within_its_memory(run_redis):
    cache = run_redis("redis-cache.conf")

    assert cache.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
    assert int(cache.config_get("maxmemory")["maxmemory"]) == 1024**3
