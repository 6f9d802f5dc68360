"""The argos engine and argos package management: the only code that imports argostranslate,
ctranslate2 and sentencepiece, always inside functions, so importing this package is cheap."""

from __future__ import annotations

from cipbilingual.mt.argos.engine import ArgosEngine
from cipbilingual.mt.argos.packages import (
    InstalledPackage,
    InstallReport,
    PackageScan,
    find_zh_en,
    install_archive,
    install_from_index,
    packages_dir,
    remove_package,
    scan,
    validate_archive,
)

__all__ = [
    "ArgosEngine",
    "InstallReport",
    "InstalledPackage",
    "PackageScan",
    "find_zh_en",
    "install_archive",
    "install_from_index",
    "packages_dir",
    "remove_package",
    "scan",
    "validate_archive",
]
