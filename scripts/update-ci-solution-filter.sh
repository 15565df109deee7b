#!/usr/bin/env bash
# Regenerates ReportingPipeline.CI.slnf: every project of ReportingPipeline.sln, the Functions app included
# (CI builds it, and tests/Reporting.Functions.Tests drive its built worker).
set -euo pipefail
cd "$(dirname "$0")/.."
projects=$(grep -E '^Project\(' ReportingPipeline.sln | grep -oE '"[^"]+\.csproj"' | tr -d '"' | tr '\\' '/' | sort)
{
  echo '{'
  echo '  "solution": {'
  echo '    "path": "ReportingPipeline.sln",'
  echo '    "projects": ['
  first=1
  for p in $projects; do
    if [ $first -eq 0 ]; then echo ','; fi
    printf '      "%s"' "${p//\//\\\\}"
    first=0
  done
  echo
  echo '    ]'
  echo '  }'
  echo '}'
} > ReportingPipeline.CI.slnf
echo "ReportingPipeline.CI.slnf: $(echo "$projects" | wc -l) projects"
