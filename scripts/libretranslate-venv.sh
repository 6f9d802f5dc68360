#!/usr/bin/env bash
# Build (once) the venv holding a real LibreTranslate server for the LibreTranslate engine's tests.
# LibreTranslate 1.9.6 pins numpy<2, polib 1.1.1 and packaging 23.1, so it cannot share the
# project's venv. The venv lands in .cache/libretranslate-venv (git-ignored) and is reused while
# its marker names the same version and constraints. Installs from PyPI only, pinned by
# constraints-libretranslate.txt when it exists; the server itself is started, offline, by the tests
# (tests/mt/lt_server.py).
#
#   scripts/libretranslate-venv.sh            # build if missing, print the venv's path
#   PYTHON=python3.11 scripts/libretranslate-venv.sh
set -euo pipefail

VERSION="1.9.6"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${CIPBILINGUAL_LIBRETRANSLATE_VENV:-$ROOT/.cache/libretranslate-venv}"
MARKER="$VENV/.cipbilingual-ready"
PYTHON="${PYTHON:-python3}"
CONSTRAINTS="${CIPBILINGUAL_LT_CONSTRAINTS:-$ROOT/constraints-libretranslate.txt}"
pin=()
want="libretranslate==$VERSION"
if [ -f "$CONSTRAINTS" ]; then
    pin=(-c "$CONSTRAINTS")
    want="$want $(sha256sum < "$CONSTRAINTS" | cut -d' ' -f1)"
fi

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$want" ] \
    && [ -x "$VENV/bin/libretranslate" ]; then
    echo "$VENV"
    exit 0
fi

echo "libretranslate-venv: building $VENV (libretranslate==$VERSION, about 600 MB, under a minute)" >&2
rm -rf "$VENV"
mkdir -p "$(dirname "$VENV")"
started=$(date +%s)
if ! "$PYTHON" -m venv "$VENV" >&2; then
    echo "libretranslate-venv: error: '$PYTHON -m venv' failed (is python3-venv installed?)" >&2
    exit 1
fi
if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "${pin[@]}" "libretranslate==$VERSION" >&2; then
    echo "libretranslate-venv: error: pip could not install libretranslate==$VERSION" >&2
    rm -rf "$VENV"
    exit 1
fi
if ! "$VENV/bin/python" -c "import libretranslate.main, argostranslate.translate" >&2; then
    echo "libretranslate-venv: error: the installed LibreTranslate does not import" >&2
    rm -rf "$VENV"
    exit 1
fi
echo "$want" > "$MARKER"
echo "libretranslate-venv: ready in $(( $(date +%s) - started )) s, $(du -sh "$VENV" | cut -f1)" >&2
echo "$VENV"
