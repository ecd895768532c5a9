"""What the JupyterHub test (tests/test_hub.py) runs beside the hub.

- :class:`GitHTTPServer`: a git server on 127.0.0.1 speaking git's smart HTTP protocol, as any
  self-hosted git host does: each request is handed to ``git http-backend`` (a CGI program
  that ships with git) with ``GIT_PROJECT_ROOT`` and ``GIT_HTTP_EXPORT_ALL`` set. Read-only:
  ``git http-backend`` refuses pushes from an unauthenticated client.
- :func:`find_proxy`: the ``configurable-http-proxy`` executable JupyterHub needs (from npm).
"""
from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]

#: Where ``.ci/run`` installs configurable-http-proxy: ``npm ci --prefix tests/node``
#: (tests/node/package-lock.json pins it and its dependencies).
PROXY_IN_TREE = ROOT / "tests" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY_ENV = "CONFIGURABLE_HTTP_PROXY"


def find_proxy() -> str | None:
    """``$CONFIGURABLE_HTTP_PROXY``, else the copy ``.ci/run`` installs into tests/node, else
    ``configurable-http-proxy`` on PATH; None if there is none."""
    named = os.environ.get(PROXY_ENV)
    if named:
        return named if os.access(named, os.X_OK) else None
    if os.access(PROXY_IN_TREE, os.X_OK):
        return str(PROXY_IN_TREE)
    return shutil.which("configurable-http-proxy")


class _GitCGI(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection: git's client is happy with that
    project_root: Path
    log: list

    def do_GET(self):
        self._backend()

    def do_POST(self):
        self._backend()

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _backend(self):
        path, _, query = self.path.partition("?")
        body = self._body()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": str(self.project_root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": unquote(path),
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": self.client_address[0],
            "SERVER_PROTOCOL": "HTTP/1.0",
            "HTTP_GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
            "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
        }
        done = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, timeout=120)
        out = done.stdout
        # the CGI headers end at the first empty line (CRLF CRLF or LF LF); the rest is git's data
        ends = [(i, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (i := out.find(sep)) >= 0]
        if not ends:
            self.send_error(500, "git http-backend failed", done.stderr.decode(errors="replace")[-500:])
            return
        cut, sep_len = min(ends)
        head, payload = out[:cut], out[cut + sep_len:]
        headers = [line.split(":", 1) for line in head.decode("latin-1").splitlines() if ":" in line]
        status = next((v.strip() for k, v in headers if k.lower() == "status"), "200 OK")
        self.log.append((self.command, path, status.split()[0]))
        self.send_response(int(status.split()[0]), status.partition(" ")[2] or None)
        for k, v in headers:
            if k.lower() not in ("status", "content-length"):
                self.send_header(k, v.strip())
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # requests are kept in self.log instead
        pass


class GitHTTPServer:
    """Serve every repository under ``project_root`` at ``http://127.0.0.1:<port>/<name>``,
    in a thread of this process, until :meth:`close`. ``requests`` lists (method, path,
    status) of every request served."""

    def __init__(self, project_root: Path):
        self.requests: list = []
        handler = type("Handler", (_GitCGI,), {"project_root": Path(project_root), "log": self.requests})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    def close(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


def snapshot_repository(source: Path, dest: Path, branch: str) -> str:
    """A bare repository at ``dest`` whose ``branch`` is one commit holding ``source``'s work tree
    as ``git add -A`` takes it: every committed file as it is now on disk, and new files not
    ignored (no node_modules). On a clean checkout (CI) that is its HEAD; on a developer's, with
    changes not yet committed, the student then pulls the same notebooks and ``itband`` that the
    test's kernel imports. Nothing is written into ``source``. Returns the commit's hash."""
    def git(*args, **env):
        return subprocess.run(["git", *args], check=True, capture_output=True, text=True,
                              env={**os.environ, **env}).stdout.strip()

    git("init", "--quiet", "--bare", "-b", branch, str(dest))
    tree_env = {"GIT_DIR": str(dest), "GIT_WORK_TREE": str(source), "GIT_INDEX_FILE": str(dest / "snapshot-index")}
    git("add", "-A", "--", ".", ":(exclude,glob)**/node_modules/**", **tree_env)
    tree = git("write-tree", **tree_env)
    who = {"GIT_AUTHOR_NAME": "Course test", "GIT_AUTHOR_EMAIL": "course-test@127.0.0.1",
           "GIT_COMMITTER_NAME": "Course test", "GIT_COMMITTER_EMAIL": "course-test@127.0.0.1"}
    commit = git("--git-dir", str(dest), "commit-tree", tree, "-m", f"The course as checked out in {source}", **who)
    git("--git-dir", str(dest), "update-ref", f"refs/heads/{branch}", commit)
    return commit
