"""A bounded HTTP client for online geocoders: one deadline per request, a size limit, same-host redirects.

geopy's stock adapters trust the server: a socket timeout applies to each read, so
a server that drips a byte every few seconds holds a request for minutes; replies
are read whole, whatever their size; redirects go anywhere. :class:`BoundedAdapter`
is a geopy adapter (``adapter_factory``) that bounds all three. It knows HTTP, not
geocoding: rate limits, retries and caching stay in :mod:`karamap.gazetteer.policy`.
"""

from __future__ import annotations

import base64
import email.utils
import http.client
import io
import json
import math
import socket
import ssl
import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import geopy.exc
from geopy.adapters import AdapterHTTPError, BaseSyncAdapter

from karamap.terminal import one_line

__all__ = ["BoundedAdapter", "Deadline", "MAX_REPLY_BYTES", "MAX_REDIRECTS", "retry_after_seconds"]

#: a geocoder's answer to one search is a few kilobytes; anything this large is refused unread
MAX_REPLY_BYTES = 2 * 1024 * 1024
#: redirects followed per request, each to the same host only
MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: a Retry-After beyond this is clamped (a year): the policy's own cap decides what is waited
_LONGEST_RETRY_AFTER = 365 * 24 * 3600


class Deadline:
    """A point in time after which a request is abandoned, whatever it is waiting for.

    >>> now = [0.0]
    >>> deadline = Deadline(2.0, _clock=lambda: now[0])
    >>> deadline.remaining()
    2.0
    >>> now[0] = 2.5
    >>> deadline.remaining()
    Traceback (most recent call last):
    ...
    TimeoutError: no complete reply within 2 s
    """

    def __init__(self, seconds: float, *, _clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = _clock
        self._end = _clock() + seconds

    def remaining(self) -> float:
        left = self._end - self._clock()
        if left <= 0:
            raise TimeoutError(f"no complete reply within {self.seconds:g} s")
        return left


class _DeadlineReader(io.RawIOBase):
    """A socket's reading side whose every read waits at most until the deadline."""

    def __init__(self, owner: _DeadlineSocket) -> None:
        super().__init__()
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        sock = self._owner.sock
        sock.settimeout(self._owner.deadline.remaining())
        return sock.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            super().close()
            self._owner.release()


class _DeadlineSocket:
    """The part of a socket :mod:`http.client` uses, every call bounded by one deadline.

    http.client reads the status line, the headers and the body through
    ``makefile("rb")``; a per-read timeout cannot stop a slow drip, a deadline
    checked before every read does. As with a real socket, closing it while a
    reader is open (http.client does so for a reply that ends the connection)
    waits for the reader to close.
    """

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self.sock = sock
        self.deadline = deadline
        self._readers = 0
        self._closing = False

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        self._readers += 1
        return io.BufferedReader(_DeadlineReader(self))

    def sendall(self, data: bytes) -> None:
        self.sock.settimeout(self.deadline.remaining())
        self.sock.sendall(data)

    def settimeout(self, value: float | None) -> None:  # the deadline decides
        pass

    def setsockopt(self, *args: Any) -> None:
        self.sock.setsockopt(*args)

    def release(self) -> None:
        self._readers -= 1
        if self._closing and self._readers <= 0:
            self.sock.close()

    def close(self) -> None:
        self._closing = True
        if self._readers <= 0:
            self.sock.close()


def _bounded(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
    class Connection(base):  # type: ignore[valid-type, misc]
        """A connection whose connect, TLS handshake, send and every read share one deadline."""

        deadline: Deadline

        def connect(self) -> None:
            self.timeout = self.deadline.remaining()
            super().connect()
            self.sock = _DeadlineSocket(self.sock, self.deadline)  # type: ignore[assignment]

    Connection.__name__ = f"Bounded{base.__name__}"
    return Connection


_HTTPConnection = _bounded(http.client.HTTPConnection)
_HTTPSConnection = _bounded(http.client.HTTPSConnection)


@dataclass(frozen=True, slots=True)
class _Origin:
    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> _Origin:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        return cls(scheme, parts.hostname.lower(), parts.port or _DEFAULT_PORTS[scheme])

    def allows(self, other: _Origin) -> bool:
        """A redirect from here to ``other`` is followed: the same host, never downgraded to http."""
        if other == self:
            return True
        # http://host/ -> https://host/ (default ports) is the one cross-scheme hop servers need
        return (self.scheme, other.scheme) == ("http", "https") and other.host == self.host \
            and (self.port, other.port) == (80, 443)


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delay-seconds or an HTTP-date), or None.

    A value that is neither is ignored, a past date is 0, and absurd values are
    clamped to a year: the caller's cap decides how long is actually waited.

    >>> retry_after_seconds("120")
    120.0
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0)
    10.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(min(int(value[:12]), _LONGEST_RETRY_AFTER))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or when.tzinfo is None:
        return None
    seconds = when.timestamp() - (time.time() if now is None else now)
    if not math.isfinite(seconds):
        return None
    return float(min(max(seconds, 0.0), _LONGEST_RETRY_AFTER))


