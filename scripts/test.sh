#!/usr/bin/env bash
# Runs every test: recomputes the golden fee cases with the independent Python oracle (a stored expectation
# it disagrees with fails the run), installs the Node.js tools the tests start (Azurite, exceljs, the
# JavaScript Azure SDK), then builds and tests the CI solution filter (every project, the Functions app
# included: its tests start the built worker). Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 tests/Reporting.Domain.Tests/Golden/recompute.py --check
bash scripts/install-tools.sh
dotnet test ReportingPipeline.CI.slnf -c Release "$@"
