# Sourced by the other scripts here, from the repository root: unpacks devicepack/pack.tar.xz (.NET, PostgreSQL 15 and
# the libraries the lent machine lacks) to /tmp/p and puts its .NET on the PATH. `start_postgres` then starts the
# throwaway server of tests/postgres-up.sh on port 54339, exporting HONE_TEST_POSTGRES, and sets PID to its postmaster.
mkdir -p /tmp/p && tar xJf devicepack/pack.tar.xz -C /tmp/p && chmod -R a+rX /tmp/p
export LD_LIBRARY_PATH=/tmp/p/libs DOTNET_ROOT=/tmp/p/dotnet PATH=/tmp/p/dotnet:$PATH DOTNET_CLI_TELEMETRY_OPTOUT=1

start_postgres() {
  id postgres >/dev/null 2>&1 || useradd -r -M postgres
  export HONE_PG_BIN=/tmp/p/x/usr/lib/postgresql/15/bin HONE_PG_PORT=54339 HONE_PG_DIR=/tmp/pgdata
  eval "$(tests/postgres-up.sh)"
  PID=$(head -n 1 "$HONE_PG_DIR/postmaster.pid")
}
