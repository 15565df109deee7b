#!/usr/bin/env bash
# Runs every test: installs the Node.js tools the tests start (Azurite, exceljs, the JavaScript Azure
# SDK) and Debian's Chromium for the portal's browser tests, then builds and tests the CI solution filter
# (every project, the Functions app included: its tests start the built worker). Extra arguments go to
# `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh

# tests/Reporting.Web.Tests drive /usr/bin/chromium with Playwright (no browser is ever downloaded): install
# Debian's package when it is missing. The browser tests are never skipped.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the portal's browser tests ..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi
dotnet test ReportingPipeline.CI.slnf -c Release "$@"
