#!/usr/bin/env bash
# What HTTP costs a search once the search itself is cheap: the service started on a fresh data folder (keys off,
# so that only the REST layer is measured), one user with 500 short memories, then wrk on one connection posting
# the same question again and again (its vector comes from the query cache, so no model runs), ROUNDS timed runs
# of SECONDS each after an untimed 20 s. Prints wrk's p50, p99 and requests/s per run. Run it with two jars one
# after the other, alternating, to compare them: docs/BENCHMARKS.md, "A request's body read before a worker takes
# it", reports such a run.
#
#   src/bench/http-overhead.sh [JAR] [ROUNDS] [SECONDS]
#
# Defaults: target/quarkus-app/quarkus-run.jar, 2 rounds of 15 s. Needs wrk (apt-get install wrk), curl, python3.
# MOAT_OPTS: more JVM options for the service; PORT: its port (18080).
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=${1:-target/quarkus-app/quarkus-run.jar}
rounds=${2:-2}
seconds=${3:-15}
port=${PORT:-18080}
[ -f "$jar" ] || { echo "no $jar: ./mvnw package -DskipTests first" >&2; exit 2; }
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

work=$(mktemp -d /tmp/moat-overhead-XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

MOAT_DATA_DIR="$work/data" java --add-modules jdk.incubator.vector -Xms2g -Xmx2g ${MOAT_OPTS:-} \
  -Dquarkus.http.port="$port" -Dmoat.auth.enabled=false -jar "$jar" > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.5
done

python3 - "$port" <<'PY'
import json, sys, urllib.request
port = sys.argv[1]
words = "hiking mountains summer lake coffee guitar sister birthday paris train novel garden".split()
for b in range(5):
    batch = [{"text": f"I remember {words[i % 12]} and {words[(i * 7) % 12]} on day {i} of my trip"}
             for i in range(b * 100, b * 100 + 100)]
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/users/overhead/memories/batch",
                                     data=json.dumps(batch).encode(), headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
PY

cat > "$work/search.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"query": "what did I say about hiking in the mountains last summer", "k": 10}'
wrk.headers["Content-Type"] = "application/json"
LUA
url="http://127.0.0.1:$port/v1/users/overhead/memories/search"
wrk -t1 -c1 -d20s -s "$work/search.lua" "$url" >/dev/null
for round in $(seq 1 "$rounds"); do
  wrk -t1 -c1 -d"${seconds}s" --latency -s "$work/search.lua" "$url" \
    | awk -v r="$round" '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /^Requests\/sec/ {rps=$2}
        END {printf "round %s: p50 %s, p99 %s, %s requests/s\n", r, p50, p99, rps}'
done
