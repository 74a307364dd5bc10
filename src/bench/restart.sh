#!/usr/bin/env bash
# A real restart at a size: `bench startup` loads USERS x PER_USER memories (and times the start-up check
# in-process), keeping its data folder; then the service is started on that folder as a fresh process, RESTARTS
# times, each timed from its launch to the first 200 of GET /q/health/ready, beside the start-up check's own log
# line. docs/BENCHMARKS.md, "Start-up at 1,000,000 memories", reports a run.
#
#   src/bench/restart.sh [USERS] [PER_USER] [RESTARTS] [JSON]
#
# Defaults: 1000 x 1000 memories, 3 restarts; JSON, when given, receives every figure. Needs the packaged jar
# (./mvnw package -DskipTests), bash, curl and python3. MOAT_OPTS: more JVM options for the bench and the service.
set -euo pipefail
cd "$(dirname "$0")/../.."

users=${1:-1000}
per_user=${2:-1000}
restarts=${3:-3}
json=${4:-}
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "no $jar: ./mvnw package -DskipTests first" >&2; exit 2; }
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done
java_opts=(--add-modules jdk.incubator.vector -Xms2g -Xmx2g ${MOAT_OPTS:-})

work=$(mktemp -d /tmp/moat-restart-XXXXXX)
folder=""
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "$folder" ] && rm -rf "$folder"
  rm -rf "$work"
}
trap cleanup EXIT

echo "loading $users x $per_user memories (bench startup --keep-data)" >&2
java "${java_opts[@]}" -jar "$jar" bench startup --users "$users" --per-user "$per_user" --keep-data \
  --json "$work/startup.json" 2> >(tee "$work/bench.log" >&2)
folder=$(sed -n 's/^data folder kept at //p' "$work/bench.log" | tail -1)
[ -d "$folder" ] || { echo "bench startup kept no data folder" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
: > "$work/restarts.txt"
for i in $(seq 1 "$restarts"); do
  started=$(date +%s.%N)
  java "${java_opts[@]}" -Dquarkus.http.port="$port" -Dmoat.data-dir="$folder" -jar "$jar" \
    > "$work/serve-$i.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "the service stopped before it was ready:" >&2; tail -20 "$work/serve-$i.log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(date +%s.%N)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  check=$(grep -m1 -o 'Index checked against the database.*\|Index rebuilt from the database.*' "$work/serve-$i.log" || echo "no check line")
  check="$check; Quarkus $(grep -m1 -o 'started in [0-9.]*s' "$work/serve-$i.log" || echo "did not say when it started")"
  seconds=$(python3 -c "print(round($ready - $started, 2))")
  echo "$seconds	$check" >> "$work/restarts.txt"
  echo "restart $i: ready in $seconds s (launch to the first 200 of /q/health/ready); $check"
done

python3 - "$work/startup.json" "$work/restarts.txt" "$json" <<'PY'
import json, statistics, sys
startup = json.load(open(sys.argv[1]))
runs = [line.rstrip("\n").split("\t", 1) for line in open(sys.argv[2])]
ready = [float(seconds) for seconds, _ in runs]
print(f"{startup['memories']:,} memories: restart ready in {min(ready):.1f} to {max(ready):.1f} s (median"
      f" {statistics.median(ready):.1f}); in-process check {startup['checkSeconds']:.1f} s after a"
      f" {startup['bootSeconds']:.1f} s boot on an empty folder")
if sys.argv[3]:
    report = {"startup": startup, "restarts": [{"readySeconds": float(s), "check": c} for s, c in runs]}
    json.dump(report, open(sys.argv[3], "w"), indent=2)
    print(f"wrote {sys.argv[3]}", file=sys.stderr)
PY
