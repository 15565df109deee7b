#!/usr/bin/env bash
# Rebuilds samples/: the C# generator writes the valid and broken workbooks and the manifest; the
# password-protected variant comes from xlsx-populate, since .NET has no writer for encrypted packages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
dotnet run --project src/Reporting.Cli -c Release -- samples --out samples
node tests/interop/encrypt-workbook.mjs --in samples/consumption-2025-03.xlsx --out samples/broken/encrypted-workbook.xlsx
