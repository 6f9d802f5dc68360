"""cipbilingual.toml -> frozen, validated settings. Errors name the file and the key."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cipbilingual import limits
from cipbilingual.errors import ConfigError, InputError
from cipbilingual.models import Role, Severity
from cipbilingual.text import describe_character, refused_character, shown


@dataclass(frozen=True)
class SegmentationRules:
    """How paragraphs split into sentences beyond 。！？…… (see docs/segmentation.md)."""

    split_on_semicolon: bool = False  # ；ends a segment
    split_on_colon: bool = False  # ：ends a segment


@dataclass(frozen=True)
class MTSettings:
    engine: str = "argos"  # argos | libretranslate | tm
    threads: int = 2  # CTranslate2 intra-op threads
    compute_type: str = "auto"  # CTranslate2 compute type
    beam_size: int = 4
    num_hypotheses: int = 4  # n-best re-ranked for glossary and numbers
    batch_size: int = 32
    no_repeat_ngram_size: int = 6  # repetition guard (0 disables); see docs/mt.md
    repetition_penalty: float = 1.0  # > 1 penalises repeated tokens
    libretranslate_url: str = ""
    libretranslate_api_key: str = ""
    timeout: float = 30.0  # seconds per HTTP request
    concurrency: int = 4  # LibreTranslate requests in flight


@dataclass(frozen=True)
class TMSettings:
    min_score: int = 70  # fuzzy threshold, percent
    max_matches: int = 5


@dataclass(frozen=True)
class CheckSettings:
    """A workspace's choices for one QA check (`[qa.NAME]`): off, another severity, thresholds."""

    enabled: bool = True
    severity: Severity | None = None  # None: the check's default
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class QASettings:
    """Per-check settings by check name; a check not named runs with its defaults."""

    checks: Mapping[str, CheckSettings] = field(default_factory=lambda: MappingProxyType({}))

    def for_check(self, name: str) -> CheckSettings:
        return self.checks.get(name) or CheckSettings()


SIGN_METHODS = ("none", "ssh")


@dataclass(frozen=True)
class ApprovalSettings:
    """Whether approvals must be signed (docs/publishing.md)."""

    sign: str = "none"  # none | ssh: every approval signed with the editor's SSH key
    # OpenSSH allowed_signers file, relative to the workspace: "NAME KEYTYPE KEY" per line
    allowed_signers: str = "allowed_signers"


@dataclass(frozen=True)
class Settings:
    """Workspace settings from cipbilingual.toml."""

    path: Path
    source_language: str = "zh"
    target_language: str = "en"
    people: Mapping[str, Role] = field(default_factory=lambda: MappingProxyType({}))
    segmentation: SegmentationRules = SegmentationRules()
    mt: MTSettings = MTSettings()
    tm: TMSettings = TMSettings()
    qa: QASettings = QASettings()
    approvals: ApprovalSettings = ApprovalSettings()

    def role_of(self, person: str) -> Role | None:
        return self.people.get(person)


DEFAULT_CONFIG = """\
# cipbilingual workspace settings. See the project's README for every key.

[workspace]
source_language = "zh"
target_language = "en"

# Everyone who works here, with their role: "translator" or "editor" (an editor may also translate).
[people]
{people}
[segmentation]
# Chinese sentences end at 。！？ and …… . Set these to also end a segment at ； or ：.
split_on_semicolon = false
split_on_colon = false

[mt]
engine = "argos"          # argos | libretranslate | tm
threads = 2
compute_type = "auto"
# libretranslate_url = "http://127.0.0.1:5000"
# libretranslate_api_key = ""

[tm]
min_score = 70
max_matches = 5

[approvals]
# "ssh": every approval is signed with the editor's SSH key (ssh-keygen -Y sign) and checked
# against allowed_signers, one "NAME KEYTYPE KEY" line per editor. See the README's Exports.
sign = "none"
allowed_signers = "allowed_signers"

# House style of the English, judged by QA (the README lists every check and setting).
[qa.style-spelling]
dialect = "american"      # or "british" (the glossary writes "Center")
[qa.style-percent]
form = "%"                # 12.5%; or "percent"
[qa.style-currency]
form = "yuan"             # 360 million yuan; or "RMB" (RMB 360 million)
[qa.style-dates]
order = "month-day"       # November 21; or "day-month" (21 November). Never an ordinal.
[qa.style-numerals]
spell_out_below = 10      # one to nine in words, 10 and up in figures
[qa.style-serial-comma]
serial = false            # "a, b and c"; true for "a, b, and c"
# [qa.spelling]
# words = ["Technion"]    # house words beside the glossary's English
"""

_SECTIONS: dict[str, type[Any]] = {
    "segmentation": SegmentationRules,
    "mt": MTSettings,
    "tm": TMSettings,
    "approvals": ApprovalSettings,
}


def load_settings(path: Path) -> Settings:
    """Read and validate cipbilingual.toml; raises ConfigError naming the file and key."""
    try:
        data = limits.read_file(path, limits.SETTINGS_FILE, "settings")
    except InputError as exc:
        raise ConfigError(exc.message, hint=exc.hint) from None
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    _check_strings(raw, path, "")
    return parse_settings(raw, path)


_KIND = {int: "a whole number", float: "a number", bool: "true or false", str: "a text"}


