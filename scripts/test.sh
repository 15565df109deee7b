#!/usr/bin/env bash
# Runs every test: recomputes the golden fee cases with the independent Python oracle (a stored expectation it
# disagrees with fails the run), installs the Node.js tools the tests start (Azurite, exceljs, the JavaScript Azure
# SDK) and the Debian packages some tests drive (Chromium for the portal's browser tests, LibreOffice for the
# workbook render tests), then builds and tests the CI solution filter (every project, the Functions app included:
# its tests start the built worker), and prints the line coverage of the product's code. Extra arguments go to
# `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 tests/Reporting.Domain.Tests/Golden/recompute.py --check
bash scripts/install-tools.sh --test-packages
results=artifacts/test-results
rm -rf "$results"
dotnet test ReportingPipeline.CI.slnf -c Release --collect "Code Coverage;Format=cobertura" --results-directory "$results" "$@"
python3 scripts/coverage.py "$results"
