import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "citylearn.settings.production",
    "SECRET_KEY": "k8Qz-3vN!x9wLr2TpYb7Hc4Jd6Fs0Gm1Ae5Uo8Ki2Wq7Zt9Xn3Vy6Pl4Bh1Rj0Sc",
    "ALLOWED_HOSTS": "learn.example.gov.cn",
    "REDIS_URL": "redis://127.0.0.1:6379/14",
}


def manage(*args, env):
    # The browser tests allow sync ORM calls in this process; production must not inherit it.
    inherited = {
        k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean = {k: v for k, v in inherited.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    env = {**PRODUCTION_ENV, "REDIS_URL": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "REDIS_URL is not set" in result.stderr
