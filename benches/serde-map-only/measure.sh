#!/bin/bash
# Interleaved crate-only `cargo check` CPU time of generated crates sharing one target dir.
# usage: measure.sh RUNS DIR_A PKG_A DIR_B PKG_B ...   (prints "pkg user sys wall" a line)
# Each crate needs `[workspace]` in its Cargo.toml and a dependency build done once beforehand.
set -eu
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/serde-map-only-target}
runs=$1; shift
args=("$@")
for _ in $(seq "$runs"); do
  for ((k = 0; k < ${#args[@]}; k += 2)); do
    dir=${args[k]}; pkg=${args[k + 1]}
    (cd "$dir" && cargo clean --offline -p "$pkg" >/dev/null 2>&1 &&
      /usr/bin/time -f "$pkg %U %S %e" cargo check --offline 2>&1 >/dev/null | tail -1)
  done
done
