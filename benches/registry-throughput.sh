#!/usr/bin/env bash
# Throughput of the generated ACR client against curl, pushing and pulling one large blob to and
# from a local Docker Distribution registry (Debian's docker-registry, as in the end-to-end tests).
# A benchmark, not a test: neither the test suite nor CI runs it. See README.md, "Benchmark".
#
#   benches/registry-throughput.sh [RUNS] [SIZE_MIB]     # defaults: 5 runs of a 1024 MiB blob
#
# The blob and the registry's storage live in BENCH_DIR (default: /dev/shm, a tmpfs, when it is
# writable, else $TMPDIR or /tmp): on tmpfs the registry is bound by CPU, not by the disk's
# writeback, and the runs are far less noisy. About twice SIZE_MIB must fit there.
#
# Each run starts a fresh registry (empty storage in a temporary directory, 127.0.0.1, a free
# port) and times, with the same request sequence for both tools:
#   push: POST /v2/<repo>/blobs/uploads/ ; PATCH <Location> (the whole file, streamed) ;
#         PUT <Location>&digest=<digest>
#   pull: GET /v2/<repo>/blobs/<digest>, the body discarded (curl -o /dev/null)
# for curl, for the client with the digest given (the same exchange as curl), for the client
# computing the digest while it uploads; and pulls by curl, by the client without verifying (the
# same work as curl), by `curl | openssl dgst -sha256` (curl verifying, two processes), and by
# the client verifying the sha256 as the body streams, inline or on a second thread. The order of the tools alternates from run to run. Times are
# wall-clock around the whole process (start-up included, for both). Prints every run, then
# medians, the client/curl throughput ratios, and the client's peak RSS (VmHWM, also checked
# against /usr/bin/time's maximum RSS when it is installed).
#
# Needs: docker-registry, curl, sha256sum, openssl, awk, a Rust toolchain (the client is built in release
# mode from benches/registry-throughput/ into target/registry-throughput-bench/).
set -euo pipefail
shopt -s inherit_errexit

runs=${1:-5}
size_mib=${2:-1024}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=bench/blob

for tool in docker-registry curl sha256sum openssl awk; do
    command -v "$tool" >/dev/null || {
        echo "missing $tool (docker-registry: run \`cargo xtask test\` once, or apt-get install -y docker-registry)" >&2
        exit 1
    }
done

echo "building the client (release)..." >&2
cargo build --quiet --release \
    --manifest-path "$root/benches/registry-throughput/Cargo.toml" \
    --target-dir "$root/target/registry-throughput-bench"
client="$root/target/registry-throughput-bench/release/registry-throughput"

if [[ -z ${BENCH_DIR:-} ]]; then
    if [[ -d /dev/shm && -w /dev/shm ]]; then BENCH_DIR=/dev/shm; else BENCH_DIR=${TMPDIR:-/tmp}; fi
fi
work=$(mktemp -d "$BENCH_DIR/registry-throughput.XXXXXX")
registry_pid=
cleanup() {
    if [[ -n $registry_pid ]]; then
        kill "$registry_pid" 2>/dev/null || true
        wait "$registry_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "making a ${size_mib} MiB random blob..." >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/blob"
digest="sha256:$(sha256sum "$work/blob" | cut -d' ' -f1)"
bytes=$(stat -c %s "$work/blob")

start_registry() {
    local port
    port=$("$client" free-port)
    rm -rf "$work/storage"
    cat >"$work/config.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: "$work/storage"}
  delete: {enabled: true}
  maintenance: {uploadpurging: {enabled: false}}
http: {addr: "127.0.0.1:$port", secret: bench}
EOF
    docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 &
    registry_pid=$!
    url="http://127.0.0.1:$port"
    for _ in $(seq 200); do
        curl -fs -o /dev/null "$url/v2/" && return 0
        sleep 0.05
    done
    cat "$work/registry.log" >&2
    exit 1
}

stop_registry() {
    kill "$registry_pid"
    wait "$registry_pid" 2>/dev/null || true
    registry_pid=
    rm -rf "$work/storage"
}

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

# Wall-clock seconds of a command; its stdout goes to $work/out.
timed() {
    local t0 t1
    t0=$(now)
    "$@" >"$work/out"
    t1=$(now)
    calc "$t1 - $t0"
}

location_of() { tr -d '\r' | sed -n 's/^[Ll]ocation: //p'; }

curl_push() {
    local location status
    location=$(curl -fsS -D - -o /dev/null -X POST "$url/v2/$repo/blobs/uploads/" | location_of)
    # --upload-file streams the file (--data-binary @file would read all of it into memory).
    location=$(curl -fsS -D - -o /dev/null -X PATCH -H 'Content-Type: application/octet-stream' \
        --upload-file "$work/blob" "$location" | location_of)
    status=$(curl -fsS -o /dev/null -w '%{http_code}' -X PUT "$location&digest=$digest")
    [[ $status == 201 ]]
}

curl_pull() {
    curl -fsS -o /dev/null "$url/v2/$repo/blobs/$digest"
}

curl_pull_verify() {
    local got
    got=$(curl -fsS "$url/v2/$repo/blobs/$digest" | openssl dgst -sha256 -r | cut -d' ' -f1)
    [[ sha256:$got == "$digest" ]]
}

# The client under /usr/bin/time when it is there: its maximum RSS goes to $work/time.
client_run() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f %M -o "$work/time" "$client" "$@"
    else
        "$client" "$@"
    fi
}

