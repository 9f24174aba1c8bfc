#!/usr/bin/env bash
# Winnow against datasketch, rensa, text-dedup and an exact-hash baseline on the same labelled corpus, in one run.
# Usage: Benchmarks/peers/compare.sh [STORIES]   (50000 stories ≈ 300 MB; the table goes to Benchmarks/results.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
stories=${1:-50000}
work=.build/peers
mkdir -p "$work"
venv=Benchmarks/.venv
peers=(exact datasketch rensa text-dedup)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import datasketch, rensa" 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "datasketch==2.0.0" "rensa==0.5.0" \
    || { echo "pip cannot reach its index: running Winnow alone"; peers=(); }
fi
if [ ${#peers[@]} -gt 0 ] && ! "$venv/bin/python" -c "import text_dedup" 2>/dev/null; then
  "$venv/bin/pip" install -q "text-dedup==0.4.0" \
    || { echo "text-dedup does not install here: compared without it"; peers=(exact datasketch rensa); }
fi
release=${RELEASE:--c release --static-swift-stdlib}  # the Makefile's release flags
swift build $release --product winnow 1>&2
swift build $release --product winnow-bench 1>&2
corpus="$work/corpus-$stories.jsonl"
[ -f "$corpus" ] || .build/release/winnow-bench generate --stories "$stories" -o "$corpus"
size=$(stat -c %s "$corpus")
documents=$(wc -l < "$corpus")

rows=(winnow-1 winnow-2 "${peers[@]}")
for round in 1 2 3; do  # each method once a round, in turn, so a busy spell of the host hits all alike
  for name in "${rows[@]}"; do
    /usr/bin/time -f "%e %M" -o "$work/$name.time.$round" Benchmarks/peers/method.sh "$name" "$corpus" "$work" \
      > "$work/$name.log" 2>&1 || { echo "$name failed:"; tail -n 20 "$work/$name.log"; exit 1; }
  done
done
for name in "${rows[@]}"; do sort -n "$work"/"$name".time.[123] | sed -n 2p > "$work/$name.time"; done
if [[ " ${rows[*]} " == *" text-dedup "* ]]; then
  "$venv/bin/python" Benchmarks/peers/peer.py text-dedup-decisions "$work/text-dedup.out/uf.pkl" "$work/text-dedup.decisions"
fi
read -r winnow_seconds winnow_memory < "$work/winnow-2.time"
{
  echo "# Winnow and its peers on one labelled corpus"
  echo
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  echo "\`Benchmarks/peers/compare.sh $stories\`: $documents documents, $((size / 1000000)) MB; $(nproc) cores ($cpu), $(date -u +%Y-%m-%d)."
  echo "Every method: lower-cased word 5-grams, 128 permutations, threshold 0.8; the median of three whole-process runs,"
  echo "the methods taking turns. winnow-N: the news pipeline on N threads; text-dedup on 2 processes; the others on one."
  echo "The last column: Winnow on 2 threads against the method, in speed and in peak memory (below 1: less)."
  echo
  echo "| method | MB/s | documents/s | peak RSS (MB) | duplicate P / R / F1 | fragments P / R | teasers accuracy / P | winnow-2: speed × / memory × |"
  echo "|---|---|---|---|---|---|---|---|"
  for name in "${rows[@]}"; do
    read -r seconds memory < "$work/$name.time"
    score=$(.build/release/winnow-bench score --corpus "$corpus" --decisions "$work/$name.decisions")
    awk -v n="$name" -v s="$seconds" -v m="$memory" -v b="$size" -v d="$documents" -v q="$score" \
      -v ws="$winnow_seconds" -v wm="$winnow_memory" \
      'BEGIN { printf "| %s | %.1f | %.0f | %.0f | %s | %.1f / %.2f |\n", n, b / 1e6 / s, d / s, m / 1024, q, s / ws, wm / m }'
  done
  echo
  echo "Winnow (2 threads) against corpus size, to show time growing linearly and memory with the indexes only:"
  echo
  echo "| corpus | MB | seconds | peak RSS (MB) |"
  echo "|---|---|---|---|"
  : > "$work/scaling.tsv"
  for multiple in 1 2 4; do
    scaled="$work/corpus-$((stories * multiple)).jsonl"
    [ -f "$scaled" ] || .build/release/winnow-bench generate --stories $((stories * multiple)) -o "$scaled"
    /usr/bin/time -f "%e %M" -o "$work/scaled.time" .build/release/winnow run news --input-format jsonl --format jsonl \
      --threads 2 "$scaled" -o /dev/null > /dev/null 2>&1
    read -r seconds memory < "$work/scaled.time"
    printf "%s\t%s\t%s\n" "$multiple" "$seconds" "$((memory / 1024))" >> "$work/scaling.tsv"
    echo "| ${multiple}× | $(( $(stat -c %s "$scaled") / 1000000 )) | $seconds | $((memory / 1024)) |"
  done
  echo
  echo "![throughput, time and memory](results.svg)"
} | tee Benchmarks/results.md
for name in "${rows[@]}"; do
  read -r seconds memory < "$work/$name.time"
  awk -v n="$name" -v s="$seconds" -v b="$size" 'BEGIN { printf "%s\t%.2f\n", n, b / 1e6 / s }'
done > "$work/throughput.tsv"
python3 Benchmarks/peers/chart.py "$work/throughput.tsv" "$work/scaling.tsv" Benchmarks/results.svg
