#!/usr/bin/env bash
# The playground in a real browser: publish the Blazor WebAssembly app (Release, as a static host would serve it), then run
# tests/BackpropGen.Playground.E2E: Debian's chromium, headless, driven by Playwright for .NET against the published files
# on a local static server. Screenshots and budgets.md go to artifacts/playground-e2e/ (or $PLAYGROUND_E2E_OUTPUT).
# Installs chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "playground-e2e: installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium
fi

publish_dir="${PLAYGROUND_PUBLISH_OUT:-artifacts/playground-publish}"
rm -rf "$publish_dir"
dotnet publish -c Release playground/BackpropGen.Playground.csproj -o "$publish_dir" -nologo -v quiet

export PLAYGROUND_PUBLISH_DIR="$PWD/$publish_dir/wwwroot"
export PLAYGROUND_E2E_OUTPUT="${PLAYGROUND_E2E_OUTPUT:-$PWD/artifacts/playground-e2e}"
echo "playground-e2e: first load is at most $(du -cb "$PLAYGROUND_PUBLISH_DIR"/_framework/*.br | tail -1 | cut -f1) bytes of .br framework files"
dotnet test tests/BackpropGen.Playground.E2E --logger "console;verbosity=normal"
echo "playground-e2e: screenshots and budgets in $PLAYGROUND_E2E_OUTPUT"
cat "$PLAYGROUND_E2E_OUTPUT/budgets.md"
