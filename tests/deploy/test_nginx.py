"""The shipped nginx site, run by the local nginx: what it does with uploaded files."""

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import require_tool

SITE = Path(__file__).resolve().parents[2] / "deploy" / "nginx-citylearn.conf"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_site(root: Path, port: int) -> str:
    """The shipped site on plain HTTP at a local port, its paths under root.

    Only what a test machine cannot have changes: TLS (no certificate here; HTTP/2
    needs nginx 1.25), the port-80 redirect, and the directories.
    """
    text = SITE.read_text()
    text = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", text, flags=re.DOTALL)
    text = re.sub(r"^\s*(ssl_certificate\S*|http2) .*$", "", text, flags=re.MULTILINE)
    text = text.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    text = text.replace("/srv/citylearn/", f"{root}/srv/")
    return text.replace("/var/cache/nginx/citylearn", f"{root}/cache")


@pytest.fixture
def nginx(tmp_path):
    binary = require_tool("nginx")
    port = free_port()
    (tmp_path / "site.conf").write_text(local_site(tmp_path, port))
    # Started by root, nginx's workers would run as nobody, who cannot read tmp_path.
    user = "user root root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"""
        {user}
        daemon off;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {tmp_path}/body;
            proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi;
            uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
            include {tmp_path}/site.conf;
        }}
        """
    )
    media = tmp_path / "srv" / "media"
    for folder in ("documents", "original_images"):
        (media / folder).mkdir(parents=True)
    command = [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield media, f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def get(url: str):
    try:
        return urllib.request.urlopen(url, timeout=5)  # noqa: S310 -- a local http URL
    except urllib.error.HTTPError as error:
        return error


def test_documents_are_never_served_from_media(nginx):
    media, base = nginx
    (media / "documents" / "page.html").write_bytes(b"<script>alert(1)</script>")

    assert get(f"{base}/media/documents/page.html").status == 404


def test_other_uploads_are_served_so_that_they_cannot_run(nginx):
    media, base = nginx
    (media / "original_images" / "drawing.svg").write_bytes(SVG)

    response = get(f"{base}/media/original_images/drawing.svg")

    assert response.status == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_missing_upload_gets_the_same_headers(nginx):
    media, base = nginx

    response = get(f"{base}/media/original_images/missing.png")

    assert response.status == 404
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
