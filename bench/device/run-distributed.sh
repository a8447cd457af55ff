#!/usr/bin/env bash
# Runs Hone's PostgreSQL throughput and flatness benchmarks on the lent 16-core machine (Ubuntu 24.04, no .NET or
# PostgreSQL there), from the repository root, with devicepack/ carried (an ignored folder):
#   devicepack/pack.tar.xz  this machine's /usr/share/dotnet (dotnet, host/, shared/Microsoft.NETCore.App), its
#                           PostgreSQL 15 under x/usr/lib/postgresql/15 and x/usr/share/postgresql/15 (llvmjit.so,
#                           the bitcode, the manual pages and all programs but initdb, pg_ctl, postgres, psql,
#                           createdb and pg_isready left out, to stay under the 64 MiB carry limit), and in libs/ the libraries Ubuntu 24.04 lacks (libicu*.so.72,
#                           libldap-2.5, liblber-2.5, libpq.so.5);
#   devicepack/bench        bench/Hone.Bench/bin/Release/net10.0 without the other platforms' runtimes/, *.pdb, *.xml.
# Results go to $OUT/distributed-device.jsonl; bench/peers/summarize_distributed.py prints the tables.
# Settings: ROUNDS ("1 2"), RANDOM_TRIALS (5000), TPE_TRIALS (400), FLAT (worker counts of 100,000-trial studies).
set -euo pipefail
source bench/device/setup.sh
start_postgres
O=$OUT/distributed-device.jsonl
printf '{"bench":"context","date":"%s","software":".NET runtime 10.0.12","settings":"ROUNDS=%s RANDOM_TRIALS=%s TPE_TRIALS=%s FLAT=%s","machine":"%s cores, %s","postgres":"15 (throwaway server: fsync=off, synchronous_commit=off)"}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${ROUNDS:-1 2}" "${RANDOM_TRIALS:-5000}" "${TPE_TRIALS:-400}" "${FLAT:-}" "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" > "$O"
one() {
  printf '{"bench":"load","load1":%s}\n' "$(cut -d' ' -f1 /proc/loadavg)" >> "$O"
  dotnet devicepack/bench/Hone.Bench.dll throughput --storage postgres --url "$HONE_TEST_POSTGRES" --server-pid "$PID" "$@" >> "$O" 2>>"$OUT/errors.txt" || echo "failed: $*" >> "$OUT/errors.txt"
}
for round in ${ROUNDS:-1 2}; do
  for w in 1 2 4 8; do
    one --sampler random --processes "$w" --trials "${RANDOM_TRIALS:-5000}"
    one --sampler tpe --processes "$w" --trials "${TPE_TRIALS:-400}"
  done
done
if [[ -n "${FLAT:-}" ]]; then
  for w in $FLAT; do
    one --sampler random --processes "$w" --trials 100000 --marks 1000,10000,50000,100000 --window 500
  done
fi
tests/postgres-up.sh stop || true
