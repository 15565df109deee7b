#!/usr/bin/env bash
# Installs the Node.js tools the tests and the demo run: Azurite (tools/azurite) and, once present, the
# independent JavaScript clients used by interoperability tests (tests/interop). Skips a folder whose
# package-lock.json has not changed since its last install. With --test-packages, also installs with apt the Debian
# packages the browser and render tests drive (Chromium, LibreOffice Calc, poppler) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# With --test-packages (the test command): the Debian packages the tests drive, never downloaded from elsewhere:
# Chromium (the portal's browser tests, through Playwright), LibreOffice Calc and poppler (the workbook render tests).
# Installed when missing; the tests that need them are never skipped.
missing=()
if [ "${1:-}" = "--test-packages" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian packages for the tests: ${missing[*]} ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
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
