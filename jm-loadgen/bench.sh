#!/bin/sh
# Runs the benchmark points of issue 5 against a directory already listening on $PORT.
# usage: jm-loadgen/bench.sh PORT DIRECTORY_PID [extra loadgen flags]
# Start our directory first, e.g. (relay points need per-connection limits lifted):
#   ./jm directory start --network regtest --local --port 5222 --health-port 5223 --max-peers 30000 \
#       --message-rate-limit 1000000 --message-burst-limit 1000000 &
# Build: ./mvnw -B -q -o -P bench -pl jm-loadgen -am package -DskipTests
set -e
PORT=$1; PID=$2; shift 2
JAR=$(dirname "$0")/target/jm-loadgen.jar
run() { java -Xmx2g -jar "$JAR" --port "$PORT" --server-pid "$PID" "$@"; }
echo "== relay with 20 / 1,000 / 10,000 peers connected (10 pairs, window 16)"
for n in 0 980 9980; do run --peers $n --scenarios ramp,relay --pairs 10 --window 16 "$@"; done
echo "== ramp 10,000 at 500/s, RSS, broadcast, flood (restart the directory with default limits for this)"
run --peers 10000 --ramp-rate 500 --scenarios ramp,broadcast,flood "$@"
