#!/usr/bin/env bash
# Builds and lints infra/ with the Bicep CLI from NuGet (works offline from the package
# registry). Fails on any error or warning.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.47.16
# Where dotnet restore puts packages: NUGET_PACKAGES when set, else the user's cache.
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -x "$bicep" ]; then
  tools=$(mktemp -d)
  cat > "$tools/bicep-download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" /></ItemGroup>
</Project>
XML
  dotnet restore "$tools/bicep-download.csproj" >/dev/null
  rm -rf "$tools"
  chmod +x "$bicep"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log="$out/diagnostics.txt"
failed=0
"$bicep" build infra/main.bicep --outfile "$out/main.json" >>"$log" 2>&1 || failed=1
"$bicep" build-params infra/main.bicepparam --outfile "$out/main.parameters.json" >>"$log" 2>&1 || failed=1
"$bicep" lint infra/main.bicep >>"$log" 2>&1 || failed=1
if [ "$failed" != 0 ] || grep -qE ' : (Warning|Error) ' "$log"; then
  sort -u "$log" >&2
  echo "infra: bicep reported the diagnostics above" >&2
  exit 1
fi
echo "infra: bicep $version build, build-params and lint are clean"
