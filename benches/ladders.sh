#!/usr/bin/env bash
# Growth of generation time and memory with the size of adversarial documents ("ladders").
# A benchmark, not a test: neither the test suite nor CI runs it. See README.md, "Benchmark".
#
#   benches/ladders.sh [RUNS] [SIZES]      # defaults: 3 runs; sizes "1 2 4 8 16"
#
# For each shape of tests/src/ladders.rs and each size factor k, the `ladder` binary writes the
# document (k times the base size below), and `cargo xtask generate --spec` (release build)
# lowers, emits and renders it into a temporary directory RUNS times, under /usr/bin/time.
# Prints, per shape and size: the median CPU time (user + system: on a shared machine the wall
# time mostly measures the other processes), the wall time and the peak RSS (maximum resident
# set size) of that run, and the CPU time and RSS as ratios to size 1x. Linear growth shows as
# ratios close to k.
#
#   chain    500 models, each holding the next by value              (x16: 8,000 models)
#   diamond  4 levels of two models inheriting both of the level above (x16: 64 levels, 2^64 paths)
#   aliases  1,250 schemas, each a $ref to the one before              (x16: 20,000)
#   wide     250 operations, each with its own model                   (x16: 4,000)
#
# (`allOf` chains are not a ladder: each level copies its parents' properties, so the output
# itself grows quadratically; their depth is limited instead, see ARCHITECTURE.md.)
#
# Needs: a Rust toolchain, /usr/bin/time (GNU), awk, sort.
set -euo pipefail
shopt -s inherit_errexit

runs=${1:-3}
sizes=${2:-"1 2 4 8 16"}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ -x /usr/bin/time ]] || { echo "missing /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

cd "$root"
cargo build --release -q -p xtask -p tests --bin xtask --bin ladder
bin=$root/target/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A base=([chain]=500 [diamond]=4 [aliases]=1250 [wide]=250)
printf '%-8s %5s %8s %8s %8s %10s %8s %8s\n' shape size n cpu_s wall_s peak_MiB cpu_x rss_x
for shape in chain diamond aliases wide; do
    t1='' m1=''
    for k in $sizes; do
        n=$((base[$shape] * k))
        spec=$work/$shape-$n.json
        "$bin/ladder" "$shape" "$n" >"$spec"
        for ((r = 0; r < runs; r++)); do
            out=$work/out-$shape-$n-$r
            /usr/bin/time -f '%U %S %e %M' -o "$work/time" \
                "$bin/xtask" generate --spec "$spec" --out "$out" --name ladder >/dev/null
            awk '{ print $1 + $2, $3, $4 }' "$work/time"
            rm -rf "$out"
        done | sort -n | awk -v runs="$runs" 'NR == int((runs + 1) / 2)' >"$work/median"
        read -r secs wall kib <"$work/median"
        mib=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')
        if [[ -z $t1 ]]; then t1=$secs m1=$mib; fi
        awk -v s="$shape" -v k="${k}x" -v n="$n" -v t="$secs" -v w="$wall" -v m="$mib" -v t1="$t1" -v m1="$m1" \
            'BEGIN { printf "%-8s %5s %8d %8.2f %8.2f %10.1f %8.1f %8.1f\n", s, k, n, t, w, m, (t1 > 0 ? t / t1 : 0), m / m1 }'
    done
done
