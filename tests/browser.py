"""Headless Chromium for tests: render a local HTML file, dump its DOM, screenshot it, and list
the network requests the page made.

Chromium runs with a fresh profile and every name resolving to "not found", so nothing leaves
the machine; its net log still records each request the page *tried* to make. Requests that
Chromium makes on its own (time sync, account checks) have no page origin as initiator and are
kept apart from the page's.

    from browser import find_chromium, render  # (tests/ is on sys.path under pytest)
    page = render("report.html", screenshot="shot.png")
    page.dom, page.page_requests
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
    "--hide-scrollbars", "--mute-audio",
    # Every host name fails to resolve: a stray request is recorded, never sent.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
# Chromium's own background requests carry no page origin.
_BROWSER_INITIATOR = "not an origin"


def find_chromium() -> str | None:
    for name in BINARIES:
        path = shutil.which(name)
        if path:
            return path
    return None


def require_chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip(f"no headless browser found ({', '.join(BINARIES)}); .ci/run installs chromium")
    return path


@dataclass
class Rendered:
    dom: str
    requests: list[dict] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def page_requests(self) -> list[str]:
        """URLs the page asked the network for (its own images, styles, scripts, links ...)."""
        return [r["url"] for r in self.requests if _from_page(r)]


def render(path: str | Path, screenshot: str | Path | None = None, width: int = 1280,
           height: int = 4000, timeout: float = 90) -> Rendered:
    """Load ``path`` (file://) in headless Chromium; the DOM after load, requests, a screenshot."""
    binary = require_chromium()
    url = Path(path).resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="mk-chromium-") as tmp:
        netlog = Path(tmp) / "netlog.json"
        base = [binary, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--log-net-log={netlog}", f"--window-size={width},{height}"]
        dump = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True,
                              timeout=timeout, check=False)
        if dump.returncode != 0 or not dump.stdout.strip():
            raise RuntimeError(f"chromium failed ({dump.returncode}): {dump.stderr[-2000:]}")
        requests = network_requests(netlog)
        shot = None
        if screenshot is not None:
            shot = Path(screenshot).resolve()
            shot.parent.mkdir(parents=True, exist_ok=True)
            run = subprocess.run([*base, f"--screenshot={shot}", url], capture_output=True,
                                 text=True, timeout=timeout, check=False)
            if run.returncode != 0 or not shot.exists():
                raise RuntimeError(f"chromium screenshot failed: {run.stderr[-2000:]}")
            requests += network_requests(netlog)
    return Rendered(dom=dump.stdout, requests=requests, screenshot=shot)


def _from_page(request: dict) -> bool:
    """A request the file:// page made (its isolation key or initiator names the page)."""
    key = str(request.get("network_isolation_key") or "")
    initiator = request.get("initiator")
    return key.startswith("file://") or (initiator is not None and initiator != _BROWSER_INITIATOR)


def network_requests(netlog: Path) -> list[dict]:
    """Every URL request in a Chromium net log: url, method, initiator, isolation key."""
    if not netlog.exists():
        raise RuntimeError(f"chromium wrote no net log at {netlog}")
    text = netlog.read_text(encoding="utf-8", errors="replace").rstrip()
    # Chromium may be killed before it closes the JSON; the events array is still readable.
    if not text.endswith("}"):
        text = text.rstrip(",\n ") + "]}"
    data = json.loads(text)
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    out = []
    for event in data.get("events", []):
        params = event.get("params") or {}
        if event.get("type") == start_job and "url" in params:
            out.append({"url": params["url"], "method": params.get("method"),
                        "initiator": params.get("initiator"),
                        "network_isolation_key": params.get("network_isolation_key")})
    return out


# ---------------------------------------------------------------- static check

# Attributes that make a browser fetch something on load (or on a click that leaves the page).
_URL_ATTRS = {"src", "href", "srcset", "poster", "data", "action", "formaction", "background",
              "cite", "longdesc", "manifest", "ping", "xlink:href", "imagesrcset"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import\s+(['\"])(.*?)\3", re.I | re.S)


def _local(url: str) -> bool:
    """True for references that need no file or network: in-page anchors and data: URIs."""
    u = url.strip()
    return u.startswith("#") or u.lower().startswith("data:")


class _RefFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _URL_ATTRS:
                urls = [p.strip().split()[0] for p in value.split(",") if p.strip()] \
                    if name.endswith("srcset") else [value]
                self.refs += [u for u in urls if not _local(u)]
            elif name == "style":
                self.refs += _css_refs(value)
            elif name == "content" and tag == "meta" and "url=" in value.lower():
                self.refs.append(value)  # <meta http-equiv="refresh" content="0; url=...">
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.refs += _css_refs(data)


def _css_refs(css: str) -> list[str]:
    refs = []
    for m in _CSS_URL.finditer(css):
        url = m.group(2) if m.group(2) is not None else m.group(4)
        if url is not None and not _local(url):
            refs.append(url)
    return refs


def external_references(page: str) -> list[str]:
    """Every URL in ``page`` that a browser would fetch from outside the page itself.

    Anchors (``#summary``) and ``data:`` URIs are inside the page; anything else (http, https,
    protocol-relative, or a relative path to another file) breaks "one self-contained file".
    """
    finder = _RefFinder()
    finder.feed(page)
    finder.close()
    return finder.refs
