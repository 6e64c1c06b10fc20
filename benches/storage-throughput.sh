#!/usr/bin/env bash
# Throughput of the generated Blob client against curl, uploading and downloading one large blob
# to and from Azurite (in memory, as in the end-to-end tests), every request signed with
# SharedKey. A benchmark, not a test: neither the test suite nor CI runs it.
#
#   benches/storage-throughput.sh [RUNS] [SIZE_MIB] [GETS]
#       defaults: 3 runs of a 256 MiB blob, each blob downloaded 3 times per run
#
# Azurite keeps blobs in memory (node), so SIZE_MIB is bounded by its heap, which this script
# sets to AZURITE_HEAP_MIB (default 4096: enough for 1024, whose uploads take tens of seconds,
# mostly in node). Each tool overwrites its one blob every run, so Azurite holds two at most.
# Per run, each tool does:
#   upload:   PUT /<container>/<blob> (Put Blob, the whole file streamed, Content-Length known)
#   download: GET /<container>/<blob>, the body discarded, GETS times (downloads are short and
#             noisy next to uploads, so each run takes several samples of them)
# curl gets its x-ms-date, x-ms-version and Authorization from the client's `sign` command (the
# same signer), computed before the timer starts. Times are wall-clock around the whole process
# (start-up included, for both), and the CPU time (user+sys, GNU time) of each process is kept
# too: on a loaded machine the wall times say more about the neighbours than about the tools.
# Prints every sample, then medians, the client/curl throughput ratios and the client's peak
# RSS (VmHWM).
#
# Needs: Azurite (tests/npm: `cargo xtask test` once, or `npm ci` there), curl, awk, a Rust
# toolchain (the client is built in release mode from benches/storage-throughput/ into
# target/storage-throughput-bench/).
set -euo pipefail
shopt -s inherit_errexit

