"""The one static server of the browser tests (tests/site/conftest.py, trust.py) and the benchmarks (bench/): a built
site on 127.0.0.1, with the MIME types Pyodide needs (``.wasm`` as ``application/wasm``, ``.mjs``/``.js`` as
``text/javascript``).

    with serve(site) as (url, counter): ...                     # tests: no HTTP caching
    with serve(site, precompressed=True, cache=True) as ...     # bench: as a host with the build's .br/.gz files

- ``precompressed``: the .br or .gz twin of a file when the browser accepts it (Content-Encoding), as nginx's
  brotli_static does, answering If-Modified-Since with 304;
- ``cache``: ``Cache-Control: public, max-age=3600`` (a warm visit can use the HTTP cache), else ``no-store``;
- ``counter``: the bytes and requests served (bench/run.py's first-visit bytes);
- ``handler``: a subclass of ``SiteHandler`` (trust.py's server whose directory and headers a test changes).
"""

from __future__ import annotations

import email.utils
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bytes = 0
        self.requests = 0
        self.files: dict[str, int] = {}

    def add(self, path: str, n: int) -> None:
        with self.lock:
            self.bytes += n
            self.requests += 1
            self.files[path] = self.files.get(path, 0) + n

    def reset(self) -> None:
        with self.lock:
            self.bytes = 0
            self.requests = 0
            self.files = {}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site with the MIME types Pyodide needs; other servers subclass it."""

    precompressed = False
    cache_control = "no-store"
    counter = Counter()
    extensions_map = {  # noqa: RUF012 - class attribute of the stdlib handler
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if self.precompressed and path.is_file():
            found, body = self._twin(path)
            if found:
                return body
        head = super().send_head()
        if head is not None and path.is_file():
            self.counter.add(self.path, path.stat().st_size)
        return head

    def _twin(self, path: Path) -> tuple[bool, Any]:
        """(whether a .br/.gz twin was answered, its body: None after a 304)."""
        accept = self.headers.get("Accept-Encoding", "")
        for enc, suffix in (("br", ".br"), ("gzip", ".gz")):
            twin = path.with_name(path.name + suffix)
            if enc not in accept or not twin.is_file():
                continue
            mtime = int(path.stat().st_mtime)
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    fresh = email.utils.parsedate_to_datetime(since).timestamp() >= mtime
                except (TypeError, ValueError):
                    fresh = False
                if fresh:
                    self.send_response(304)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    self.counter.add(self.path, 0)
                    return True, None
            data = twin.read_bytes()
            self.send_response(200)
            self.send_header("Last-Modified", self.date_time_string(mtime))
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", enc)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.counter.add(self.path, len(data))
            return True, _Bytes(data)
        return False, None


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: Any) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closing a connection mid-transfer (page closed) is not an error of the site.
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(
    directory: Path,
    *,
    precompressed: bool = False,
    cache: bool = False,
    handler: type[SiteHandler] = SiteHandler,
) -> Iterator[tuple[str, Counter]]:
    """Serve ``directory``; yields (``http://127.0.0.1:PORT/``, the counter of what was sent)."""
    counter = Counter()
    settings = {"precompressed": precompressed, "counter": counter}
    if cache:
        settings["cache_control"] = "public, max-age=3600"
    served = type("Handler", (handler,), settings)
    server = SiteServer(("127.0.0.1", 0), functools.partial(served, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()
