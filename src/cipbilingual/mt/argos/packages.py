"""Argos packages on this machine: where argos keeps them (its own settings, so packages that
`argospm` installed are found too), listing, validating and installing .argosmodel files, the
argos package index where the internet is reachable, and removal."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

from cipbilingual import limits
from cipbilingual.errors import CipError, EngineError, InputError, NotFoundError, UsageError

_READABLE_COMPRESSION = {
    zipfile.ZIP_STORED,
    zipfile.ZIP_DEFLATED,
    zipfile.ZIP_BZIP2,
    zipfile.ZIP_LZMA,
}

INSTALL_HINT = (
    "install one with 'cipbilingual mt install FILE.argosmodel', "
    "or 'cipbilingual mt install --index' where the internet is reachable"
)
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
_ZH = {"zh", "zh-hans", "zh-cn", "zh-sg"}


def _settings() -> ModuleType:
    # argos reads XDG_* and ARGOS_* when this is first imported; see tests/conftest.py.
    import argostranslate.settings

    module: ModuleType = argostranslate.settings
    return module


def packages_dir() -> Path:
    """Where argos installs packages: ARGOS_PACKAGES_DIR (environment or argos's settings.json),
    else `<XDG_DATA_HOME>/argos-translate/packages`. Read afresh on every call."""
    s = _settings()
    return Path(str(s.get_setting("ARGOS_PACKAGES_DIR", default=s.data_dir / "packages")))


def search_dirs() -> list[Path]:
    """Every folder argos looks in for packages (the packages folder, then snap bundles)."""
    dirs = [packages_dir()]
    for extra in getattr(_settings(), "package_dirs", [])[1:]:
        if Path(extra) not in dirs:
            dirs.append(Path(extra))
    return dirs


def is_zh_en(metadata: dict[str, Any]) -> bool:
    """True when package metadata describes a Chinese (simplified) → English translation model."""
    source = str(metadata.get("from_code") or "").lower().replace("_", "-")
    target = str(metadata.get("to_code") or "").lower()
    kind = str(metadata.get("type") or "translate")
    return kind == "translate" and source in _ZH and target == "en"


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for package versions such as "1.9" or "0_1"."""
    return tuple(int(n) for n in re.findall(r"\d+", version)) or (0,)


@dataclass(frozen=True)
class InstalledPackage:
    """An argos package folder and what its metadata.json says."""

    path: Path
    code: str
    version: str
    from_code: str
    to_code: str
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""
    size: int = 0  # bytes on disk
    target_prefix: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_zh_en(self) -> bool:
        return is_zh_en({"from_code": self.from_code, "to_code": self.to_code})

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "code": self.code,
            "version": self.version,
            "from": self.from_code,
            "to": self.to_code,
            "size": self.size,
            "path": str(self.path),
        }

    @classmethod
    def read(cls, folder: Path) -> InstalledPackage:
        """The package in `folder`; raises InputError if its metadata is missing or unreadable."""
        meta_path = folder / "metadata.json"
        try:
            metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{folder}: no metadata.json") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{meta_path}: unreadable ({exc})") from None
        if not isinstance(metadata, dict):
            raise InputError(f"{meta_path}: not a JSON object")
        if str(metadata.get("type") or "translate") != "translate":
            raise InputError(f"{folder}: a '{metadata.get('type')}' package, not a translation")
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        from_code = str(metadata.get("from_code") or "")
        to_code = str(metadata.get("to_code") or "")
        return cls(
            path=folder,
            code=str(metadata.get("code") or f"translate-{from_code}_{to_code}"),
            version=str(metadata.get("package_version") or ""),
            from_code=from_code,
            to_code=to_code,
            from_name=str(metadata.get("from_name") or ""),
            to_name=str(metadata.get("to_name") or ""),
            argos_version=str(metadata.get("argos_version") or ""),
            size=size,
            target_prefix=str(metadata.get("target_prefix") or ""),
        )


