#!/usr/bin/env bash
# Installs, builds and serves every fixture on the host, checks each app's
# HTTP answer, then removes node_modules and dist again.
#
#   PNPM9=... PNPM10=... PNPM11=... PNPM12=... testdata/verify-fixtures.sh
#
# Each PNPMn names a pnpm binary of that major (pnpm 11 needs Node >= 22.13
# on PATH when it runs). Fixtures without a per-major name use PNPM10.
set -euo pipefail
cd "$(dirname "$0")"
fail=0

clean() { find "$1" \( -name node_modules -o -name dist \) -type d -prune -exec rm -rf {} +; }

# check FIXTURE PNPM APPDIR PORT EXPECTED
check() {
  local fx=$1 pnpm=$2 app=$3 port=$4 want=$5 got="" pid
  (cd "$fx/$app" && exec setsid "$pnpm" start) >/tmp/verify-fixture.log 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do
    got=$(curl -s --max-time 1 "http://127.0.0.1:$port/" || true)
    [ -n "$got" ] && break
    sleep 0.2
  done
  kill -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$got" = "$want" ]; then
    echo "ok   $fx/$app :$port $got"
  else
    echo "FAIL $fx/$app :$port got '$got' want '$want'"
    cat /tmp/verify-fixture.log
    fail=1
  fi
}

# fixture NAME PNPM then APP PORT EXPECTED triples
fixture() {
  local fx=$1 pnpm=$2
  shift 2
  clean "$fx"
  (cd "$fx" && "$pnpm" install --frozen-lockfile >/dev/null && "$pnpm" -r build >/dev/null)
  while [ $# -gt 0 ]; do
    check "$fx" "$pnpm" "$1" "$2" "$3"
    shift 3
  done
  clean "$fx"
}

fixture single "$PNPM10" . 8000 "single: 2 days"
fixture monorepo "$PNPM10" \
  packages/app1 8000 "app1 common-v1 1 minute" \
  packages/app2 8001 "app2 common-v1 hello-world"
fixture catalogs "$PNPM10" packages/app 8000 "catalogs lib 1h 2s catalog-protocol"
fixture nested-globs "$PNPM10" \
  apps/web 8000 "web core-v1 1s" \
  apps/admin/dashboard 8001 "dashboard core-v1 util(core-v1)" \
  apps/internal/jobs/worker 8002 "worker util(core-v1)"
fixture injected "$PNPM10" \
  packages/app1 8000 "app1 common-v1 ms@2.1.3" \
  packages/app2 8001 "app2 common-v1 ms@2.1.2"
fixture realistic "$PNPM10" \
  apps/api 3001 "api logger@1.2.0 ok" \
  apps/admin 3002 "<!doctype html><html><head><meta charset=\"utf-8\"><title>admin</title></head><body><h1>admin</h1><ul><li>ui@0.4.0</li><li>logger@1.2.0</li></ul></body></html>"
for m in 9 10 11 12; do
  var=PNPM$m
  fixture "pnpm$m" "${!var}" packages/app 8000 "app common-pnpm$m 1s"
done
[ "$fail" = 0 ] && echo "all fixtures ok"
exit "$fail"
