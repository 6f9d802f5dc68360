"""The shared-server engine: a LibreTranslate server over HTTP (standard library only). Batched
(`q` as a list), concurrent, with timeouts, retries with backoff and one-line errors; undoes the
server's rewriting of final punctuation."""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from cipbilingual import __version__
from cipbilingual.config import MTSettings
from cipbilingual.errors import EngineError
from cipbilingual.models import Origin
from cipbilingual.mt.base import Draft, DraftRequest, Progress
from cipbilingual.mt.pipeline import Hypothesis, draft_all
from cipbilingual.mt.protect import Protected
from cipbilingual.text import shown

URL_ENV = "CIPBILINGUAL_LIBRETRANSLATE_URL"
KEY_ENV = "CIPBILINGUAL_LIBRETRANSLATE_API_KEY"
MAX_CHARS = 400  # longer parts are cut; the server would translate them as one, truncated
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
URL_HINT = f"set mt.libretranslate_url in cipbilingual.toml or {URL_ENV}"
KEY_HINT = f"set mt.libretranslate_api_key in cipbilingual.toml or {KEY_ENV}"

_ENDERS = {
    "。": ".",
    "！": "!",
    "？": "?",
    "!": "!",
    "?": "?",
    ".": ".",
    "…": "…",
    "，": ",",
    "；": ";",
    "：": ":",
}
_CLOSERS_ZH = "”’」』）)》\"'"
_CLOSERS_EN = "\"')]”’"
_LIMIT = re.compile(r"\((\d+)\)\D+\((\d+)\)")


def undo_punctuation(source: str, text: str) -> str:
    """Undo LibreTranslate's punctuation "improvement": it turns a final '.' into '。' when the
    source ends in '。', and drops the final '?' or '!' when the source ends in '？' or '！'."""
    out = text.rstrip()
    if out.endswith("。"):
        out = out[:-1].rstrip() + "."
    core = source.rstrip().rstrip(_CLOSERS_ZH)
    ender = _ENDERS.get(core[-1:], "")
    body = out.rstrip(_CLOSERS_EN)
    if ender and body and body[-1] not in ".!?…,;:":
        out = body + ender + out[len(body) :]
    return out


