#!/usr/bin/env bash
# Where a PostgreSQL worker's trial time goes on the lent 16-core machine: while a throughput run of random trials is
# going, samples every client backend's wait event, state and statement from pg_stat_activity, as fast as psql allows.
# Needs devicepack/ as run-distributed.sh describes it (pack.tar.xz must hold psql beside initdb, pg_ctl and postgres).
# Results: $OUT/run-W.json (the throughput line) and $OUT/waits-W.txt (one sampled backend a line).
# Settings: WORKERS ("8 1"), TRIALS (40000).
set -euo pipefail
source bench/device/setup.sh
start_postgres
PSQL="$HONE_PG_BIN/psql -h 127.0.0.1 -p 54339 -U hone -d postgres -Atq"
for w in ${WORKERS:-8 1}; do
  dotnet devicepack/bench/Hone.Bench.dll throughput --storage postgres --url "$HONE_TEST_POSTGRES" --server-pid "$PID" --sampler random --processes $w --trials ${TRIALS:-40000} > $OUT/run-$w.json 2>>$OUT/errors.txt &
  bp=$!
  while kill -0 $bp 2>/dev/null; do $PSQL -c "select coalesce(wait_event_type,'CPU')||':'||coalesce(wait_event,'-')||' | '||state||' | '||left(regexp_replace(query,'\s+',' ','g'),70) from pg_stat_activity where backend_type='client backend' and pid<>pg_backend_pid()" >> $OUT/waits-$w.txt 2>>$OUT/errors.txt || true; done
  wait $bp
done
tests/postgres-up.sh stop || true