def _check_strings(table: Mapping[str, Any], path: Path, prefix: str) -> None:
    """Every key and text value passes the one text rule, on one line: names and addresses
    end up in messages and catalogs."""
    for key, value in table.items():
        name = f"{prefix}{shown(key)}"
        bad = refused_character(key, line=True)
        if bad is None and isinstance(value, str):
            bad = refused_character(value, line=True)
        if bad is None and isinstance(value, list):  # house words, forbidden variants ...
            texts = (item for item in value if isinstance(item, str))
            bad = next(filter(None, (refused_character(t, line=True) for t in texts)), None)
        if bad is not None:
            raise ConfigError(f"{path}: {name} contains {describe_character(bad)}")
        if isinstance(value, Mapping):
            _check_strings(value, path, f"{name}.")


def parse_settings(raw: Mapping[str, Any], path: Path) -> Settings:
    known = {"workspace", "people", "qa", *_SECTIONS}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{path}: unknown section or key '{key}'")
    ws = _table(raw, "workspace", path)
    for key in ws:
        if key not in ("source_language", "target_language"):
            raise ConfigError(f"{path}: unknown key 'workspace.{key}'")
    source = _typed(ws, "source_language", str, "zh", path, "workspace")
    target = _typed(ws, "target_language", str, "en", path, "workspace")
    people: dict[str, Role] = {}
    for name, role in _table(raw, "people", path).items():
        if not isinstance(role, str) or role not in {r.value for r in Role}:
            raise ConfigError(
                f'{path}: people.{name} must be "translator" or "editor", not {role!r}'
            )
        people[name] = Role(role)
    sections: dict[str, Any] = {}
    for name, cls in _SECTIONS.items():
        table = _table(raw, name, path)
        defaults = cls()
        values: dict[str, Any] = {}
        for key, value in table.items():
            if not hasattr(defaults, key):
                raise ConfigError(f"{path}: unknown key '{name}.{key}'")
            values[key] = _coerce(value, getattr(defaults, key), path, f"{name}.{key}")
        sections[name] = cls(**values)
    _check_approvals(sections["approvals"], path)
    return Settings(
        path=path,
        source_language=source,
        target_language=target,
        people=MappingProxyType(people),
        qa=_qa_settings(_table(raw, "qa", path), path),
        **sections,
    )


def _check_approvals(approvals: ApprovalSettings, path: Path) -> None:
    if approvals.sign not in SIGN_METHODS:
        raise ConfigError(f'{path}: approvals.sign must be "none" or "ssh", not {approvals.sign!r}')
    where = Path(approvals.allowed_signers)
    if (
        not approvals.allowed_signers
        or where.is_absolute()
        or ".." in where.parts
        or "\\" in approvals.allowed_signers
    ):
        raise ConfigError(
            f"{path}: approvals.allowed_signers must be a path inside the workspace, "
            f"not {approvals.allowed_signers!r}"
        )


def _qa_settings(table: Mapping[str, Any], path: Path) -> QASettings:
    """`[qa.NAME]` tables, checked against the registry of QA checks."""
    from cipbilingual.qa.registry import BY_NAME

    checks: dict[str, CheckSettings] = {}
    for name, value in table.items():
        spec = BY_NAME.get(name)
        if spec is None:
            raise ConfigError(
                f"{path}: unknown QA check 'qa.{name}'",
                hint="`cipbilingual qa --list` names every check",
            )
        if not isinstance(value, Mapping):
            raise ConfigError(f"{path}: 'qa.{name}' must be a table ([qa.{name}])")
        enabled, severity, params = True, None, {}
        for key, item in value.items():
            where = f"qa.{name}.{key}"
            if key == "enabled":
                enabled = _coerce(item, True, path, where)
            elif key == "severity":
                if item not in ("error", "warning"):
                    raise ConfigError(f'{path}: {where} must be "error" or "warning", not {item!r}')
                severity = Severity(item)
            elif key in spec.params:
                default = spec.params[key].default
                if isinstance(default, tuple):
                    if not isinstance(item, list) or not all(isinstance(i, str) for i in item):
                        raise ConfigError(f"{path}: {where} must be a list of strings")
                    params[key] = tuple(item)
                elif spec.params[key].choices:
                    choices = spec.params[key].choices
                    if item not in choices:
                        allowed = " or ".join(f'"{c}"' for c in choices)
                        raise ConfigError(f"{path}: {where} must be {allowed}, not {item!r}")
                    params[key] = item
                else:
                    value = _coerce(item, default, path, where)
                    number = isinstance(value, int | float) and not isinstance(value, bool)
                    if number and not (math.isfinite(value) and value >= 0):
                        raise ConfigError(f"{path}: {where} must be a number ≥ 0, not {item!r}")
                    params[key] = value
            else:
                known = ", ".join(["enabled", "severity", *spec.params])
                raise ConfigError(f"{path}: unknown key '{where}'", hint=f"known: {known}")
        checks[name] = CheckSettings(enabled, severity, MappingProxyType(params))
    return QASettings(MappingProxyType(checks))


def _table(raw: Mapping[str, Any], name: str, path: Path) -> Mapping[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{path}: '{name}' must be a table ([{name}])")
    return value


def _typed(
    table: Mapping[str, Any], key: str, kind: type, default: Any, path: Path, sect: str
) -> Any:
    value = table.get(key, default)
    if not isinstance(value, kind):
        raise ConfigError(
            f"{path}: {sect}.{key} must be {_KIND.get(kind, kind.__name__)}, not {value!r}"
        )
    return value


def _coerce(value: Any, default: Any, path: Path, key: str) -> Any:
    kind = type(default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bool) != isinstance(default, bool) or not isinstance(value, kind):
        raise ConfigError(f"{path}: {key} must be {_KIND.get(kind, kind.__name__)}, not {value!r}")
    return value
