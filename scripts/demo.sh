#!/usr/bin/env bash
# The main job end to end: installs Azurite if needed and runs `reporting demo`, which starts its own
# Azurite, generates a realistic dataset, uploads, ingests, assesses and builds the quarterly reports.
# Extra arguments go to `reporting demo` (see `reporting demo --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
dotnet run --project src/Reporting.Cli -c Release -- demo "$@"
