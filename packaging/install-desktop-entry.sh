#!/bin/sh
# Add newsreader to this user's applications menu, with its icon (no root needed).
#
#   install-desktop-entry.sh [PROGRAM]       install (PROGRAM: the newsreader to start)
#   install-desktop-entry.sh --uninstall     remove the menu entry and icons again
#
# Works from the bundle folder (dist/newsreader/, where build.sh copies it) and from
# packaging/ in a source clone. PROGRAM defaults to the bundle's own newsreader, else
# the `newsreader` on PATH. Files go under ${XDG_DATA_HOME:-~/.local/share}.
set -eu
APP_ID=org.newsreader.NewsReader
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$APP_ID.desktop" "$data/metainfo/$APP_ID.metainfo.xml"
    for size in $sizes; do rm -f "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
    echo "removed $APP_ID from $data"
    exit 0
fi

if [ -d "$here/_internal/newsreader/ui/icons" ]; then      # the bundle
    icons="$here/_internal/newsreader/ui/icons"
    default_program="$here/newsreader"
else                                                      # packaging/ in a source clone
    icons="$here/../src/newsreader/ui/icons"
    default_program=$(command -v newsreader || true)
fi
program=${1:-$default_program}
if [ -z "$program" ] || [ ! -x "$program" ]; then
    echo "install-desktop-entry.sh: no newsreader program found; give its path" >&2
    exit 2
fi
program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program")
case "$program" in
    *[!A-Za-z0-9/._+-]*) echo "install-desktop-entry.sh: put newsreader in a folder whose path has no spaces or quotes" >&2; exit 2;;
esac

mkdir -p "$data/applications" "$data/metainfo"
sed "s|^Exec=newsreader\$|Exec=$program|; s|^TryExec=newsreader\$|TryExec=$program|" \
    "$here/$APP_ID.desktop" >"$data/applications/$APP_ID.desktop"
cp "$here/$APP_ID.metainfo.xml" "$data/metainfo/"
for size in $sizes; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$icons/newsreader-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "installed $APP_ID for $program in $data"
