#!/usr/bin/env bash
# Pull-request preview, as .github/workflows/preview.yml runs it (and as anyone can run it locally):
# renders every stack on the base and the head checkout, diffs the manifests, runs the attachment check
# on head, and composes one pull-request comment.
#
#   bash scripts/pr-preview.sh <base checkout> <head checkout> <out dir>
#
# Both checkouts need their dependencies installed (npm ci). Writes <out>/comment.md, <out>/manifests.diff,
# <out>/rendered/{base,head}/<stack>/*.yaml, <out>/check/<stack>.{md,status} and <out>/logs/.
# Exit codes: 0 every head stack passes `npm run check`; 1 at least one does not; 2 usage error.
set -uo pipefail

if [ $# -ne 3 ] || [ ! -d "$1" ] || [ ! -d "$2" ]; then
    echo "usage: bash scripts/pr-preview.sh <base checkout> <head checkout> <out dir>" >&2
    exit 2
fi
base=$(cd "$1" && pwd)
head=$(cd "$2" && pwd)
mkdir -p "$3"
out=$(cd "$3" && pwd)
rm -rf "$out/rendered" "$out/check" "$out/logs" "$out/comment.md" "$out/manifests.diff"
mkdir -p "$out/rendered/base" "$out/rendered/head" "$out/check" "$out/logs"
: > "$out/notes.txt"

# Stack names from stacks/Pulumi.<name>.yaml, one per line.
stacks_in() {
    local f
    for f in "$1"/stacks/Pulumi.*.yaml; do
        [ -e "$f" ] || continue
        f=${f##*/}
        f=${f#Pulumi.}
        echo "${f%.yaml}"
    done
}

# Render every stack either side has; a stack only one side has shows up as added or removed files.
for stack in $( { stacks_in "$base"; stacks_in "$head"; } | sort -u); do
    for side in base head; do
        if [ "$side" = base ]; then dir=$base; else dir=$head; fi
        [ -f "$dir/stacks/Pulumi.$stack.yaml" ] || continue
        # --silent: without it npm prints its own "> sovereign-stacks@... render" header.
        if ! (cd "$dir" && npm run --silent render -- --stack "$stack" --out "$out/rendered/$side/$stack") 2> "$out/logs/render-$side-$stack.log"; then
            echo "$side: \`npm run render -- --stack $stack\` failed; its manifests are missing from the diff (log: logs/render-$side-$stack.log)" >> "$out/notes.txt"
        fi
    done
done

# diff exits 1 when the trees differ; only 2 means trouble.
(cd "$out/rendered" && diff -ruN base head) > "$out/manifests.diff"
[ $? -le 1 ] || echo "diff -ruN failed; the manifest diff is incomplete" >> "$out/notes.txt"

status=0
for stack in $(stacks_in "$head"); do
    (cd "$head" && npm run --silent check -- --stack "$stack" --format md --out "$out/check/$stack.md") 2> "$out/logs/check-$stack.log"
    rc=$?
    echo "$rc" > "$out/check/$stack.status"
    [ "$rc" -eq 0 ] || status=1
done

(cd "$head" && node -r ts-node/register/transpile-only scripts/pr-comment.ts "$out") || exit 2
exit "$status"