@dataclass
class PackageScan:
    """What the package folders hold: readable packages, and folders argos would choke on."""

    packages: list[InstalledPackage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def zh_en(self) -> list[InstalledPackage]:
        """The zh→en packages, newest version first."""
        found = [p for p in self.packages if p.is_zh_en]
        return sorted(found, key=lambda p: version_key(p.version), reverse=True)


def scan() -> PackageScan:
    """Read every package folder argos would read; unreadable ones become `problems`."""
    result = PackageScan()
    for directory in search_dirs():
        if not directory.is_dir():
            continue
        for folder in sorted(directory.iterdir()):
            if not folder.is_dir() or folder.name.startswith("."):
                continue
            try:
                result.packages.append(InstalledPackage.read(folder))
            except InputError as exc:
                if "package, not a translation" not in exc.message:
                    result.problems.append(exc.message)
    return result


def find_zh_en() -> InstalledPackage:
    """The newest installed zh→en package; raises EngineError saying how to install one."""
    found = scan().zh_en
    if not found:
        raise EngineError(
            f"no zh→en argos model is installed (looked in {packages_dir()})", hint=INSTALL_HINT
        )
    return found[0]


# -- validating an .argosmodel ----------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveInfo:
    """What a checked .argosmodel holds."""

    top: str  # the one top-level folder
    metadata: dict[str, Any]
    unpacked_size: int


def validate_archive(path: Path) -> ArchiveInfo:
    """Check an .argosmodel without installing it: a zip, one top-level folder, metadata for
    zh→en, a CTranslate2 model and a tokenizer inside, no unsafe paths, no corrupt member.
    Raises InputError with the reason."""
    info = limits.regular_file(path)
    if info.st_size > limits.MODEL_FILE:
        raise limits.too_big(path, info.st_size, limits.MODEL_FILE, "a model package")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path} is not an argos package: not a zip archive ({exc})") from None
    with archive:
        names = [i.filename for i in archive.infolist()]
        if not names:
            raise InputError(f"{path} is not an argos package: the archive is empty")
        odd = sorted({i.compress_type for i in archive.infolist()} - _READABLE_COMPRESSION)
        if odd:
            # Refused up front: zipfile cannot even check such members.
            raise InputError(
                f"{path} uses a zip compression method this tool cannot read ({odd[0]}); "
                "re-zip it with deflate"
            )
        tops: set[str] = set()
        for name in names:
            pure = PurePosixPath(name)
            if pure.is_absolute() or ".." in pure.parts or "\\" in name or ":" in pure.parts[0]:
                raise InputError(f"{path} is not an argos package: unsafe path '{name}' inside")
            if len(pure.parts) == 1 and not name.endswith("/"):
                raise InputError(
                    f"{path} is not an argos package: '{name}' lies at the top level "
                    "(an .argosmodel holds one folder with everything inside)"
                )
            tops.add(pure.parts[0])
        if len(tops) != 1:
            raise InputError(
                f"{path} is not an argos package: it holds {len(tops)} top-level folders "
                f"({', '.join(sorted(tops)[:5])}); it must hold exactly one"
            )
        top = tops.pop()
        if top.startswith("."):
            raise InputError(f"{path} is not an argos package: its folder '{top}' is hidden")
        members = {PurePosixPath(n).as_posix().rstrip("/") for n in names}
        try:
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
        except KeyError:
            raise InputError(f"{path} is not an argos package: no {top}/metadata.json") from None
        except (UnicodeDecodeError, json.JSONDecodeError, zipfile.BadZipFile) as exc:
            raise InputError(f"{path}: {top}/metadata.json is unreadable ({exc})") from None
        if not isinstance(metadata, dict):
            raise InputError(f"{path}: {top}/metadata.json is not a JSON object")
        if not is_zh_en(metadata):
            pair = f"{metadata.get('from_code')}→{metadata.get('to_code')}"
            kind = metadata.get("type") or "translate"
            what = f"a '{kind}' package" if kind != "translate" else f"a {pair} model"
            raise InputError(f"{path} is {what}, not a zh→en translation model")
        if f"{top}/model/model.bin" not in members:
            raise InputError(f"{path} has no CTranslate2 model ({top}/model/model.bin)")
        if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & members:
            raise InputError(f"{path} has no tokenizer ({top}/sentencepiece.model)")
        try:
            bad = archive.testzip()
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{path} is corrupt ({exc})") from None
        if bad is not None:
            raise InputError(f"{path} is corrupt: member {bad} fails its checksum")
        size = sum(i.file_size for i in archive.infolist())
        if size > limits.MODEL_UNPACKED:
            raise InputError(
                f"{path} unpacks to {limits.size(size)}, over the limit of "
                f"{limits.size(limits.MODEL_UNPACKED)} for a model package"
            )
    return ArchiveInfo(top, metadata, size)


# -- installing and removing ------------------------------------------------------------------


@dataclass
class InstallReport:
    """What `install_archive` did."""

    package: InstalledPackage
    replaced: list[InstalledPackage] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "installed": self.package.to_json(),
            "replaced": [p.to_json() for p in self.replaced],
        }


@contextlib.contextmanager
def _store_lock(directory: Path) -> Iterator[None]:
    """One install or removal at a time across processes."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / ".cipbilingual-packages.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _check_loads(folder: Path) -> None:
    """Load the unpacked model and tokenizer once, so a broken package never gets installed."""
    import ctranslate2
    import sentencepiece

    try:
        ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
        if (folder / "sentencepiece.model").is_file():
            sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    except (RuntimeError, ValueError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"the model in this package does not load: {first}") from None


def forget_loaded_models() -> None:
    """Clear argos's module-level caches (they survive uninstalls) if argos has loaded them."""
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()
        translate.installed_translates.clear()