class _Failure(Exception):
    """An HTTP error answer, before it becomes an EngineError."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class LibreTranslateBackend:
    """HTTP calls to one LibreTranslate server."""

    def __init__(
        self,
        url: str,
        api_key: str = "",
        *,
        timeout: float = 30.0,
        batch_size: int = 32,
        concurrency: int = 4,
        alternatives: int = 3,
        retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        try:
            parsed = urllib.parse.urlsplit(url.strip())
        except ValueError:
            parsed = urllib.parse.urlsplit("")
        userinfo, _, host = parsed.netloc.rpartition("@")
        if parsed.scheme not in ("http", "https") or not host:
            raise EngineError(
                f"'{shown(_without_credentials(url.strip()))}' is not an http(s) address of a "
                "LibreTranslate server",
                hint=URL_HINT,
            )
        # Credentials written into the address (http://user:key@host) go in an Authorization
        # header; the address kept, shown in messages and recorded in catalogs has none.
        self.url = urllib.parse.urlunsplit((parsed.scheme, host, parsed.path.rstrip("/"), "", ""))
        self._authorization = ""
        if userinfo:
            user, _, password = userinfo.partition(":")
            pair = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}"
            self._authorization = "Basic " + base64.b64encode(pair.encode("utf-8")).decode()
        self.api_key = api_key
        self.timeout = timeout
        self.batch_size = max(1, batch_size)
        self.concurrency = max(1, concurrency)
        self.alternatives = max(0, alternatives)
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sleep = sleep
        self.limit = MAX_CHARS
        self._probed = False

    # -- HTTP ---------------------------------------------------------------------------------
    def _request(self, path: str, payload: Mapping[str, Any] | None) -> Any:
        """GET (payload None) or POST JSON to the server with retries; the decoded JSON answer.
        Raises _Failure for a refusal, EngineError for an unreachable server or garbage."""
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        headers = {"Accept": "application/json", "User-Agent": f"cipbilingual/{__version__}"}
        if self._authorization:
            headers["Authorization"] = self._authorization
        if data is not None:
            headers["Content-Type"] = "application/json"
        last = ""
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(self.url + path, data=data, headers=headers)
            wait = self.backoff * 2**attempt
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as exc:
                message = _error_message(exc)
                if exc.code in RETRY_STATUSES and attempt < self.retries:
                    after = exc.headers.get("Retry-After", "") if exc.headers else ""
                    if after.isdigit():
                        wait = min(float(after), 30.0)
                    self.sleep(wait)
                    continue
                if attempt:
                    message += f" (after {attempt + 1} tries)"
                raise _Failure(exc.code, message) from None
            except TimeoutError:
                last = f"no answer within {self.timeout:g} s"
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                last = str(getattr(exc, "reason", exc)) or type(exc).__name__
            else:
                try:
                    return json.loads(body.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    raise EngineError(
                        f"LibreTranslate at {self.url} answered something that is not JSON: "
                        f"{_snippet(body)}"
                    ) from None
            if attempt < self.retries:
                self.sleep(wait)
        raise EngineError(
            f"cannot reach LibreTranslate at {self.url} ({last}; {self.retries + 1} tries)",
            hint=f"is the server running? {URL_HINT}",
        )

    def _refusal(self, failure: _Failure) -> EngineError:
        status, message = failure.status, failure.message
        where = f"LibreTranslate at {self.url}"
        if status == 403 or (status == 400 and "api key" in message.lower()):
            sent = "the API key" if self.api_key else "a request without an API key"
            return EngineError(f"{where} refused {sent} ({status}: {message})", hint=KEY_HINT)
        if status == 429:
            return EngineError(
                f"{where} is rate-limiting these requests (429: {message})",
                hint="try again later, or ask the server's operator for a key with a higher limit",
            )
        if status >= 500:
            return EngineError(
                f"{where} failed ({status}: {message})", hint="the server's log says why"
            )
        if status == 400:
            return EngineError(f"{where} refused the request (400: {message})")
        return EngineError(f"{where} answered {status}: {message}")

    def probe(self) -> None:
        """Read the server's character limit once (older servers lack the endpoint: fine)."""
        if self._probed:
            return
        self._probed = True
        saved = self.retries
        self.retries = 0
        try:
            settings = self._request("/frontend/settings", None)
        except (EngineError, _Failure):
            return
        finally:
            self.retries = saved
        limit = settings.get("charLimit") if isinstance(settings, dict) else None
        if isinstance(limit, int) and limit > 0:
            self.limit = min(self.limit, limit)

    # -- Backend ------------------------------------------------------------------------------
    def measure(self, text: str) -> int:
        return len(text)

    def generate(self, parts: Sequence[Protected]) -> list[list[Hypothesis]]:
        self.probe()
        texts = [p.text for p in parts]
        batches = [texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, max(1, len(batches))))
        try:
            futures: list[Future[list[list[str]]]] = [
                pool.submit(self._translate, batch) for batch in batches
            ]
            answers = [answer for future in futures for answer in future.result()]
        finally:
            # On Ctrl-C or an error, do not wait for requests still queued.
            pool.shutdown(wait=False, cancel_futures=True)
        return [
            [Hypothesis(undo_punctuation(text, candidate)) for candidate in candidates]
            for text, candidates in zip(texts, answers, strict=True)
        ]

    def _translate(self, texts: list[str]) -> list[list[str]]:
        payload: dict[str, Any] = {"q": texts, "source": "zh", "target": "en", "format": "text"}
        if self.alternatives:
            payload["alternatives"] = self.alternatives
        if self.api_key:
            payload["api_key"] = self.api_key
        try:
            answer = self._request("/translate", payload)
        except _Failure as failure:
            sizes = _LIMIT.search(failure.message)
            if failure.status == 400 and "alternatives" in failure.message and self.alternatives:
                self.alternatives = 0  # the server allows fewer (or none): ask for none
                return self._translate(texts)
            if failure.status == 400 and sizes and int(sizes.group(1)) == len(texts) > 1:
                allowed = max(1, int(sizes.group(2)))  # the server's batch limit
                self.batch_size = min(self.batch_size, allowed)
                return [
                    a
                    for i in range(0, len(texts), allowed)
                    for a in self._translate(texts[i : i + allowed])
                ]
            raise self._refusal(failure) from None
        return self._parse(answer, len(texts))

    def _parse(self, answer: Any, count: int) -> list[list[str]]:
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str) and count == 1:
            translated = [translated]
        if not (
            isinstance(translated, list)
            and len(translated) == count
            and all(isinstance(t, str) for t in translated)
        ):
            raise EngineError(
                f"LibreTranslate at {self.url} answered something that is not a translation of "
                f"{count} text(s): {_snippet(json.dumps(answer, ensure_ascii=False).encode())}"
            )
        alternatives = answer.get("alternatives") if isinstance(answer, dict) else None
        if (
            count == 1
            and isinstance(alternatives, list)
            and all(isinstance(a, str) for a in alternatives)
        ):
            alternatives = [alternatives]
        out: list[list[str]] = []
        for i, text in enumerate(translated):
            extra: list[str] = []
            if isinstance(alternatives, list) and i < len(alternatives):
                item = alternatives[i]
                if isinstance(item, list):
                    extra = [a for a in item if isinstance(a, str) and a.strip()]
            out.append([text, *extra])
        return out


