"""Signed approvals through OpenSSH, the mechanism git uses for SSH commit signing:
`ssh-keygen -Y sign` makes a signature, `ssh-keygen -Y verify` checks it against an
allowed_signers file kept in the workspace. See docs/publishing.md."""

from __future__ import annotations

import base64
import binascii
import fnmatch
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import InputError, SigningError
from cipbilingual.models import Approval, Segment

NAMESPACE = "cipbilingual-approval"
SIGNING_KEY_ENV = "CIPBILINGUAL_SIGNING_KEY"
_TIMEOUT = 60.0
_KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "ssh-rsa",
        "ssh-dss",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    }
)
_DEFAULT_KEYS = ("id_ed25519", "id_ecdsa", "id_ed25519_sk", "id_ecdsa_sk", "id_rsa")
_ARMOR_HEAD = "-----BEGIN SSH SIGNATURE-----"
_ARMOR_TAIL = "-----END SSH SIGNATURE-----"
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def approval_message(slug: str, segment: Segment, approval: Approval) -> bytes:
    """The exact bytes an approval signs: the article, the segment id, the Chinese and the
    English (as hashes), who approved, when, and any QA override. Copying a signature to another
    segment, article, time or person therefore breaks it."""
    override = approval.override
    lines = [
        "cipbilingual approval 1",
        f"article {json.dumps(slug, ensure_ascii=False)}",
        f"segment {segment.id}",
        f"source-sha256 {_sha256(segment.source)}",
        f"english-sha256 {_sha256(segment.target)}",
        f"approver {json.dumps(approval.by, ensure_ascii=False)}",
        f"approved-at {approval.at}",
        "override "
        + (
            "-"
            if override is None
            else json.dumps([list(override.checks), override.reason], ensure_ascii=False)
        ),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def signature_line(armored: str) -> str:
    """An `ssh-keygen -Y sign` signature as the one line of base64 the catalog keeps.
    Raises SigningError when it is not an SSH signature."""
    lines = [line.strip() for line in armored.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _ARMOR_HEAD or lines[-1] != _ARMOR_TAIL:
        raise SigningError("ssh-keygen wrote something that is not an SSH signature")
    return "".join(lines[1:-1])


def armored(line: str) -> str:
    """The one-line signature back in the armour `ssh-keygen -Y verify` reads."""
    body = "\n".join(line[i : i + 70] for i in range(0, len(line), 70))
    return f"{_ARMOR_HEAD}\n{body}\n{_ARMOR_TAIL}\n"


# -- allowed_signers --------------------------------------------------------------------------


@dataclass(frozen=True)
class AllowedSigners:
    """A parsed allowed_signers file: each line's principal patterns, and the file's bytes."""

    path: Path
    data: bytes
    patterns: tuple[tuple[str, ...], ...]

    def lists(self, principal: str) -> bool:
        """Whether some line's principals match `principal` (OpenSSH patterns, `!` negates)."""
        for patterns in self.patterns:
            if any(p.startswith("!") and fnmatch.fnmatchcase(principal, p[1:]) for p in patterns):
                continue
            if any(not p.startswith("!") and fnmatch.fnmatchcase(principal, p) for p in patterns):
                return True
        return False


_CACHE_LOCK = threading.Lock()
_SIGNERS_CACHE: dict[tuple[str, bytes], AllowedSigners] = {}


def read_allowed_signers(path: Path) -> AllowedSigners:
    """Read and check an allowed_signers file (`ssh-keygen(1)`, ALLOWED SIGNERS): one
    `PRINCIPALS [OPTIONS] KEYTYPE BASE64-KEY [COMMENT]` per line, `#` comments. Raises
    SigningError naming the file (and line) when it is missing or does not parse."""
    if not Path(path).exists():
        raise SigningError(
            f"{path}: no such file; signed approvals need it",
            hint='one "NAME KEYTYPE KEY" line per editor, or set [approvals] sign = "none"',
        )
    try:
        data = limits.read_file(Path(path), limits.SETTINGS_FILE, "an allowed_signers file")
    except InputError as exc:
        raise SigningError(exc.message, hint=exc.hint) from None
    key = (str(path), data)
    with _CACHE_LOCK:
        cached = _SIGNERS_CACHE.get(key)
    if cached is not None:
        return cached
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SigningError(f"{path}: not UTF-8 text") from None
    patterns: list[tuple[str, ...]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            patterns.append(_parse_signer(line))
        except ValueError as exc:
            raise SigningError(
                f"{path}:{number}: {exc}",
                hint="each line is PRINCIPALS [OPTIONS] KEYTYPE KEY, as in a .pub file",
            ) from None
    if not patterns:
        raise SigningError(f"{path}: no signer is listed", hint='add "NAME KEYTYPE KEY" lines')
    signers = AllowedSigners(Path(path), data, tuple(patterns))
    with _CACHE_LOCK:
        _SIGNERS_CACHE[key] = signers
    return signers


def _parse_signer(line: str) -> tuple[str, ...]:
    try:
        fields = shlex.split(line, comments=False, posix=True)
    except ValueError:
        raise ValueError("unbalanced quotes") from None
    # PRINCIPALS, then optionally one OPTIONS field, then the key type and the key.
    for at in (1, 2):
        if len(fields) > at + 1 and fields[at] in _KEY_TYPES:
            _check_key(fields[at], fields[at + 1])
            principals = tuple(p for p in fields[0].split(",") if p)
            if not principals:
                raise ValueError("no principal before the key")
            return principals
    for field_ in fields[1:3]:
        if (
            field_ not in _KEY_TYPES
            and re.match(r"^[a-z0-9-]+(@[a-z.]+)?$", field_)
            and (field_.startswith(("ssh-", "ecdsa-", "sk-")))
        ):
            raise ValueError(f"unknown key type '{field_}'")
    raise ValueError("not 'PRINCIPALS [OPTIONS] KEYTYPE KEY'")


def _check_key(kind: str, text: str) -> None:
    if not _BASE64.match(text):
        raise ValueError(f"the {kind} key is not base64")
    try:
        blob = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"the {kind} key is not base64") from None
    name = kind.encode("ascii")
    if blob[:4] != len(name).to_bytes(4, "big") or blob[4 : 4 + len(name)] != name:
        raise ValueError(f"the key is not a {kind} key")


# -- ssh-keygen -------------------------------------------------------------------------------


def ssh_keygen() -> str:
    """The path of OpenSSH's ssh-keygen; raises SigningError when it is not installed."""
    found = shutil.which("ssh-keygen")
    if found is None:
        raise SigningError(
            "signed approvals need OpenSSH's ssh-keygen, which is not installed",
            hint="install openssh-client",
        )
    return found


def find_signing_key(env: Mapping[str, str] | None = None) -> Path:
    """The SSH key that signs: $CIPBILINGUAL_SIGNING_KEY, else git's user.signingKey (a file,
    or `key::` and a public key held by ssh-agent), else ~/.ssh/id_ed25519, id_ecdsa, id_rsa.
    Raises SigningError when there is none."""
    environ = os.environ if env is None else env
    explicit = environ.get(SIGNING_KEY_ENV, "").strip()
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise SigningError(f"{SIGNING_KEY_ENV}: {explicit} is not a key file")
        return path
    configured = _git_signing_key()
    if configured:
        if configured.startswith("key::"):
            return _literal_key(configured[5:].strip())
        path = Path(configured).expanduser()
        if not path.is_file():
            raise SigningError(f"git's user.signingKey names {configured}, which is not a file")
        return path
    home = Path(environ.get("HOME") or Path.home())
    for name in _DEFAULT_KEYS:
        candidate = home / ".ssh" / name
        if candidate.is_file():
            return candidate
    raise SigningError(
        "no SSH key to sign the approval with",
        hint=f"set {SIGNING_KEY_ENV} or git's user.signingKey to your key",
    )


def _git_signing_key() -> str:
    git = shutil.which("git")
    if git is None:
        return ""
    try:
        done = subprocess.run(
            [git, "config", "user.signingKey"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def _literal_key(text: str) -> Path:
    fields = text.split()
    if len(fields) < 2 or fields[0] not in _KEY_TYPES:
        raise SigningError("git's user.signingKey 'key::…' is not a public key")
    folder = Path(tempfile.mkdtemp(prefix="cipbilingual-key-"))
    path = folder / "signing-key.pub"
    path.write_text(" ".join(fields[:2]) + "\n", encoding="ascii")
    return path


def sign_messages(messages: Sequence[bytes], key: Path, *, interactive: bool = False) -> list[str]:
    """Sign each message with `key` in one `ssh-keygen -Y sign` run (so a passphrase is asked
    for once); returns one-line signatures. `interactive` lets ssh-keygen ask on the terminal;
    otherwise it runs detached from it (use ssh-agent for a key with a passphrase).
    Raises SigningError when ssh-keygen fails."""
    if not messages:
        return []
    program = ssh_keygen()
    with tempfile.TemporaryDirectory(prefix="cipbilingual-sign-") as folder:
        files = []
        for n, message in enumerate(messages):
            file = Path(folder) / f"approval-{n}"
            file.write_bytes(message)
            files.append(file)
        done = _run(
            [program, "-Y", "sign", "-f", str(key), "-n", NAMESPACE, *map(str, files)],
            interactive=interactive,
        )
        if done.returncode != 0:
            raise SigningError(
                f"ssh-keygen could not sign with {key}: {_last_line(done.stderr)}",
                hint="a key with a passphrase signs through ssh-agent (ssh-add KEY)",
            )
        try:
            return [
                signature_line(Path(f"{file}.sig").read_text(encoding="ascii")) for file in files
            ]
        except (OSError, UnicodeDecodeError):
            raise SigningError(f"ssh-keygen wrote no signature with {key}") from None


def _run(
    args: list[str], *, interactive: bool, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            args,
            input=stdin,
            stdin=None if (interactive or stdin is not None) else subprocess.DEVNULL,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
            # Detached from the terminal, ssh-keygen cannot prompt over a full-screen UI.
            start_new_session=not interactive,
            env={**os.environ, "SSH_ASKPASS_REQUIRE": "never"} if not interactive else None,
        )
    except subprocess.TimeoutExpired:
        raise SigningError(f"ssh-keygen took more than {_TIMEOUT:.0f} s") from None
    except OSError as exc:
        raise SigningError(f"cannot run ssh-keygen: {exc.strerror or exc}") from None


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    return lines[-1] if lines else "no reason given"


def _verify_time(at: str) -> str | None:
    match = _STAMP.match(at)
    return "".join(match.groups()) + "Z" if match else None


_VERIFIED: set[str] = set()
_REMEMBERED = "verified-approvals"
_LOADED: list[bool] = []


def _remembered_path() -> Path:
    from cipbilingual.paths import user_cache_dir

    return user_cache_dir() / _REMEMBERED


def _load_remembered() -> None:
    # Signatures this person's machine verified before: kept in their own cache folder (never
    # in the workspace, which others can write), so a status of many articles stays fast.
    if _LOADED:
        return
    _LOADED.append(True)
    try:
        lines = _remembered_path().read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return
    _VERIFIED.update(line for line in lines if len(line) == 64)


def _remember(digest: str) -> None:
    try:
        path = _remembered_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="ascii") as handle:
            handle.write(digest + "\n")
    except OSError:
        pass  # a cache that cannot be written only costs time


def verify(
    message: bytes, signature: str, principal: str, signers: AllowedSigners, at: str
) -> str | None:
    """Check one signature with `ssh-keygen -Y verify` as of the approval time `at`; returns
    None when it holds, else the reason it does not. A good result is remembered, keyed by
    everything that was checked (message, signature, principal, allowed_signers, time,
    ssh-keygen), in this process and in the person's own cache folder."""
    if not signature:
        return "it is not signed"
    if not _BASE64.match(signature):
        return "its signature is not base64"
    stamp = _verify_time(at)
    if stamp is None:
        return f"its time '{at}' is unreadable"
    if not signers.lists(principal):
        return f"{principal} has no key in {signers.path.name}"
    program = ssh_keygen()
    fields = (message, signature, principal, signers.data, at, program, NAMESPACE)
    digest = hashlib.sha256(
        b"\0".join(f if isinstance(f, bytes) else f.encode() for f in fields)
    ).hexdigest()
    with _CACHE_LOCK:
        _load_remembered()
        if digest in _VERIFIED:
            return None
    with tempfile.TemporaryDirectory(prefix="cipbilingual-verify-") as folder:
        sig = Path(folder) / "approval.sig"
        sig.write_text(armored(signature), encoding="ascii")
        done = _run(
            [
                program,
                "-Y",
                "verify",
                "-f",
                str(signers.path),
                "-I",
                principal,
                "-n",
                NAMESPACE,
                "-s",
                str(sig),
                "-O",
                f"verify-time={stamp}",
            ],
            interactive=False,
            stdin=message,
        )
    if done.returncode != 0:
        return f"the signature does not verify for {principal} ({_last_line(done.stderr)})"
    with _CACHE_LOCK:
        _VERIFIED.add(digest)
        _remember(digest)
    return None


def verify_many(
    items: Sequence[tuple[bytes, str, str, str]], signers: AllowedSigners
) -> list[str | None]:
    """`verify` for each (message, signature, principal, time), a few ssh-keygen at a time."""
    if len(items) <= 1:
        return [verify(m, s, p, signers, at) for m, s, p, at in items]
    with ThreadPoolExecutor(max_workers=min(4, len(items))) as pool:
        return list(pool.map(lambda i: verify(i[0], i[1], i[2], signers, i[3]), items))
