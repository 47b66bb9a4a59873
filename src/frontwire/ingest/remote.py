"""Articles and feeds from a list of URLs: fetched into a local mirror folder that the readers then read.

Used by ``frontwire watch --urls FILE``. Each round the list is read again (so
URLs can be added while it runs) and each URL is fetched with a conditional
GET (ETag, Last-Modified); a page is written to the mirror only when its
content changed, so the usual file watching picks it up once. Only ``http``
and ``https`` URLs are fetched, each within a time limit and the readers'
size limit. A URL that cannot be fetched is a Problem naming it; the others go on.
"""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from frontwire import __version__
from frontwire.ingest.base import MAX_FILE_BYTES
from frontwire.errors import InputError
from frontwire.model import Problem

TIMEOUT_SECONDS = 20.0
USER_AGENT = f"frontwire/{__version__} (+watch)"
SUFFIXES: dict[str, str] = {  # content type -> the suffix its reader expects
    "text/html": ".html", "application/xhtml+xml": ".html",
    "application/rss+xml": ".xml", "application/atom+xml": ".xml", "application/xml": ".xml", "text/xml": ".xml",
    "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl", "application/json": ".jsonl",
    "text/plain": ".txt",
}  # fmt: skip
URL_SUFFIXES = frozenset({".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".txt"})
SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def read_url_list(path: Path) -> tuple[list[str], list[Problem]]:
    """The URLs in a list file, one a line (blank lines and ``#`` comments skipped), and the lines that are not URLs."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), "unreadable", f"{path.name}: cannot read the URL list: {exc}")]
    urls, problems = [], []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = urlsplit(line)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(Problem(str(path), "url", f"{path.name}:{number}: not an http(s) URL: {line[:200]!r}", item=str(number)))
        else:
            urls.append(line)
    return list(dict.fromkeys(urls)), problems


def mirror_path(folder: Path, url: str, suffix: str) -> Path:
    """Where a fetched URL is kept: ``<folder>/<host>/<path slug>-<hash><suffix>`` (stable per URL)."""
    parts = urlsplit(url)
    stem = SLUG.sub("-", (parts.path.rsplit("/", 1)[-1] or "index").rsplit(".", 1)[0]).strip("-")[:60] or "index"
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    return folder / SLUG.sub("-", parts.netloc) / f"{stem}-{digest}{suffix}"


@dataclass
class Fetcher:
    """Fetches URLs into ``folder``, remembering each one's validators and content hash between rounds."""

    folder: Path
    timeout: float = TIMEOUT_SECONDS
    limit: int = MAX_FILE_BYTES
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    def refresh(self, urls: list[str]) -> tuple[list[Path], list[Problem]]:
        """Fetch every URL; the mirror files written (new or changed content) and the URLs that failed."""
        written, problems = [], []
        for url in urls:
            try:
                path = self._fetch(url)
            except FetchError as exc:
                problems.append(Problem(url, exc.code, f"{url}: {exc.message}"))
                continue
            if path is not None:
                written.append(path)
        return written, problems

    def _fetch(self, url: str) -> Path | None:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **self.validators.get(url, {})})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only, checked above
                body = response.read(self.limit + 1)
                headers = response.headers
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return None  # not modified
            raise FetchError(f"HTTP {exc.code} {exc.reason}", code="http") from exc
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            raise FetchError(f"cannot fetch: {getattr(exc, 'reason', exc)}", code="fetch") from exc
        if len(body) > self.limit:
            raise FetchError(f"over the limit of {self.limit:,} bytes", code="too-large")
        suffix = self._suffix(url, headers.get_content_type())
        self.validators[url] = {name: headers[header] for name, header in
                                (("If-None-Match", "ETag"), ("If-Modified-Since", "Last-Modified")) if headers.get(header)}  # fmt: skip
        digest = hashlib.sha256(body).hexdigest()
        if self.hashes.get(url) == digest:
            return None
        path = mirror_path(self.folder, url, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(body)
        partial.replace(path)  # a reader never sees half a page
        self.hashes[url] = digest
        return path

    @staticmethod
    def _suffix(url: str, content_type: str) -> str:
        if content_type in SUFFIXES:
            return SUFFIXES[content_type]
        suffix = Path(urlsplit(url).path).suffix.lower()
        if suffix in URL_SUFFIXES:
            return ".html" if suffix == ".htm" else suffix
        raise FetchError(f"content type {content_type!r} is not an article or a feed", code="type")


class FetchError(InputError):
    """A URL that could not be fetched."""

    code = "fetch"
