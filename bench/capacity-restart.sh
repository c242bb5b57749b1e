#!/bin/bash
# A filled capacity stack: measure it at the size reached, stop and start it, kill -9 its database, verify every
# acknowledged application; prints the timings (bench/results/2026-11-29-capacity-23k-restart-timings.md).
cd "$(dirname "$0")/.."
D=${1:?usage: bench/capacity-restart.sh DATA_DIR (a stack started with ./tsbase up --free-ports --no-demo --data-dir DATA_DIR and filled by ./tsbase bench --seed)}
ts() { date +%s.%N; }
pkill -f "org.tsbase.bench.Bench --data-dir $D"; sleep 2
N=$(wc -l < $D/seed-capacity-acked.txt)
# MEASURE_BEFORE=0 skips the first measurement (the seeding run just measured at that size); MEASURE_OPTS are
# further options of both measurements (e.g. --score-wait 1m --settle 2m)
if [ "${MEASURE_BEFORE:-1}" = 1 ]; then
  echo "== measure at the size reached ($(date -u +%T)); acked log lines $N"
  TSBASE_SKIP_BUILD=1 ./tsbase bench --data-dir $D --seed 1 --label capacity-restart-$(date +%H%M) --out bench/results --read-duration 10s ${MEASURE_OPTS:-} > $D/capacity-measure.log 2>&1
  tail -25 $D/capacity-measure.log
fi
L=$(python3 -c "import json;print(json.load(open('$D/stack.json'))['pid'])")
APP_ID=$(grep SUBMITTED $D/seed-capacity-acked.txt | tail -1 | awk '{print $1}')
echo "== stop (launcher $L), sample $APP_ID, file $(du -m $D/mongo/tsbase.mv | cut -f1) MiB"
t0=$(ts); kill $L; while kill -0 $L 2>/dev/null; do sleep 0.2; done; t1=$(ts)
echo "stop took $(echo "$t1 - $t0" | bc) s"
(TSBASE_SERVICE_JAVA_OPTS="-Dtsbase.gateway.rate-limit.enabled=false" TSBASE_SKIP_BUILD=1 nohup ./tsbase up --free-ports --no-demo --data-dir $D > $D/capacity-restart-up.log 2>&1 &)
t2=$(ts)
until grep -q "Press Ctrl-C" $D/capacity-restart-up.log; do sleep 0.5; if grep -q "exited with code" $D/capacity-restart-up.log; then echo "START FAILED"; grep tsbase: $D/capacity-restart-up.log; exit 1; fi; done
t3=$(ts); echo "start until up: $(echo "$t3 - $t2" | bc) s"
grep -E "Opened|compacted" $D/logs/mongo.log | tail -2
APP=$(python3 -c "import json;print(json.load(open('$D/stack.json'))['services']['application-service']['url'])")
GW=$(python3 -c "import json;print(json.load(open('$D/stack.json'))['gateway'])")
T=$(python3 -c "import json;print(json.load(open('$D/dev-tokens.json'))['ADMIN'])")
for u in "$APP/api/applications/$APP_ID" "$GW/api/applications/$APP_ID"; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" $u)" = 200 ]; do sleep 0.5; done
  echo "first 200 from $u after $(echo "$(ts) - $t2" | bc) s"
done
M=$(python3 -c "import json;print(json.load(open('$D/stack.json'))['processes']['mongo']['pid'])")
t4=$(ts); kill -9 $M; echo "kill -9 mongo ($M)"
sleep 1
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $T" $APP/api/applications/$APP_ID)" = 200 ]; do sleep 0.5; done
echo "after kill -9 of the database: application-service answered 200 after $(echo "$(ts) - $t4" | bc) s"
grep -E "exited on its own|again" $D/capacity-restart-up.log | tail -3
echo "== verify every acknowledged application"
TSBASE_SKIP_BUILD=1 ./tsbase bench --data-dir $D --verify-acked $D/seed-capacity-acked.txt > $D/capacity-verify.log 2>&1; tail -5 $D/capacity-verify.log
echo "== measure again after the restart ($(date -u +%T))"
TSBASE_SKIP_BUILD=1 ./tsbase bench --data-dir $D --seed 1 --label capacity-after-restart-$(date +%H%M) --out bench/results --read-duration 10s ${MEASURE_OPTS:-} > $D/capacity-measure-after.log 2>&1
tail -25 $D/capacity-measure-after.log
echo "== done $(date -u +%T)"
