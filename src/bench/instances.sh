#!/usr/bin/env bash
# Throughput of two Moat instances against one, with the same load generator (wrk, in processes of its own):
# searches and chats to one user, through instance A alone, then through A and B at once, with the same total of
# connections. docs/BENCHMARKS.md reports a run.
#
#   src/bench/instances.sh JDBC_URL OPENSEARCH_URL [MEMORIES] [SECONDS] [CONNECTIONS]
#
# JDBC_URL: an empty PostgreSQL database of its own (jdbc:postgresql://127.0.0.1:5432/moat_bench); it is left with
# the benchmark's user. OPENSEARCH_URL: node URLs, comma-separated. The PostgreSQL build must be packaged
# (./mvnw package -DskipTests: target/quarkus-app-postgresql). Needs bash, curl, python3 and wrk. MOAT_OPTS: more
# JVM options for both instances (-Dmoat.opensearch.refresh-interval=20ms, say).
set -euo pipefail
cd "$(dirname "$0")/../.."

jdbc=${1:?JDBC URL of an empty PostgreSQL database}
opensearch=${2:?OpenSearch node URLs}
memories=${3:-10000}
seconds=${4:-30}
connections=${5:-8}
jar=target/quarkus-app-postgresql/quarkus-run.jar
[ -f "$jar" ] || { echo "no $jar: ./mvnw package -DskipTests first" >&2; exit 2; }
for tool in curl python3 wrk; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

work=$(mktemp -d /tmp/moat-instances-XXXXXX)
index="moat-instances-$(basename "$work" | tr 'A-Z' 'a-z')"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  curl -s -XDELETE "${opensearch%%,*}/$index" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start() { # name port
  mkdir -p "$work/$1"
  java --add-modules jdk.incubator.vector -Xms1g -Xmx1g \
    -Dquarkus.http.port="$2" -Dmoat.data-dir="$work/$1" \
    -Dquarkus.datasource.jdbc.url="$jdbc" -Dquarkus.datasource.username=postgres \
    -Dmoat.index.backend=opensearch -Dmoat.opensearch.url="$opensearch" -Dmoat.opensearch.index="$index" \
    -Dmoat.auth.rate-per-second=0 ${MOAT_OPTS:-} -jar "$jar" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -sf "localhost:$2/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "instance $1 did not get ready; its log:" >&2
  tail -30 "$work/$1.log" >&2
  exit 1
}

echo "instances: A on :8181, then B on :8182 (one PostgreSQL, one OpenSearch index $index)" >&2
start a 8181
[ -f "$work/a/admin.key" ] || { echo "the database is not empty (A made no admin key): give an empty one" >&2; exit 2; }
key=$(cat "$work/a/admin.key")
start b 8182
export MOAT_KEY=$key

echo "loading $memories memories of user load through A (batches of 500, embedded by A)" >&2
python3 - "$memories" <<'EOF' | while read -r batch; do
import json, random, sys
random.seed(7)
people = ["my sister", "my brother", "my friend Sam", "my manager", "my neighbour", "my cousin", "my dentist"]
verbs = ["moved to", "visited", "talked about", "recommended", "is afraid of", "collects", "wants to see"]
things = ["Lisbon", "a jazz bar", "the old lighthouse", "sourdough bread", "mountain bikes", "a chess club",
          "the city library", "Japanese maples", "a sailing trip", "vintage cameras", "a yoga retreat"]
n = int(sys.argv[1])
for start in range(0, n, 500):
    batch = [{"text": f"{random.choice(people)} {random.choice(verbs)} {random.choice(things)} ({i})"}
             for i in range(start, min(n, start + 500))]
    print(json.dumps(batch))
EOF
  echo "$batch" | curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data-binary @- localhost:8181/v1/users/load/memories/batch
done

cat >"$work/search.lua" <<'EOF'
local key = os.getenv("MOAT_KEY")
local topics = {"where does my sister live", "what does my friend collect", "who recommended the bar",
  "what is my cousin afraid of", "which trip did my manager mention", "what does my neighbour want to see"}
local n = 0
request = function()
  n = n + 1 -- a new question each time: its embedding is part of the search
  local body = string.format('{"query":"%s %d","k":10}', topics[n % #topics + 1], n)
  return wrk.format("POST", "/v1/users/load/memories/search",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end
EOF
cat >"$work/chat.lua" <<'EOF'
local key = os.getenv("MOAT_KEY")
local n = 0
local salt = tostring(math.random(1, 1e9))
request = function()
  n = n + 1 -- distinct messages, each stored as a memory
  local body = string.format('{"userId":"load","provider":"offline","message":"What did my friend say about %s %d?"}',
    salt, n)
  return wrk.format("POST", "/v1/chat",
    {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end
EOF

# wrk's report as one line: requests/s, p50, p99 (ms), non-2xx count
summary() {
  awk '/Requests\/sec/ {rps=$2}
       /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /Non-2xx/ {bad=$NF}
       END {printf "%s %s %s %s\n", rps, p50, p99, (bad == "" ? 0 : bad)}' "$1"
}
# the machine's CPU time so far, busy and all, in ticks (/proc/stat): the run's busy share comes from two readings
cpu() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
busy() { # before after -> percent
  echo "$1 $2" | awk '{printf "%.0f%%", 100 * ($3 - $1) / ($4 - $2)}'
}
load() { # what threads connections url... -> one wrk per url at once
  local what=$1 threads=$2 conns=$3; shift 3
  local i=0 running=()
  for url in "$@"; do
    wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -s "$work/$what.lua" "$url" >"$work/$what-$i.out" &
    running+=($!)
    i=$((i + 1))
  done
  wait "${running[@]}"
}

run() { # what
  echo "$1: warm-up through both" >&2
  seconds_saved=$seconds; seconds=10
  load "$1" 1 2 http://127.0.0.1:8181 http://127.0.0.1:8182
  seconds=$seconds_saved
  echo "$1: A alone, $connections connections, ${seconds}s" >&2
  local before after
  before=$(cpu)
  load "$1" 2 "$connections" http://127.0.0.1:8181
  after=$(cpu)
  read -r one p50 p99 bad < <(summary "$work/$1-0.out")
  printf '| %s | 1 | %s | %s | %s | %s | %s |\n' "$1" "$one" "$p50" "$p99" "$bad" "$(busy "$before" "$after")"
  echo "$1: A and B at once, $((connections / 2)) connections each, ${seconds}s" >&2
  before=$(cpu)
  load "$1" 1 $((connections / 2)) http://127.0.0.1:8181 http://127.0.0.1:8182
  after=$(cpu)
  read -r a pa qa ba < <(summary "$work/$1-0.out")
  read -r b pb qb bb < <(summary "$work/$1-1.out")
  printf '| %s | 2 | %.1f (%s + %s) | %s, %s | %s, %s | %s | %s |\n' "$1" "$(echo "$a $b" | awk '{print $1 + $2}')" \
    "$a" "$b" "$pa" "$pb" "$qa" "$qb" "$((ba + bb))" "$(busy "$before" "$after")"
}

echo
echo "$memories memories of one user; $connections connections in all; ${seconds}s per run; $(nproc) cores"
echo "| load | instances | requests/s | p50 | p99 | non-2xx | machine CPU busy |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
run search
run chat
