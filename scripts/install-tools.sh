#!/usr/bin/env bash
# Installs the Node.js tools the tests and the demo run: Azurite (tools/azurite) and, once present, the
# independent JavaScript clients used by interoperability tests (tests/interop). Skips a folder whose
# package-lock.json has not changed since its last install. Where apt is available (as root), also installs
# LibreOffice Calc and poppler from Debian's packages for the workbook render tests, when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if { ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; } && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing LibreOffice Calc and poppler-utils (render tests) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui poppler-utils >/dev/null
fi

for dir in tools/azurite tests/interop; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.installed-lock-sha256"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    continue
  fi
  echo "Installing npm packages in $dir ..."
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
done
