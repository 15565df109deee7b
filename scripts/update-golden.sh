#!/usr/bin/env bash
# Rewrites the golden files the tests compare against (tests/*/Golden/*.json) from the current code.
# An explicit act: review the diff (git diff -- '*.golden.json') before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPORTING_UPDATE_GOLDEN=1 dotnet test tests/Reporting.Excel.Tests -c Release --filter "FullyQualifiedName~ConsolidatedWorkbookTests" --nologo -v q
git --no-pager diff --stat -- '*.golden.json' || true
