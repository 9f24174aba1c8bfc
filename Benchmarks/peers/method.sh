#!/usr/bin/env bash
# One whole-process run of one method over a corpus, for compare.sh to time; decisions go to WORK/METHOD.decisions
# (text-dedup's to WORK/text-dedup.out, converted afterwards, outside the timing).
# Usage: Benchmarks/peers/method.sh METHOD CORPUS WORK   (METHOD: winnow-N for N threads, exact, datasketch, rensa, text-dedup)
set -euo pipefail
method=$1 corpus=$2 work=$3
venv=Benchmarks/.venv
case $method in
  winnow-*)
    exec .build/release/winnow run news --input-format jsonl --format jsonl --threads "${method#winnow-}" \
      "$corpus" -o /dev/null --decisions "$work/$method.decisions" ;;
  text-dedup)  # its own command line, as its users run it: a cold dataset cache, two processes as Winnow's two threads
    rm -rf "$work/text-dedup.cache" "$work/text-dedup.out"
    exec "$venv/bin/python" -m text_dedup.minhash --path json --data_files "$corpus" --split train --column text \
      --idx_column id --ngram 5 --num_perm 128 --threshold 0.8 --min_length 0 --num_proc 2 --debug \
      --cache_dir "$work/text-dedup.cache" --output "$work/text-dedup.out" ;;
  *)
    exec "$venv/bin/python" Benchmarks/peers/peer.py "$method" "$corpus" "$work/$method.decisions" ;;
esac