def install_archive(path: Path) -> InstallReport:
    """Validate, unpack beside the package store, load once, then move into place, replacing any
    zh→en package already there. A bad file raises InputError and leaves the store untouched."""
    info = validate_archive(path)
    dest = packages_dir()
    dest.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(dest).free
    if info.unpacked_size > free:
        raise InputError(
            f"{path} unpacks to {info.unpacked_size // 2**20} MB; only {free // 2**20} MB free"
        )
    with _store_lock(dest.parent):
        # Unpack next to (not inside) the store: argos fails on any half-made folder in it.
        staging = Path(tempfile.mkdtemp(prefix=".cipbilingual-install-", dir=dest.parent))
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(staging / "new")
            unpacked = staging / "new" / info.top
            _check_loads(unpacked)
            old = [p for p in scan().zh_en if p.path.parent == dest]
            target = dest / info.top
            aside = staging / "old"
            aside.mkdir()
            moved: list[tuple[Path, Path]] = []
            try:
                for pkg in old:
                    moved.append((pkg.path, aside / pkg.path.name))
                    os.rename(*moved[-1])
                if target.exists():
                    moved.append((target, aside / f"same-name-{target.name}"))
                    os.rename(*moved[-1])
                os.rename(unpacked, target)
            except OSError as exc:
                for original, parked in reversed(moved):
                    with contextlib.suppress(OSError):
                        os.rename(parked, original)
                raise CipError(f"could not install into {dest}: {exc.strerror}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    forget_loaded_models()
    return InstallReport(InstalledPackage.read(target), old)


def remove_package(name: str | None = None) -> list[InstalledPackage | Path]:
    """Remove the zh→en package called `name` (folder name, code or version) from the package
    folder, or the only one when `name` is None; a folder argos cannot read may be removed by
    its name. Returns what was removed; raises NotFoundError or UsageError."""
    dest = packages_dir()
    installed = [p for p in scan().zh_en if p.path.parent == dest]
    chosen: list[InstalledPackage | Path] = []
    if name is None:
        if not installed:
            raise NotFoundError(f"no zh→en argos package is installed in {dest}")
        if len(installed) > 1:
            raise UsageError(
                "several zh→en packages are installed; name the one to remove",
                hint=", ".join(p.name for p in installed),
            )
        chosen = [installed[0]]
    else:
        chosen = [p for p in installed if name in (p.name, p.code, p.version)]
        broken = dest / name
        if not chosen and "/" not in name and not name.startswith(".") and broken.is_dir():
            try:
                InstalledPackage.read(broken)
            except InputError:
                chosen = [broken]  # a folder that poisons argos: let the user clear it
        if not chosen:
            raise NotFoundError(
                f"no zh→en package '{name}' in {dest}", hint="'cipbilingual mt list' shows them"
            )
    with _store_lock(dest.parent):
        # Move out of the store first: gone for argos at once, whatever rmtree then takes.
        parking = Path(tempfile.mkdtemp(prefix=".cipbilingual-remove-", dir=dest.parent))
        try:
            for item in chosen:
                folder = item.path if isinstance(item, InstalledPackage) else item
                os.rename(folder, parking / folder.name)
        finally:
            shutil.rmtree(parking, ignore_errors=True)
    forget_loaded_models()
    return chosen


# -- the argos package index ------------------------------------------------------------------


def index_url() -> str:
    """The argos package index (ARGOS_PACKAGE_INDEX, as argos itself reads it)."""
    base = str(_settings().get_setting("ARGOS_PACKAGE_INDEX", default=DEFAULT_INDEX))
    return base if base.endswith("index.json") else base.rstrip("/") + "/index.json"


def _get(url: str, timeout: float) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": "cipbilingual"})
    return urllib.request.urlopen(request, timeout=timeout)


def install_from_index(timeout: float = 15.0) -> InstallReport:
    """Download the newest zh→en package listed in the argos package index and install it. One
    attempt per address with a timeout: offline it fails at once with EngineError (argos's own
    download code retries in a loop instead)."""
    url = index_url()
    hint = "no internet here? copy an .argosmodel file and run 'cipbilingual mt install FILE'"
    try:
        with _get(url, timeout) as response:
            index = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EngineError(
            f"cannot reach the argos package index at {url} ({reason})", hint=hint
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EngineError(f"the argos package index at {url} is not JSON") from None
    if not isinstance(index, list):
        raise EngineError(f"the argos package index at {url} is not a list of packages")
    entries = [e for e in index if isinstance(e, dict) and is_zh_en(e) and e.get("links")]
    if not entries:
        raise EngineError(f"the argos package index at {url} lists no zh→en package")
    entry = max(entries, key=lambda e: version_key(str(e.get("package_version", ""))))
    dest = packages_dir()
    dest.parent.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    for link in entry["links"]:
        fd, name = tempfile.mkstemp(suffix=".argosmodel", prefix=".download-", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as out, _get(str(link), timeout) as response:
                shutil.copyfileobj(response, out)
            return install_archive(Path(name))
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            errors.append(f"{link}: {getattr(exc, 'reason', exc)}")
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
    raise EngineError(f"could not download the zh→en package ({'; '.join(errors)})", hint=hint)
