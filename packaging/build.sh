#!/usr/bin/env bash
# Build the one-folder Linux bundle: dist/newsreader/ with the program dist/newsreader/newsreader,
# which starts with no Python installed, and dist/newsreader-linux-x86_64.tar.gz of it.
#
#   packaging/build.sh            build (needs python3 >= 3.11 with venv, and PyPI)
#   packaging/build.sh --check    build, then run packaging/check_bundle.py on it
#
# PyInstaller runs in a fresh virtual environment (build/bundle-env) holding only newsreader
# and its run-time dependencies, so no test or developer package can slip into the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

# Qt's X11 plugin needs libxcb-cursor0, which many desktops lack; PyInstaller bundles it
# only when the build machine has it.
if ! /sbin/ldconfig -p 2>/dev/null | grep -q "libxcb-cursor.so.0"; then
    echo "build.sh: WARNING: libxcb-cursor0 is not installed, so the bundle will not carry it" \
        "and will need it on X11 desktops (apt-get install libxcb-cursor0)" >&2
fi

env_dir=build/bundle-env
rm -rf "$env_dir" build/pyinstaller dist/newsreader dist/newsreader-linux-x86_64.tar.gz
python3 -m venv "$env_dir"
"$env_dir/bin/pip" install -q --disable-pip-version-check "pyinstaller>=6.10" .
"$env_dir/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/newsreader.spec

# Desktop integration beside the program: install-desktop-entry.sh finds the icons inside.
cp packaging/org.newsreader.NewsReader.desktop packaging/org.newsreader.NewsReader.metainfo.xml \
    packaging/install-desktop-entry.sh dist/newsreader/
tar -czf dist/newsreader-linux-x86_64.tar.gz -C dist newsreader

echo "built dist/newsreader/ ($(du -sh dist/newsreader | cut -f1)," \
    "archive $(du -h dist/newsreader-linux-x86_64.tar.gz | cut -f1)) in $(( $(date +%s) - start )) s"
if [ "${1:-}" = "--check" ]; then
    python3 packaging/check_bundle.py dist/newsreader
fi