def _without_credentials(url: str) -> str:
    """An address as messages may show it: whatever stands before an @ is replaced, even in an
    address too malformed to parse (desk:KEY@host)."""
    if "@" not in url:
        return url
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    return f"{scheme}{sep}***@{rest.rpartition('@')[2]}"


def _error_message(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read()
    except OSError:
        body = b""
    try:
        data = json.loads(body.decode("utf-8"))
        if isinstance(data, dict) and isinstance(data.get("error"), str):
            return str(data["error"])
    except (UnicodeDecodeError, json.JSONDecodeError):
        pass
    return _snippet(body) or str(exc.reason)


def _snippet(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip().replace("\n", " ")
    return text[:80] + ("…" if len(text) > 80 else "")


class LibreTranslateEngine:
    """Drafts through a LibreTranslate server. Raises EngineError."""

    name = "libretranslate"

    def __init__(self, backend: LibreTranslateBackend) -> None:
        self.backend = backend

    @classmethod
    def from_settings(
        cls, settings: MTSettings | None = None, env: Mapping[str, str] | None = None
    ) -> LibreTranslateEngine:
        """The engine for the server in CIPBILINGUAL_LIBRETRANSLATE_URL (else
        mt.libretranslate_url), with the key likewise; raises EngineError if none is set."""
        s = settings or MTSettings()
        environ = os.environ if env is None else env
        url = environ.get(URL_ENV) or s.libretranslate_url
        key = environ.get(KEY_ENV) or s.libretranslate_api_key
        if not url:
            raise EngineError("no LibreTranslate server is configured", hint=URL_HINT)
        return cls(
            LibreTranslateBackend(
                url,
                key,
                timeout=s.timeout,
                batch_size=s.batch_size,
                concurrency=s.concurrency,
                alternatives=max(0, s.num_hypotheses - 1),
            )
        )

    def describe(self) -> str:
        key = "with an API key" if self.backend.api_key else "without an API key"
        return f"LibreTranslate at {self.backend.url} ({key})"

    def origin(self, score: float | None) -> Origin:
        return Origin(self.name, self.backend.url, score)

    def translate(
        self, requests: Sequence[DraftRequest], progress: Progress | None = None
    ) -> list[Draft | None]:
        """One Draft per request (None for an empty source), in order; raises EngineError."""
        self.backend.probe()  # the server's character limit decides how segments are cut
        return draft_all(
            requests,
            self.backend,
            self.origin,
            progress=progress,
            parts_per_call=self.backend.batch_size * self.backend.concurrency,
        )
