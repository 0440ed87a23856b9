#!/usr/bin/env bash
# Pull-request preview, as .github/workflows/preview.yml runs it: `npm run preview` of the head checkout
# against the base checkout (src/tools/pr-comment/preview-cli.ts). Every stack is rendered and checked
# on each side with that side's own code (`npm run preview:snapshot`; a base from before that script is
# rendered with `npm run render` and not checked), and one pull-request comment is composed.
#
#   bash scripts/pr-preview.sh <base checkout> <head checkout> <out dir>
#
# Both checkouts need their dependencies installed (npm ci). Writes <out>/comment.md (posted),
# <out>/full-comment.md (nothing cut), <out>/snapshot-{base,head}.json and <out>/logs/.
# Locally, from one checkout: npm run preview -- --base main   (docs/pull-requests.md)
# Exit codes: 0 every head stack passes the attachment check; 1 at least one does not; 2 usage or other error.
set -uo pipefail

if [ $# -ne 3 ] || [ ! -d "$1" ] || [ ! -d "$2" ]; then
    echo "usage: bash scripts/pr-preview.sh <base checkout> <head checkout> <out dir>" >&2
    exit 2
fi
base=$(cd "$1" && pwd)
head=$(cd "$2" && pwd)
mkdir -p "$3"
out=$(cd "$3" && pwd)

# --silent: without it npm prints its own "> sovereign-stacks@... preview" header.
cd "$head" && npm run --silent preview -- --base "$base" --out "$out"
