#!/usr/bin/env bash
# Bounded fuzzing of asf-core with cargo-fuzz (libFuzzer) on the nightly toolchain.
#
#   scripts/fuzz.sh            every target for ASF_FUZZ_SECONDS (default 60) each
#   scripts/fuzz.sh evaluate   one target
#
# Each target starts from its committed seeds (fuzz/corpus/<target>) and writes what it
# discovers to build/fuzz/corpus/<target>, so the committed corpus stays small. A crash
# leaves the input in fuzz/artifacts/<target>/ and fails the script; reproduce it with
# `cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>`. See docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh fuzz
TOOLS="${ASF_TOOLS_DIR:-$HOME/.cache/asf-tools}"
export PATH="$TOOLS/bin:$PATH"
seconds="${ASF_FUZZ_SECONDS:-60}"
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=(evaluate evaluate_mutated ledger_read procurements_read)
fi

t0=$SECONDS
# One build for all targets: release with debug assertions and overflow checks. No
# sanitizer: asf forbids unsafe code, and without ASan the targets run about twice as fast.
cargo +nightly fuzz build --fuzz-dir fuzz --sanitizer none
echo "fuzz: build $((SECONDS - t0)) s"

summary=()
for target in "${targets[@]}"; do
  work="build/fuzz/corpus/$target"
  mkdir -p "$work" "fuzz/corpus/$target"
  log="build/fuzz/$target.log"
  t1=$SECONDS
  # -timeout: an input that takes over 10 s is a finding (a denial of service in a web form).
  # -rss_limit_mb: a request that needs over 2 GiB is a finding too.
  if ! cargo +nightly fuzz run --fuzz-dir fuzz --sanitizer none "$target" "$work" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -dict=fuzz/json.dict >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz: $target FAILED; the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+' || echo "?")
  corpus=$(find "$work" -type f | wc -l)
  summary+=("$target: $runs executions in $((SECONDS - t1)) s, coverage $cov edges, corpus $corpus inputs, no crash")
done
echo
printf 'fuzz: %s\n' "${summary[@]}"
echo "fuzz: total $((SECONDS - t0)) s"
