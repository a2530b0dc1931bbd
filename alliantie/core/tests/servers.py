"""Real processes for the tests of many servers and faults: gunicorn app servers with production settings on the
test database, Debian's nginx in front of them, the background worker, and a browser-like HTTP client."""

import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, as a URL the app servers can use (PostgreSQL only: SQLite cannot be shared this way)."""
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("Deze test heeft PostgreSQL nodig: `make test` start er een (DATABASE_URL).")
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def server_environment(mail_port: int, workdir: Path, **extra: str) -> dict:
    """Production settings (not the tests'), with what a test machine lacks; every process gets the same."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key in ("PATH", "HOME", "LANG", "LC_ALL", "REDIS_URL", "TMPDIR") or key.startswith("PYTHON")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="alliantie.settings",
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,  # the same as the tests', so links the tests make (tokens) work there
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        STATIC_MANIFEST="0",
        DATABASE_URL=database_url(),
        ALLIANTIE_DATA_DIR=str(workdir / "data"),
        MEDIA_ROOT=str(workdir / "media"),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail_port),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        SITE_URL="http://127.0.0.1",
        TRUSTED_PROXIES="127.0.0.1",
        CACHE_KEY_PREFIX=f"servers-{os.getpid()}",
        LOG_LEVEL="WARNING",
        GUNICORN_CMD_ARGS="--access-logfile -",  # every request in the process's log, for when a test fails
    )
    env.update(extra)
    return env


def wait_until_up(port: int, process: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} stopte meteen (code {process.returncode}); zie de uitvoer hierboven.")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezondheid", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    pytest.fail(f"{what} kwam niet op binnen {timeout} seconden.")


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream app {{ {servers} }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


@dataclass
class Platform:
    """Two (or more) app servers behind nginx, and a worker; `url` is nginx."""

    workdir: Path
    env: dict
    ports: list[int]
    port: int
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_app(self, name: str, port: int) -> None:
        log = open(self.workdir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--config",
                "python:alliantie.gunicorn_settings",
                "alliantie.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until_up(port, self.processes[name], f"gunicorn {name}")

    def start_worker(self) -> subprocess.Popen:
        log = open(self.workdir / "worker.log", "a")  # noqa: SIM115 - closed with the process
        self.processes["worker"] = subprocess.Popen(
            [str(VENV_BIN / "alliantie"), "db_worker", "--interval", "0.2", "--no-startup-delay"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self.processes["worker"]

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            process.send_signal(sig)
            process.wait(timeout=20)

    def stop(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.workdir.glob("*.log")))


def start_platform(mail_port: int, *, app_servers: int = 2, worker: bool = True, **env: str) -> Platform:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is niet geïnstalleerd: `make test` installeert het met apt-get install nginx.")
    workdir = Path(tempfile.mkdtemp(prefix="alliantie-servers-"))
    for sub in ("data", "media", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / sub).mkdir()
    os.chmod(workdir, 0o777)  # noqa: S103 - nginx's worker runs as nobody and writes its temp files here
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        os.chmod(workdir / sub, 0o777)  # noqa: S103
    ports = [free_port() for _ in range(app_servers)]
    platform = Platform(
        workdir=workdir, env=server_environment(mail_port, workdir, **env), ports=ports, port=free_port()
    )
    try:
        for n, port in enumerate(ports, 1):
            platform.start_app(f"app{n}", port)
        conf = workdir / "nginx.conf"
        servers = " ".join(f"server 127.0.0.1:{port};" for port in ports)
        conf.write_text(NGINX_CONF.format(dir=workdir, servers=servers, port=platform.port))
        log = open(workdir / "nginx.log", "w")  # noqa: SIM115 - closed with the process
        platform.processes["nginx"] = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(workdir)], stdout=log, stderr=subprocess.STDOUT
        )
        wait_until_up(platform.port, platform.processes["nginx"], "nginx")
        if worker:
            platform.start_worker()
    except BaseException:
        platform.stop()
        raise
    return platform


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    headers: dict
    text: str

    @property
    def upstream(self) -> str:
        return self.headers.get("X-Upstream", "")


class Visitor:
    """A browser without JavaScript: cookies, the CSRF token in forms, no automatic redirects."""

    def __init__(self, base: str, address: str = "") -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.address = address

    def _open(self, request: urllib.request.Request) -> Answer:
        if self.address:
            request.add_header("X-Forwarded-For", self.address)
        try:
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, dict(response.headers), response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode("utf-8", "replace"))

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def post(self, path: str, data: dict | list) -> Answer:
        if not self.csrf():
            self.get("/account/inloggen/")
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        body = urllib.parse.urlencode([*pairs, ("csrfmiddlewaretoken", self.csrf())], doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST"))

    def log_in(self, email: str, password: str) -> Answer:
        self.get("/account/inloggen/")
        return self.post("/account/inloggen/", {"username": email, "password": password})
