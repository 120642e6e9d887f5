#!/bin/sh
# Remakes the fuzzers' seed corpora in tests/fuzz/corpus/ from the project's own material: the
# SMS conversation tests' messages, content/seed's files, the search-quality queries and a real
# site published with the test keys (tests/fuzz/keys/). Run it after a format changes:
#   tests/fuzz/make-corpus.sh [BUILD-DIR]   (a normal build: build/ by default; needs zstd)
# Hand-written seeds (fold, codec, and regression inputs named regress-*) are kept.
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
corpus=tests/fuzz/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# SMS: each conversation's messages from its first number, up to eight a seed (one a line).
mkdir -p "$corpus/sms-responder"
rm -f "$corpus/sms-responder"/conv-*
for f in tests/sms-conversations/*.txt; do
  name=$(basename "$f" .txt)
  first=$(grep -m1 -E '^[^#].* > ' "$f" | cut -d' ' -f1 || true)
  [ -n "$first" ] || continue
  grep -E "^$(printf '%s' "$first" | sed 's/+/\\+/') > " "$f" | sed 's/^[^>]*> //' | head -n 8 \
    > "$corpus/sms-responder/conv-$name"
done

# Import: a file of each kind, topics, a rule file (a leading tab: see fuzz-import.c).
mkdir -p "$corpus/import"
rm -f "$corpus/import"/seed-*
for kind in law guide benefit product place notice; do
  f=$(ls content/seed/$kind/*.json | head -n 1)
  cp "$f" "$corpus/import/seed-$kind.json"
done
cp content/seed/topics.json "$corpus/import/seed-topics.json"
f=$(ls content/seed/rules/*.json | head -n 1)
{ printf '\t'; cat "$f"; } > "$corpus/import/seed-rules.json"

# Search: the search-quality tables' queries (first column).
mkdir -p "$corpus/search"
rm -f "$corpus/search"/q-*
i=0
cut -f1 tests/search-quality-law.tsv tests/search-quality-other.tsv | grep -v '^#' | grep -v '^query$' \
  | grep . | head -n 40 | while IFS= read -r q; do
  i=$((i + 1))
  printf '%s' "$q" > "$corpus/search/q-$i"
done

# Sync: a small hub (topics, their pictograms and a law) published, then changed and published again (a
# snapshot and a delta), with the test keys.
hub=$work/hub
mkdir -p "$hub/seed/law"
cp -r content/seed/topics.json content/seed/media "$hub/seed/"
cp content/seed/law/law-hon-nhan-gia-dinh-2014.json "$hub/seed/law/"
"$build/content/banlang" init --db "$hub/content.db" >/dev/null
"$build/content/banlang" import --db "$hub/content.db" "$hub/seed" >/dev/null
cp -r tests/fuzz/keys "$work/keys"
"$build/sync/banlang-sync" publish --db "$hub/content.db" --key "$work/keys/signing.key" --out "$hub/site" >/dev/null
sed 's/"Luật Hôn nhân/"Luật  Hôn nhân/' content/seed/law/law-hon-nhan-gia-dinh-2014.json > "$hub/law-hon-nhan-gia-dinh-2014.json"
"$build/content/banlang" import --db "$hub/content.db" "$hub/law-hon-nhan-gia-dinh-2014.json" >/dev/null
"$build/sync/banlang-sync" publish --db "$hub/content.db" --key "$work/keys/signing.key" --out "$hub/site" >/dev/null

mkdir -p "$corpus/sync-envelope" "$corpus/sync-payload" "$corpus/sync-bundle"
rm -f "$corpus/sync-envelope"/site-* "$corpus/sync-payload"/site-* "$corpus/sync-bundle"/site-*
cp "$hub/site/manifest.json" "$corpus/sync-envelope/site-manifest.json"
cp "$hub/site/certificate.json" "$corpus/sync-envelope/site-certificate.json"
for doc in manifest certificate; do
  python3 -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))["payload"])' \
    "$hub/site/$doc.json" > "$corpus/sync-payload/site-$doc.json"
done
i=0
for b in "$hub/site/bundles"/*; do
  i=$((i + 1))
  zstd -dq -c "$b" > "$corpus/sync-bundle/site-bundle-$i.jsonl"
done
b=$(ls -S "$hub/site/bundles"/* | tail -n 1)
cp "$b" "$corpus/sync-bundle/site-bundle-zstd"