declare -A samples rss
record() { samples[$1]+="$2 "; }
# The client's peak RSS for this row (max over runs): VmHWM as it printed it, and /usr/bin/time's.
note_rss() {
    local hwm m=0
    hwm=$(sed -n 's/.*vm_hwm_kib=\([0-9]*\).*/\1/p' "$work/out")
    [[ -s $work/time ]] && m=$(cat "$work/time")
    ((m > hwm)) && hwm=$m
    ((hwm > ${rss[$1]:-0})) && rss[$1]=$hwm
    return 0
}

one() {
    local name=$1
    shift
    local seconds
    seconds=$(timed "$@")
    record "$name" "$seconds"
    [[ $name == client* ]] && note_rss "$name"
    printf '  %-30s %8.3f s  %8.1f MiB/s\n' "$name" "$seconds" "$(calc "$bytes / 1048576 / $seconds")"
}

# A push (fresh registry) then the pulls of what was pushed.
round() {
    local who=$1
    start_registry
    case $who in
    curl)
        one "curl push" curl_push
        one "curl pull" curl_pull
        one "curl | openssl sha256" curl_pull_verify
        ;;
    client)
        one "client push" client_run push "$url" "$repo" "$work/blob" --digest "$digest"
        one "client pull (no verify)" client_run pull "$url" "$repo" "$digest" --no-verify
        one "client pull (verify)" client_run pull "$url" "$repo" "$digest"
        one "client pull (hash thread)" client_run pull "$url" "$repo" "$digest" --hash-thread
        ;;
    client-hash)
        one "client push (hashing)" client_run push "$url" "$repo" "$work/blob"
        ;;
    esac
    stop_registry
}

echo "$runs runs, blob of $bytes bytes in $BENCH_DIR, $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
for ((i = 1; i <= runs; i++)); do
    echo "run $i"
    if ((i % 2)); then order=(curl client client-hash); else order=(client-hash client curl); fi
    for who in "${order[@]}"; do round "$who"; done
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
rate() { calc "$bytes / 1048576 / $1"; }

echo
echo "medians over $runs runs ($((bytes / 1048576)) MiB):"
declare -A med
for name in "curl push" "client push" "client push (hashing)" "curl pull" "client pull (no verify)" \
    "curl | openssl sha256" "client pull (verify)" "client pull (hash thread)"; do
    med[$name]=$(echo "${samples[$name]}" | median)
    printf '  %-30s %8.3f s  %8.1f MiB/s\n' "$name" "${med[$name]}" "$(rate "${med[$name]}")"
done
echo
echo "throughput ratios, client / curl (target: >= 0.95):"
ratio() { calc "${med[$2]} / ${med[$1]}"; }
printf '  %-44s %6.3f\n' "push" "$(ratio "client push" "curl push")"
printf '  %-44s %6.3f\n' "push, the client hashing as it sends" "$(ratio "client push (hashing)" "curl push")"
printf '  %-44s %6.3f\n' "pull, neither verifying" "$(ratio "client pull (no verify)" "curl pull")"
printf '  %-44s %6.3f\n' "pull, both verifying (inline / curl|openssl)" "$(ratio "client pull (verify)" "curl | openssl sha256")"
printf '  %-44s %6.3f\n' "pull, both verifying (thread / curl|openssl)" "$(ratio "client pull (hash thread)" "curl | openssl sha256")"
printf '  %-44s %6.3f\n' "pull, client verifying (inline) / curl raw" "$(ratio "client pull (verify)" "curl pull")"
printf '  %-44s %6.3f\n' "pull, client verifying (thread) / curl raw" "$(ratio "client pull (hash thread)" "curl pull")"
echo
echo "client peak RSS, max over the runs (VmHWM and /usr/bin/time's max RSS; target: < 64 MiB):"
for name in "client push" "client push (hashing)" "client pull (no verify)" "client pull (verify)" "client pull (hash thread)"; do
    printf '  %-30s %6.1f MiB\n' "$name" "$(calc "${rss[$name]:-0} / 1024")"
done
