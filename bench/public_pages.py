"""Requests per second and p50/p99 latency of public pages, in one run, on this machine.

    python bench/public_pages.py [--duration 5] [--connections 8]

Builds a SQLite site from content/ in a temporary folder, then measures with wrk
(apt-get install wrk) against gunicorn with 2 workers:
  - the home page, an explainer and a case study, uncached (page cache off);
  - the same pages from Django's page cache;
  - the same pages through nginx's micro-cache (deploy/nginx-citylearn.conf's rules);
  - beside a minimal Django view and the explainer's HTML as a static file from nginx;
and prints the ratios against the targets of issue 7.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import record  # noqa: E402

PYTHON = sys.executable
PAGES = {
    "home": "/",
    "explainer": "/rights/right-to-access-and-copy/",
    "case study": "/cases/hangzhou-city-brain/",
}
MINIMAL = "/bench/minimal/"
TARGETS = [
    ("uncached / minimal Django view", "uncached", "minimal (uncached server)", 0.07),
    ("Django-cached / minimal Django view", "cached", "minimal (cached server)", 0.70),
    ("through nginx / static file", "nginx", "static file", 0.50),
]
NGINX_CONF = """
worker_processes 2;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    proxy_temp_path {tmp}/proxy-temp;
    client_body_temp_path {tmp}/body-temp;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=citylearn_pages:20m
                     max_size=100m inactive=10m use_temp_path=off;
    map $upstream_http_cache_control $citylearn_not_public {{
        ~*\\bpublic\\b 0;
        default 1;
    }}
    map $cookie_sessionid $citylearn_signed_in {{
        "" 0;
        default 1;
    }}
    upstream citylearn_web {{
        server 127.0.0.1:{upstream};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location = /static-copy.html {{
            root {tmp}/static;
        }}
        location / {{
            proxy_pass http://citylearn_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_cache citylearn_pages;
            proxy_cache_key $scheme$host$request_uri;
            proxy_cache_methods GET HEAD;
            proxy_ignore_headers Cache-Control Expires;
            proxy_cache_valid 200 5s;
            proxy_cache_bypass $citylearn_signed_in;
            proxy_no_cache $citylearn_signed_in $citylearn_not_public;
            proxy_cache_lock on;
            proxy_cache_lock_timeout 5s;
            proxy_cache_use_stale updating error timeout http_502 http_503 http_504;
            proxy_cache_background_update on;
            add_header X-Micro-Cache $upstream_cache_status always;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{url} did not answer within {timeout} s")


def build_site(env: dict) -> None:
    for command in (["migrate", "--no-input", "-v0"], ["import_content"]):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "citylearn.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}{MINIMAL}")
    return server


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wrk(url: str, duration: int, connections: int) -> dict:
    for __ in range(2):  # warm-up: the first requests fill caches and connections
        urllib.request.urlopen(url, timeout=10).read()
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            url,
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if re.search(r"Non-2xx or 3xx responses", output):
        sys.exit(f"{url} answered with errors:\n{output}")

    def latency(percent: str) -> float:
        value, unit = re.search(
            rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
        ).groups()
        return float(value) * UNITS[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return {"rps": rps, "p50": latency("50"), "p99": latency("99")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration", type=int, default=5, help="seconds per measurement"
    )
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    for tool in ("wrk", "/usr/sbin/nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: apt-get install wrk nginx")

    tmp = Path(tempfile.mkdtemp(prefix="citylearn-bench-"))
    tmp.chmod(0o755)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
    }
    results: dict[str, dict] = {}
    processes: list[subprocess.Popen] = []
    try:
        print(f"building the site from content/ in {tmp} ...", flush=True)
        build_site(env)
        for mode, timeout in (("uncached", "0"), ("cached", "600")):
            port = free_port()
            server = start_gunicorn({**env, "PAGE_CACHE_TIMEOUT": timeout}, port)
            processes.append(server)
            base = f"http://127.0.0.1:{port}"
            results[f"minimal ({mode} server)"] = wrk(
                base + MINIMAL, args.duration, args.connections
            )
            for name, path in PAGES.items():
                results[f"{name}, {mode}"] = wrk(
                    base + path, args.duration, args.connections
                )
            if mode == "uncached":
                stop(processes.pop())

        cached_port = int(base.rsplit(":", 1)[1])
        static = tmp / "static"
        static.mkdir()
        with urllib.request.urlopen(base + PAGES["explainer"]) as response:
            (static / "static-copy.html").write_bytes(response.read())
        port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                tmp=tmp,
                port=port,
                upstream=cached_port,
                user="user root;" if os.geteuid() == 0 else "",
            )
        )
        nginx = subprocess.Popen(
            ["/usr/sbin/nginx", "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
            start_new_session=True,
        )
        processes.append(nginx)
        wait_for(f"http://127.0.0.1:{port}/static-copy.html")
        front = f"http://127.0.0.1:{port}"
        results["static file"] = wrk(
            front + "/static-copy.html", args.duration, args.connections
        )
        for name, path in PAGES.items():
            results[f"{name}, nginx"] = wrk(
                front + path, args.duration, args.connections
            )
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{'':32}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, figures in results.items():
        record(
            "public_pages",
            f"{name}, p99",
            figures["p99"],
            "ms",
            database="sqlite",
            workers="2 gunicorn" if "nginx" not in name else "nginx",
            concurrency=args.connections,
            data="content/",
            req_per_s=round(figures["rps"]),
        )
    for name, figures in results.items():
        print(
            f"{name:32}{figures['rps']:>10.0f}{figures['p50']:>10.2f}{figures['p99']:>10.2f}"
        )
    print("\nratios (lowest of the three pages) against the targets:")
    for label, mode, yardstick, target in TARGETS:
        ratios = {
            name: results[f"{name}, {mode}"]["rps"] / results[yardstick]["rps"]
            for name in PAGES
        }
        worst = min(ratios.values())
        verdict = "meets" if worst >= target else "MISSES"
        record(
            "public_pages",
            label,
            worst,
            "ratio",
            target=target,
            bound=">",
            database="sqlite",
            workers="2 gunicorn",
            concurrency=args.connections,
            data="content/",
        )
        detail = ", ".join(f"{name} {ratio:.0%}" for name, ratio in ratios.items())
        print(f"  {label:38} {detail}  -> {verdict} the {target:.0%} target")


if __name__ == "__main__":
    main()
