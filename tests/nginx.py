"""Run Debian's nginx in front of app processes for a test: deploy/nginx-canvas.conf as a host would install
it, with the test's own ports, in a non-daemon nginx whose pid file, logs and temp files live in a tmp folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.browser import ROOT, free_port, stop, wait_ready

SITE_CONFIG = ROOT / "deploy" / "nginx-canvas.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ROUTE_COOKIE = "canvas_route"

# The http block around the site file: everything nginx would write goes into the test's folder. The access
# log says which app process served each request, so a test can tell the replicas apart.
MAIN_CONFIG = """\
{user}
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
events {{ worker_connections 256; }}
http {{
    log_format routes '$upstream_addr $status $request_uri';
    access_log {folder}/access.log routes;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""


def site_config(upstreams: list[str], port: int) -> str:
    """deploy/nginx-canvas.conf with its upstream servers and listen address replaced, nothing else."""
    text = SITE_CONFIG.read_text(encoding="utf-8")
    servers = "".join(f"    server {address} max_fails=2 fail_timeout=10s;\n" for address in upstreams)
    text, replaced = re.subn(r"(?m)^    server 127\.0\.0\.1:8501[^\n]*\n", servers, text)
    assert replaced == 1, "deploy/nginx-canvas.conf: the upstream's example server line moved"
    text, replaced = re.subn(r"(?m)^    listen 80;$", f"    listen 127.0.0.1:{port};", text)
    assert replaced == 1, "deploy/nginx-canvas.conf: the listen line moved"
    return text


@dataclass(frozen=True)
class Proxy:
    base: str
    folder: Path

    def served_by(self, path_part: str) -> list[str]:
        """The upstream address of every logged request whose URI contains ``path_part``, oldest first."""
        log = self.folder / "access.log"
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return [line.split(" ")[0] for line in lines if path_part in line.split(" ", 2)[-1]]

    def route_to(self, upstream_base: str, *, tries: int = 200) -> str:
        """A route cookie value that nginx's hash sends to this app process (found by asking nginx)."""
        address = urlsplit(upstream_base).netloc
        for number in range(tries):
            value = f"route-{number}"
            probe = f"/_stcore/health?probe={value}"
            request = urllib.request.Request(self.base + probe, headers={"Cookie": f"{ROUTE_COOKIE}={value}"})
            with urllib.request.urlopen(request, timeout=5) as reply:
                assert reply.status == 200
            if self.served_by(f"probe={value}")[-1:] == [address]:
                return value
        raise AssertionError(f"no route cookie reached {address}")


@contextmanager
def running_nginx(folder: Path, upstreams: list[str]) -> Iterator[Proxy]:
    """nginx on a free loopback port in front of ``upstreams`` (base URLs of app processes)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    addresses = [urlsplit(base).netloc for base in upstreams]
    (folder / "site.conf").write_text(site_config(addresses, port), encoding="utf-8")
    # As root, nginx's workers would drop to "nobody", who cannot write into the test's private tmp folder.
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(MAIN_CONFIG.format(folder=folder, user=user), encoding="utf-8")
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, f"nginx -t refused the configuration:\n{checked.stderr}"
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{base}/_stcore/health", process)
        yield Proxy(base, folder)
    finally:
        stop(process)
