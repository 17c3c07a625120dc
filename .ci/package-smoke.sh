#!/usr/bin/env bash
# Packs every src/ project into artifacts/, then builds and runs a throwaway console app that references SatDownload,
# SatDownload.Iceye and SatDownload.Testing from artifacts/ only, and checks the files it downloads from the emulator.
# Usage: bash .ci/package-smoke.sh   (from anywhere; also called by .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

echo "== dotnet pack -c Release -o artifacts"
rm -rf artifacts
# One project at a time: packing the solution would also build every test project in Release.
for project in src/*/*.csproj; do
  dotnet pack "$project" -c Release -o artifacts -nologo -v quiet
done
version=$(dotnet msbuild src/SatDownload/SatDownload.csproj -getProperty:Version -nologo)
for id in SatDownload SatDownload.SentinelHub SatDownload.Iceye SatDownload.Capella SatDownload.Eos SatDownload.ClearSky SatDownload.Testing; do
  for ext in nupkg snupkg; do
    if [ ! -f "artifacts/$id.$version.$ext" ]; then
      echo "missing artifacts/$id.$version.$ext" >&2
      exit 1
    fi
  done
  # Each package carries the README, the license expression, the repository and XML docs for both frameworks.
  nuspec=$(unzip -p "artifacts/$id.$version.nupkg" "$id.nuspec")
  for needle in '<readme>README.md</readme>' '<license type="expression">MIT</license>' '<repository type="git"'; do
    grep -qF "$needle" <<<"$nuspec" || { echo "$id.nuspec lacks $needle" >&2; exit 1; }
  done
  # The listing goes into a variable first: `unzip -l | grep -q` fails under pipefail when grep exits early (SIGPIPE).
  listing=$(unzip -l "artifacts/$id.$version.nupkg")
  for tfm in net10.0 net8.0; do
    grep -qF "lib/$tfm/$id.xml" <<<"$listing" || { echo "$id lacks lib/$tfm/$id.xml" >&2; exit 1; }
  done
done
echo "packages: $(ls artifacts/*.nupkg | wc -l) nupkg, $(ls artifacts/*.snupkg | wc -l) snupkg, version $version"

echo "== package smoke test (a user's project restoring from artifacts/)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
upstream=$(dotnet nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ && !found {print $2; found=1}' || true)
upstream=${upstream:-https://api.nuget.org/v3/index.json}
sed "s/@VERSION@/$version/g" .ci/package-smoke/PackageSmoke.csproj.template > "$work/PackageSmoke.csproj"
sed -e "s#@PACKAGES@#$work/packages#" -e "s#@FALLBACK@#${NUGET_PACKAGES:-$HOME/.nuget/packages}#" \
    -e "s#@ARTIFACTS@#$repo/artifacts#" -e "s#@UPSTREAM@#$upstream#" .ci/package-smoke/nuget.config.template > "$work/nuget.config"
cp .ci/package-smoke/Program.cs "$work/Program.cs"
(
  cd "$work"
  dotnet restore -nologo -v quiet
  # The SatDownload packages must be the ones just packed, restored into the private cache (not a machine-wide copy).
  test -d "packages/satdownload/$version" || { echo "SatDownload $version was not restored from artifacts/" >&2; exit 1; }
  dotnet build --no-restore -nologo -v quiet -c Release
  timeout 5m dotnet run --no-build -c Release -- "$work/output"
)
