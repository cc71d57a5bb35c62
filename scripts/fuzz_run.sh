#!/usr/bin/env bash
# Runs every fuzz target of a `make fuzz` build for SECONDS each, one after another, on a scratch
# copy of its corpus (tests/fuzz/corpus/<target>/; new inputs never dirty the checkout). Exits
# non-zero if any target reports a finding (crash, leak, timeout, out of memory or a contract
# violation); its reproducer is left in <build>/artifacts/.
#
#   scripts/fuzz_run.sh BUILD_DIR SECONDS
#   FUZZ_TARGETS="units jsonl"  only these targets (default: all)
#   FUZZ_WORK=DIR               keep the grown corpora in DIR/<target>/ (default: a temporary folder)
#   FUZZ_LOG_DIR=DIR            write each target's output to DIR/fuzz-<target>.log
set -uo pipefail

build=${1:?usage: fuzz_run.sh BUILD_DIR SECONDS}
seconds=${2:?usage: fuzz_run.sh BUILD_DIR SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
targets=${FUZZ_TARGETS:-units jsonl registry plan dse lab_api}
work=${FUZZ_WORK:-$(mktemp -d)}
artifacts="$build/artifacts"
mkdir -p "$artifacts" "$work"

failed=()
for t in $targets; do
  exe="$build/fuzz_$t"
  if [ ! -x "$exe" ]; then
    echo "fuzz-run: $exe is missing (run make fuzz)" >&2
    exit 1
  fi
  rm -rf "${work:?}/$t"
  cp -r "$root/tests/fuzz/corpus/$t" "$work/$t"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts/$t-")
  [ -f "$root/tests/fuzz/$t.dict" ] && args+=(-dict="$root/tests/fuzz/$t.dict")
  echo "fuzz-run: $t for ${seconds}s" >&2
  if [ -n "${FUZZ_LOG_DIR:-}" ]; then
    "$exe" "${args[@]}" "$work/$t" > "$FUZZ_LOG_DIR/fuzz-$t.log" 2>&1
  else
    "$exe" "${args[@]}" "$work/$t"
  fi
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "fuzz-run: $t FAILED (exit $rc); reproducer in $artifacts/" >&2
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz-run: findings in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz-run: no findings ($targets; corpora in $work)" >&2