class BoundedAdapter(BaseSyncAdapter):
    """A geopy adapter that a hostile or broken server cannot hold, flood or send elsewhere.

    - ``timeout`` (geopy's) is one deadline for the whole request: connecting, the TLS
      handshake, sending, the status line, the headers and the body, however slowly
      the server drips them.
    - A reply over ``max_bytes`` is refused (by its Content-Length, or once that many
      bytes have come).
    - At most ``max_redirects`` redirects, each to the same host (an upgrade from
      http to https on the default ports allowed); :attr:`before_redirect` is called
      before each hop, so a rate limiter can count it as the request it is.
    - Messages quote no server text but a short, escaped line.

    Proxies are taken from geopy's ``proxies`` (``None``: the environment's
    ``http_proxy``/``https_proxy``/``no_proxy``, as urllib does).

    Examples
    --------
    >>> from geopy.geocoders import Nominatim
    >>> geocoder = Nominatim(user_agent="karamap-doc/1.0", adapter_factory=BoundedAdapter)
    >>> geocoder.adapter.max_bytes == MAX_REPLY_BYTES
    True
    """

    def __init__(self, *, proxies: Mapping[str, str] | None = None, ssl_context: ssl.SSLContext | None = None,
                 max_bytes: int = MAX_REPLY_BYTES, max_redirects: int = MAX_REDIRECTS,
                 _clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.proxies = dict(urllib.request.getproxies() if proxies is None else proxies)
        self.ssl_context = ssl_context
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        #: called before each redirect hop (the policy sets its rate limiter's pace here)
        self.before_redirect: Callable[[], None] | None = None
        self._clock = _clock

    # --- geopy's adapter contract ------------------------------------------------------------

    def get_json(self, url: str, *, timeout: float, headers: Mapping[str, str]) -> Any:
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except (ValueError, RecursionError) as err:
            raise geopy.exc.GeocoderParseError(f"the reply is not JSON ({one_line(str(err), 80)})") from err

    def get_text(self, url: str, *, timeout: float, headers: Mapping[str, str]) -> str:
        status, reply_headers, body = self._fetch(url, timeout, headers)
        if status >= 400:
            raise AdapterHTTPError(f"HTTP {status}", status_code=status, headers=reply_headers,
                                   text=one_line(body.decode("utf-8", "replace"), 200))
        try:
            # JSON between systems is UTF-8 (RFC 8259); a charset label, even a bogus one, is not read
            return body.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise geopy.exc.GeocoderParseError("the reply is not UTF-8 text") from err

    # --- the request ---------------------------------------------------------------------------

    def _fetch(self, url: str, timeout: float, headers: Mapping[str, str]) -> tuple[int, dict[str, str], bytes]:
        try:
            origin = _Origin.of(url)
        except ValueError as err:
            raise geopy.exc.GeocoderServiceError(str(err)) from err
        for hop in range(self.max_redirects + 1):
            if hop and self.before_redirect is not None:
                self.before_redirect()
            status, reply_headers, body = self._exchange(url, timeout, headers)
            if status not in _REDIRECTS:
                return status, reply_headers, body
            location = reply_headers.get("location", "").strip()
            if not location:
                raise geopy.exc.GeocoderServiceError(f"redirected (HTTP {status}) to nowhere (no Location)")
            try:
                target = urljoin(url, location)
                allowed = origin.allows(_Origin.of(target))
            except ValueError:
                target, allowed = location, False
            if not allowed:
                raise geopy.exc.GeocoderServiceError(
                    f"redirected (HTTP {status}) to another host ({one_line(target, 80)}); not followed")
            url = target
        raise geopy.exc.GeocoderServiceError(f"more than {self.max_redirects} redirects; not followed")

    def _exchange(self, url: str, timeout: float, headers: Mapping[str, str]) -> tuple[int, dict[str, str], bytes]:
        deadline = Deadline(timeout, _clock=self._clock)
        try:
            connection, target = self._connection(url, deadline)
        except ValueError as err:  # a proxy setting that is no URL
            raise geopy.exc.GeocoderServiceError(f"cannot use the proxy: {err}") from err
        response: http.client.HTTPResponse | None = None
        try:
            connection.request("GET", target, headers=dict(headers))
            response = connection.getresponse()
            status = response.status
            reply_headers = _headers(response)
            if status in _REDIRECTS:
                return status, reply_headers, b""  # the body of a redirect is not read
            length = response.length
            if length is not None and length > self.max_bytes:
                raise geopy.exc.GeocoderServiceError(
                    f"the reply ({length} bytes) is larger than {self.max_bytes} bytes; refused")
            body = response.read(self.max_bytes + 1)
            if len(body) > self.max_bytes:
                raise geopy.exc.GeocoderServiceError(
                    f"the reply is larger than {self.max_bytes} bytes; refused")
            return status, reply_headers, body
        except ValueError as err:  # a header or path http.client will not send (a control character)
            raise geopy.exc.GeocoderServiceError(f"cannot send the request ({one_line(str(err), 80)})") from err
        except TimeoutError as err:  # socket.timeout and the deadline alike
            raise geopy.exc.GeocoderTimedOut(f"no complete reply within {timeout:g} s") from err
        except ssl.SSLError as err:
            raise geopy.exc.GeocoderServiceError(f"TLS failed ({one_line(str(err), 80)})") from err
        except http.client.HTTPException as err:
            if isinstance(err, ConnectionError):  # RemoteDisconnected: closed before a reply
                raise geopy.exc.GeocoderServiceError("the connection closed before a reply") from err
            raise geopy.exc.GeocoderServiceError(
                f"a broken HTTP reply ({type(err).__name__})") from err
        except OSError as err:  # refused, reset, unknown host: the cause tells policy whether to retry
            raise geopy.exc.GeocoderServiceError(one_line(str(err), 120)) from err
        finally:
            if response is not None:
                response.close()
            connection.close()

    def _connection(self, url: str, deadline: Deadline) -> tuple[http.client.HTTPConnection, str]:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), parts.hostname or "", parts.port
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        proxy = self.proxies.get(scheme)
        if proxy and urllib.request.proxy_bypass(host):
            proxy = None
        connection: http.client.HTTPConnection
        if proxy:
            p = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
            if not p.hostname:
                raise ValueError(f"{one_line(proxy, 80)} names no host")
            proxy_headers = {}
            if p.username is not None:
                token = base64.b64encode(f"{unquote(p.username)}:{unquote(p.password or '')}".encode()).decode()
                proxy_headers["Proxy-Authorization"] = f"Basic {token}"
            if scheme == "https":
                connection = _HTTPSConnection(p.hostname, p.port or 8080, context=self._tls())
                connection.set_tunnel(host, port or 443, headers=proxy_headers)
            else:
                connection = _HTTPConnection(p.hostname, p.port or 8080)
                path = url  # a forward proxy takes the absolute URL
        elif scheme == "https":
            connection = _HTTPSConnection(host, port, context=self._tls())
        else:
            connection = _HTTPConnection(host, port)
        connection.deadline = deadline  # type: ignore[attr-defined]
        return connection, path

    def _tls(self) -> ssl.SSLContext:
        return self.ssl_context or ssl.create_default_context()


def _headers(response: http.client.HTTPResponse) -> dict[str, str]:
    """The reply headers geopy may read: lower-cased; Retry-After as plain seconds, or absent.

    geopy parses Retry-After itself and logs a malformed one verbatim; a
    normalised number leaves it nothing of the server's to print.
    """
    headers = {k.lower(): v for k, v in response.getheaders() if k.lower() not in ("retry-after",)}
    seconds = retry_after_seconds(response.getheader("retry-after"))
    if seconds is not None:
        headers["retry-after"] = str(math.ceil(seconds))
    return headers
