#!/bin/sh
# Benchmark of the embedded regtest node (run by hand, not in CI):
#   block of 1,000 P2WPKH spends (validate + mine) and listunspent on a 10,000-address wallet.
# Usage: jm-chain/bench.sh [SPENDS] [ADDRESSES]
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl jm-chain -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/jm-chain/target/bench.cp" -Dmdep.includeScope=test
exec java -cp "jm-chain/target/test-classes:jm-chain/target/classes:$(cat jm-chain/target/bench.cp)" \
  jm.chain.regtest.RegtestBench "$@"