runs=${1:-3}
size_mib=${2:-256}
gets=${3:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
azurite="$root/tests/npm/node_modules/.bin/azurite-blob"
account=devstoreaccount1
container=bench

for tool in curl awk node /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[[ -x $azurite ]] || { echo "missing $azurite: run \`npm ci\` in tests/npm" >&2; exit 1; }

echo "building the client (release)..." >&2
cargo build --quiet --release \
    --manifest-path "$root/benches/storage-throughput/Cargo.toml" \
    --target-dir "$root/target/storage-throughput-bench"
client="$root/target/storage-throughput-bench/release/storage-throughput"

if [[ -z ${BENCH_DIR:-} ]]; then
    if [[ -d /dev/shm && -w /dev/shm ]]; then BENCH_DIR=/dev/shm; else BENCH_DIR=${TMPDIR:-/tmp}; fi
fi
work=$(mktemp -d "$BENCH_DIR/storage-throughput.XXXXXX")
azurite_pid=
cleanup() {
    if [[ -n $azurite_pid ]]; then
        kill "$azurite_pid" 2>/dev/null || true
        wait "$azurite_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "making a ${size_mib} MiB random blob..." >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/blob"
bytes=$(stat -c %s "$work/blob")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work" && NODE_OPTIONS=--max-old-space-size=${AZURITE_HEAP_MIB:-4096} \
    exec "$azurite" --inMemoryPersistence --skipApiVersionCheck --silent \
    --blobHost 127.0.0.1 --blobPort "$port") >"$work/azurite.log" 2>&1 &
azurite_pid=$!
account_url="http://127.0.0.1:$port/$account"
for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
done
"$client" create "$account_url" "$container"

now() { date +%s.%N; }
# Runs a command, leaving its CPU time (user+sys seconds) in $work/cpu.
cpu() {
    /usr/bin/time -f '%U %S' -o "$work/cpu.raw" "$@"
    awk '{ printf "%.2f", $1 + $2 }' "$work/cpu.raw" >"$work/cpu"
}
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

# curl's signed headers for METHOD URL (extra headers as name:value), one -H each.
signed() {
    local method=$1 url=$2
    shift 2
    local -a out=()
    while IFS= read -r line; do out+=(-H "$line"); done < <("$client" sign "$method" "$url" "$@")
    printf '%s\n' "${out[@]}"
}

curl_put() {
    local url="$account_url/$container/curl-blob" h=()
    mapfile -t h < <(signed PUT "$url" "content-length:$bytes" "content-type:application/octet-stream" "x-ms-blob-type:BlockBlob")
    local t0 t1
    t0=$(now)
    # --upload-file streams the file.
    cpu curl -fsS -o /dev/null -X PUT "${h[@]}" -H "x-ms-blob-type: BlockBlob" \
        -H "Content-Type: application/octet-stream" --upload-file "$work/blob" "$url"
    t1=$(now)
    echo "$(calc "$t1 - $t0") $(cat "$work/cpu")"
}

curl_get() {
    local url="$account_url/$container/curl-blob" h=()
    mapfile -t h < <(signed GET "$url")
    local t0 t1
    t0=$(now)
    cpu curl -fsS -o /dev/null "${h[@]}" "$url"
    t1=$(now)
    echo "$(calc "$t1 - $t0") $(cat "$work/cpu")"
}

client_put() {
    local t0 t1
    t0=$(now)
    cpu "$client" put "$account_url" "$container" "client-blob" "$work/blob" >"$work/out"
    t1=$(now)
    echo "$(calc "$t1 - $t0") $(cat "$work/cpu") $(cut -d' ' -f3 "$work/out")"
}

client_get() {
    local t0 t1
    t0=$(now)
    cpu "$client" get "$account_url" "$container" "client-blob" >"$work/out"
    t1=$(now)
    [[ $(cut -d' ' -f2 "$work/out") == "$bytes" ]] || { echo "short download" >&2; exit 1; }
    echo "$(calc "$t1 - $t0") $(cat "$work/cpu") $(cut -d' ' -f3 "$work/out")"
}

mibs() { calc "$size_mib / $1"; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.6f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: >"$work/rss"
for f in curl_put curl_get client_put client_get; do : >"$work/$f"; : >"$work/$f.cpu"; done
# One sample: "<wall> <cpu> [rss]" into the tool's files; prints its MiB/s and CPU seconds.
keep() {
    local file=$1 wall cpu_s rss
    read -r wall cpu_s rss <<<"$2"
    echo "$wall" >>"$work/$file"; echo "$cpu_s" >>"$work/$file.cpu"
    [[ -n $rss ]] && echo "$rss" >>"$work/rss"
    printf '%10s MiB/s %6s s CPU' "$(mibs "$wall")" "$cpu_s"
}
echo "each sample: throughput (wall, process start-up included) and CPU time (user+sys)"
for run in $(seq "$runs"); do
    tools=(curl client)
    (( run % 2 == 0 )) && tools=(client curl)
    for tool in "${tools[@]}"; do
        printf 'run %-3s %-7s up   %s\n' "$run" "$tool" "$(keep "${tool}_put" "$("${tool}_put" "$run")")"
    done
    for get in $(seq "$gets"); do
        (( get % 2 == 0 )) && tools=(client curl) || tools=(curl client)
        for tool in "${tools[@]}"; do
            printf 'run %-3s %-7s down %s\n' "$run" "$tool" "$(keep "${tool}_get" "$("${tool}_get" "$run")")"
        done
    done
done

report() {
    local what=$1 c k cc kc
    c=$(median <"$work/curl_$what"); k=$(median <"$work/client_$what")
    cc=$(median <"$work/curl_$what.cpu"); kc=$(median <"$work/client_$what.cpu")
    printf '  %-9s curl %s MiB/s (%s s CPU), client %s MiB/s (%s s CPU): client/curl %s\n' \
        "$2:" "$(mibs "$c")" "$(printf %.2f "$cc")" "$(mibs "$k")" "$(printf %.2f "$kc")" "$(calc "$c / $k")"
}
echo
echo "medians, ${size_mib} MiB: $runs uploads and $((runs * gets)) downloads per tool"
report put upload
report get download
echo "  client peak RSS: $(sort -n "$work/rss" | tail -1) KiB"
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
