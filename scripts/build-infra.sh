#!/usr/bin/env bash
# Compiles and lints the Bicep infrastructure (infra/main.bicep) with a pinned,
# locally cached Bicep CLI. No global tool and no Azure login are needed.
#
# Usage: scripts/build-infra.sh            (from any directory)
# Env:   BICEP_VERSION               override the pinned Bicep CLI version (default below)
#
# Exit status is non-zero when the package cannot be restored, when `bicep build` or `bicep lint`
# report any error (rule levels: infra/bicepconfig.json), when a resource type/API
# version is unknown to Bicep (BCP081), or when a module file is not referenced.
# Other warnings are printed but do not fail.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd -- "${SCRIPT_DIR}/.." && pwd)"
cd "${REPO_ROOT}"

BICEP_VERSION="${BICEP_VERSION:-0.49.2}"
PACKAGE_ID="azure.bicep.commandline.linux-x64"          # lower-case, as in the global packages folder
PACKAGE_ID_CASED="Azure.Bicep.CommandLine.linux-x64"
TOOLS_DIR="${REPO_ROOT}/tools/bicep/${BICEP_VERSION}"    # /tools/bicep/ is git-ignored
BICEP="${TOOLS_DIR}/tools/bicep"                         # path of the binary inside the .nupkg

log() { printf '[build-infra] %s\n' "$*" >&2; }

# Writes the binary to the path given as $1: NuGet itself fetches the package (from whatever feed the
# machine's NuGet configuration names) into the global packages folder.
install_via_dotnet_restore() {
  local dest="$1"
  command -v dotnet >/dev/null 2>&1 || { log "dotnet not found for the fallback"; return 1; }
  local tmp nuget_root src
  tmp="$(mktemp -d)"
  cat > "${tmp}/fetch-bicep.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="${PACKAGE_ID_CASED}" Version="[${BICEP_VERSION}]" />
  </ItemGroup>
</Project>
CSPROJ
  log "fetching ${PACKAGE_ID_CASED} ${BICEP_VERSION} with 'dotnet restore' of a throw-away project"
  if ! (cd "${tmp}" && dotnet restore fetch-bicep.csproj -v quiet >&2); then
    rm -rf "${tmp}"
    return 1
  fi
  rm -rf "${tmp}"
  nuget_root="${NUGET_PACKAGES:-${HOME}/.nuget/packages}"
  src="${nuget_root}/${PACKAGE_ID}/${BICEP_VERSION}/tools/bicep"
  [[ -f "${src}" ]] || { log "bicep binary not found at ${src}"; return 1; }
  cp "${src}" "${dest}"
}

if [[ -x "${BICEP}" ]]; then
  log "using cached Bicep CLI at ${BICEP#"${REPO_ROOT}/"}"
else
  mkdir -p "${TOOLS_DIR}/tools"
  partial="${BICEP}.partial.$$"
  trap 'rm -f "${partial}"' EXIT
  if ! install_via_dotnet_restore "${partial}"; then
    log "ERROR: could not obtain ${PACKAGE_ID_CASED} ${BICEP_VERSION}"
    exit 1
  fi
  chmod +x "${partial}"
  # Only a complete, executable binary ever appears at the cached path.
  mv -f "${partial}" "${BICEP}"
fi

log "$("${BICEP}" --version)"

# The Bicep CLI is a .NET single-file app; keep it quiet and offline-friendly.
export DOTNET_CLI_TELEMETRY_OPTOUT=1

OUT_DIR="$(mktemp -d)"
trap 'rm -rf "${OUT_DIR}"' EXIT

log "bicep build infra/main.bicep"
build_status=0
"${BICEP}" build infra/main.bicep --outfile "${OUT_DIR}/main.json" 2> "${OUT_DIR}/build.log" || build_status=$?
cat "${OUT_DIR}/build.log" >&2
if [[ ${build_status} -ne 0 ]]; then
  log "ERROR: bicep build failed (exit ${build_status})"
  exit "${build_status}"
fi
# BCP081 ("does not have types available") means a resource type/API version Bicep does not know:
# almost always a typo or an API version that does not exist. Treat it as an error.
if grep -q 'BCP081' "${OUT_DIR}/build.log"; then
  log "ERROR: unknown resource type or API version (BCP081)"
  exit 1
fi

# `bicep lint` on the entry point also reports every module it references (infra/bicepconfig.json
# sets the rule levels). It exits non-zero on any error-level diagnostic.
log "bicep lint infra/main.bicep"
"${BICEP}" lint infra/main.bicep

# A module file that main.bicep no longer references would escape the checks above.
while IFS= read -r -d '' module; do
  if ! grep -rqF --include='*.bicep' "${module##*/}'" infra; then
    log "ERROR: ${module} is not referenced by any Bicep file"
    exit 1
  fi
done < <(find infra -name '*.bicep' ! -path 'infra/main.bicep' -print0)

log "OK: infra compiles and lints without errors"
