#!/usr/bin/env bash
# Measures the performance budget (docs/performance.md) and rewrites the generated part of that document
# and bench/results/latest.json. Takes about 10 minutes on our 2-core machines; --quick runs smaller cases.
#   bash scripts/bench.sh [--quick] [--only parse,hostile,ingest,consolidation,startup,coldstart,reconciliation,sweep,rush]
# Speed is never asserted in tests: these figures are the record. Run on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-tools.sh
work="${BENCH_WORK:-${TMPDIR:-/tmp}/reporting-bench}"
mkdir -p "$work"

dotnet build src/Reporting.Cli -c Release -nologo -v quiet
dotnet build bench/Reporting.Benchmarks -c Release -nologo -v quiet
dotnet build functions/Reporting.Functions -c Release -nologo -v quiet
# The Functions app as deployed (its project publishes ReadyToRun for linux-x64), for the cold-start comparison.
dotnet publish functions/Reporting.Functions -c Release -o "$work/functions-r2r" -nologo -v quiet
# The start-up comparison includes the command-line host published ReadyToRun (precompiled), as the
# Functions app is published; it needs the crossgen package from the feed, and is skipped without it.
if ! dotnet publish src/Reporting.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$work/cli-r2r" -nologo -v quiet; then
  echo "bench.sh: the ReadyToRun publish failed; the start-up table will lack that row" >&2
  rm -rf "$work/cli-r2r"
fi

dotnet bench/Reporting.Benchmarks/bin/Release/net10.0/Reporting.Benchmarks.dll run \
  --work "$work" --doc docs/performance.md --json bench/results/latest.json "$@"
