#!/usr/bin/env bash
# Throughput of the generated Blob client against curl, uploading and downloading one large blob
# to and from Azurite (in memory, as in the end-to-end tests), every request signed with
# SharedKey. A benchmark, not a test: neither the test suite nor CI runs it.
#
#   benches/storage-throughput.sh [RUNS] [SIZE_MIB]     # defaults: 3 runs of a 256 MiB blob
#
# Azurite keeps blobs in memory (node), so SIZE_MIB is bounded by its heap: 1024 works with
# NODE_OPTIONS=--max-old-space-size=4096 but each run then takes tens of seconds, mostly in node.
# Per run, each tool does:
#   upload:   PUT /<container>/<blob> (Put Blob, the whole file streamed, Content-Length known)
#   download: GET /<container>/<blob>, the body discarded
# curl gets its x-ms-date, x-ms-version and Authorization from the client's `sign` command (the
# same signer), computed before the timer starts. Times are wall-clock around the whole process
# (start-up included, for both). Prints every run, then medians, the client/curl throughput
# ratios and the client's peak RSS (VmHWM).
#
# Needs: Azurite (tests/npm: `cargo xtask test` once, or `npm ci` there), curl, awk, a Rust
# toolchain (the client is built in release mode from benches/storage-throughput/ into
# target/storage-throughput-bench/).
set -euo pipefail
shopt -s inherit_errexit

runs=${1:-3}
size_mib=${2:-256}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
azurite="$root/tests/npm/node_modules/.bin/azurite-blob"
account=devstoreaccount1
container=bench

for tool in curl awk node; do
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
(cd "$work" && exec "$azurite" --inMemoryPersistence --skipApiVersionCheck --silent \
    --blobHost 127.0.0.1 --blobPort "$port") >"$work/azurite.log" 2>&1 &
azurite_pid=$!
account_url="http://127.0.0.1:$port/$account"
for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
done
"$client" create "$account_url" "$container"

now() { date +%s.%N; }
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
    local url="$account_url/$container/curl-$1" h=()
    mapfile -t h < <(signed PUT "$url" "content-length:$bytes" "content-type:application/octet-stream" "x-ms-blob-type:BlockBlob")
    local t0 t1
    t0=$(now)
    # --upload-file streams the file.
    curl -fsS -o /dev/null -X PUT "${h[@]}" -H "x-ms-blob-type: BlockBlob" \
        -H "Content-Type: application/octet-stream" --upload-file "$work/blob" "$url"
    t1=$(now)
    calc "$t1 - $t0"
}

curl_get() {
    local url="$account_url/$container/curl-$1" h=()
    mapfile -t h < <(signed GET "$url")
    local t0 t1
    t0=$(now)
    curl -fsS -o /dev/null "${h[@]}" "$url"
    t1=$(now)
    calc "$t1 - $t0"
}

client_put() {
    local t0 t1
    t0=$(now)
    "$client" put "$account_url" "$container" "client-$1" "$work/blob" >"$work/out"
    t1=$(now)
    echo "$(calc "$t1 - $t0") $(cut -d' ' -f3 "$work/out")"
}

client_get() {
    local t0 t1
    t0=$(now)
    "$client" get "$account_url" "$container" "client-$1" >"$work/out"
    t1=$(now)
    [[ $(cut -d' ' -f2 "$work/out") == "$bytes" ]] || { echo "short download" >&2; exit 1; }
    echo "$(calc "$t1 - $t0") $(cut -d' ' -f3 "$work/out")"
}

mibs() { calc "$size_mib / $1"; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.6f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: >"$work/curl_put"; : >"$work/curl_get"; : >"$work/client_put"; : >"$work/client_get"; : >"$work/rss"
printf '%-4s %-12s %12s %12s\n' run tool 'up MiB/s' 'down MiB/s'
for run in $(seq "$runs"); do
    tools=(curl client)
    (( run % 2 == 0 )) && tools=(client curl)
    for tool in "${tools[@]}"; do
        if [[ $tool == curl ]]; then
            up=$(curl_put "$run"); down=$(curl_get "$run")
        else
            read -r up rss_up < <(client_put "$run"); read -r down rss_down < <(client_get "$run")
            echo "$rss_up" >>"$work/rss"; echo "$rss_down" >>"$work/rss"
        fi
        echo "$up" >>"$work/${tool}_put"; echo "$down" >>"$work/${tool}_get"
        printf '%-4s %-12s %12s %12s\n' "$run" "$tool" "$(mibs "$up")" "$(mibs "$down")"
    done
done

cp_=$(median <"$work/curl_put"); cg=$(median <"$work/curl_get")
kp=$(median <"$work/client_put"); kg=$(median <"$work/client_get")
echo
echo "median over $runs runs, ${size_mib} MiB:"
printf '  upload:   curl %s MiB/s, client %s MiB/s (client/curl %s)\n' "$(mibs "$cp_")" "$(mibs "$kp")" "$(calc "$cp_ / $kp")"
printf '  download: curl %s MiB/s, client %s MiB/s (client/curl %s)\n' "$(mibs "$cg")" "$(mibs "$kg")" "$(calc "$cg / $kg")"
echo "  client peak RSS: $(sort -n "$work/rss" | tail -1) KiB"
