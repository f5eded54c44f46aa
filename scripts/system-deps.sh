#!/bin/sh
# Checks for WeasyPrint's system libraries and installs them with apt-get where we can.
# --test also wants poppler-utils (pdftoppm/pdftotext), which the test suite uses to look at pages,
# and Debian's Chromium with its driver, which the browser test of `ccassess serve` drives.
set -eu

packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
[ "${1:-}" = "--test" ] && packages="$packages poppler-utils chromium chromium-driver"

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

missing=""
have_lib libpango-1.0.so.0 || missing="$missing libpango-1.0-0"
have_lib libpangoft2-1.0.so.0 || missing="$missing libpangoft2-1.0-0"
have_lib libharfbuzz-subset.so.0 || missing="$missing libharfbuzz-subset0"
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
if [ "${1:-}" = "--test" ]; then
    command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
fi

[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "Installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi

echo "ccassess needs system libraries that are missing:$missing" >&2
if command -v apt-get >/dev/null 2>&1; then
    echo "Run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
else
    echo "Install Pango (>= 1.44), HarfBuzz with its subset library and the DejaVu fonts with your" >&2
    echo "package manager; see https://doc.courtbouillon.org/weasyprint/stable/first_steps.html" >&2
fi
exit 1
