#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the version in .config/dotnet-tools.json) of one target, as in docs/testing.md:
#   domain       src/Reporting.Domain with tests/Reporting.Domain.Tests
#   excel        the workbook reader in src/Reporting.Excel with tests/Reporting.Excel.Tests
#   application  the logic files of src/Reporting.Application with tests/Reporting.Integration.Tests (real Azurite)
# Settings in stryker/TARGET.json (one mutant at a time: the machine has 2 cores); further arguments go to
# dotnet-stryker (e.g. --concurrency 2). Reports: StrykerOutput/TARGET/reports/mutation-report.{html,json}.
# Long (see docs/testing.md for run times): not part of CI; never run two at once.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${1:-}
case "$target" in
  domain) tests=tests/Reporting.Domain.Tests ;;
  excel) tests=tests/Reporting.Excel.Tests ;;
  application) tests=tests/Reporting.Integration.Tests ;;
  *) echo "usage: scripts/mutation.sh domain|excel|application [dotnet-stryker options]" >&2; exit 2 ;;
esac
shift
# The Excel and Integration tests run exceljs and Azurite from npm.
[ "$target" = domain ] || bash scripts/install-tools.sh
dotnet tool restore >/dev/null
rm -rf "StrykerOutput/$target"
cd "$tests"
dotnet stryker --config-file "$root/stryker/$target.json" --output "$root/StrykerOutput/$target" --skip-version-check "$@"
