#!/usr/bin/env bash
# End-to-end test on a real single-machine cluster (not part of the default test run):
#
#   1. starts a Kafka broker (scripts/kafka-start.sh) and a Flink session cluster with two
#      TaskManagers (scripts/flink-start.sh), in run/e2e-cluster on ports of their own;
#   2. signs a trust bundle with a throw-away release key, checks that the cluster refuses the job
#      with a tampered module, then submits the verification job (scripts/submit.sh) with the
#      signed bundle and a freshly generated edge signing key;
#   3. runs a simulated gateway (real range proofs, some tampered, replayed and garbage records);
#   4. kill -9's a TaskManager that runs tasks while records flow, starts a new one, and measures
#      the recovery (failure noticed, all tasks running again, first checkpoint after it);
#   5. waits until the job consumed everything, then audits the outputs: every proofs record has
#      exactly one verdict or dead letter (read_committed), chains and signatures intact.
#
#   scripts/e2e-cluster.sh [--duration SECONDS] [--sensors N] [--rate R] [--keep | --stop]
#
#   --duration  how long the gateway publishes (default 90)
#   --sensors   simulated sensors (default 6)
#   --rate      proofs per second over all sensors (default 4; proving costs ~0.3 s per proof)
#   --keep      leave broker and cluster running afterwards (Kafka 127.0.0.1:19092, Flink
#               http://127.0.0.1:18081, Prometheus 19249-19259)
#   --stop      stop what a --keep run left running, and exit
#
# Exit 0 when the audit is clean and the job recovered; 1 otherwise. Logs in run/e2e-cluster.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Its own run directory and ports, so that it neither disturbs nor is disturbed by a cluster
# started by hand from this checkout.
export ZKEDGE_RUN_DIR="${ZKEDGE_RUN_DIR:-$root/run/e2e-cluster}"
export ZKEDGE_KAFKA_PORT="${ZKEDGE_KAFKA_PORT:-19092}"
export ZKEDGE_KAFKA_CONTROLLER_PORT="${ZKEDGE_KAFKA_CONTROLLER_PORT:-19093}"
export ZKEDGE_FLINK_REST_PORT="${ZKEDGE_FLINK_REST_PORT:-18081}"
export ZKEDGE_FLINK_RPC_PORT="${ZKEDGE_FLINK_RPC_PORT:-16123}"
export ZKEDGE_JM_METRICS_PORT="${ZKEDGE_JM_METRICS_PORT:-19249}"
export ZKEDGE_TM_METRICS_PORTS="${ZKEDGE_TM_METRICS_PORTS:-19250-19259}"
source "$root/scripts/lib/cluster-common.sh"

duration=90
sensors=6
rate=4
keep=false
while (($#)); do
  case "$1" in
    --duration) duration="${2:?}"; shift 2 ;;
    --sensors) sensors="${2:?}"; shift 2 ;;
    --rate) rate="${2:?}"; shift 2 ;;
    --keep) keep=true; shift ;;
    --stop) "$root/scripts/flink-stop.sh"; "$root/scripts/kafka-stop.sh"; exit 0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "$me: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$duration" =~ ^[0-9]+$ ]] && ((duration >= 30)) || { echo "$me: --duration must be at least 30 seconds" >&2; exit 2; }
command -v openssl >/dev/null || die "openssl is needed to generate the edge signing key"
command -v jq >/dev/null || die "jq is needed to read Flink's REST answers"

e2e="$run_dir/e2e"
now_ms() { date +%s%3N; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

gateway_pid=""
cleanup() {
  local rc=$?
  [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true
  if $keep; then
    say "left running (--keep): Kafka $kafka_bootstrap, Flink $flink_rest"
  else
    "$root/scripts/flink-stop.sh" >/dev/null 2>&1 || true
    "$root/scripts/kafka-stop.sh" >/dev/null 2>&1 || true
  fi
  exit "$rc"
}
trap cleanup EXIT

# --- a fresh start: stop what an earlier run left behind, then delete its data ---
"$root/scripts/flink-stop.sh" >/dev/null 2>&1 || true
"$root/scripts/kafka-stop.sh" >/dev/null 2>&1 || true
rm -rf "$run_dir"
mkdir -p "$e2e"

# --- build first, so that builds do not count against any timeout ---
say "building the CLI and the job jar if needed ..."
"$root/zkedge" --help >/dev/null
job_jar="$("$root/scripts/submit.sh" --build-only)"

# --- the edge node's signing key (PKCS#8 PEM; the auditor gets the public key) ---
openssl genpkey -algorithm ed25519 -out "$e2e/edge.pem" 2>/dev/null
openssl pkey -in "$e2e/edge.pem" -pubout -out "$e2e/edge.pub" 2>/dev/null

# --- the trust bundle: the shipped verifier module, signed by a release key made for this run ---
java -cp "$job_jar:$(cluster_classpath flink)" "$root/scripts/lib/cluster-sign-bundle.java" \
  "$root/verifiers/dist/zkedge_bulletproofs_verifier.wasm" "$e2e/bundle" "$e2e/trusted-keys" >/dev/null
# A copy whose module has one byte changed after signing: the job must not start with it.
cp -r "$e2e/bundle" "$e2e/tampered-bundle"
module="$e2e/tampered-bundle/modules/zkedge_bulletproofs_verifier.wasm"
printf '\x01' | dd of="$module" bs=1 seek=$(($(stat -c %s "$module") - 1)) conv=notrunc status=none

"$root/scripts/kafka-start.sh"
"$root/scripts/flink-start.sh" --taskmanagers 2

say "submitting with the tampered bundle: must be refused"
if "$root/scripts/submit.sh" --jar "$job_jar" -- --signing.key-path "$e2e/edge.pem" \
     --verifier.trust-bundle-dir "$e2e/tampered-bundle" --verifier.trusted-keys-dir "$e2e/trusted-keys" \
     >/dev/null 2>"$e2e/tampered-submit.log"; then
  die "the cluster accepted a job with a tampered verifier module"
fi
# Refused for the right reason: the manifest's SHA-256 does not match the module bytes.
grep -q 'UntrustedArtifactException.*DIGEST_MISMATCH' "$e2e/tampered-submit.log" \
  || { cat "$e2e/tampered-submit.log" >&2; die "the tampered bundle was refused, but not for its digest"; }
say "refused: $(grep -o 'DIGEST_MISMATCH.*' "$e2e/tampered-submit.log" | cut -c1-120)"

job_id="$("$root/scripts/submit.sh" --jar "$job_jar" --parallelism 2 -- \
  --signing.key-path "$e2e/edge.pem" \
  --verifier.trust-bundle-dir "$e2e/bundle" \
  --verifier.trusted-keys-dir "$e2e/trusted-keys" \
  --kafka.transactional-id-prefix "zkedge-e2e-$(date +%s)" \
  --checkpoint.interval "2 s" \
  --compliance.window-size "15 s" \
  --compliance.allowed-lateness "5 s")"

# --- the gateway: the one place that calls it ---
run_gateway() {
  "$root/zkedge" gateway --bootstrap-servers "$kafka_bootstrap" --sensors "$sensors" --rate "$rate" \
    --duration "${duration}s" --threads 2 --progress off \
    --tampered 0.03 --replay 0.02 --garbage 0.02 --out-of-order 0.02
}
say "gateway: $sensors sensors, $rate proofs/s, ${duration}s"
run_gateway >"$e2e/gateway.json" 2>"$e2e/gateway.log" &
gateway_pid=$!

job_json() { curl -fsS -m 5 "$flink_rest/jobs/$job_id" 2>/dev/null || echo '{}'; }
all_running() { job_json | jq -e '.state == "RUNNING" and ([.vertices[] | .tasks.RUNNING == .parallelism] | all)' >/dev/null; }
completed_checkpoints() { curl -fsS -m 5 "$flink_rest/jobs/$job_id/checkpoints" 2>/dev/null | jq -r '.counts.completed // 0'; }
# The end time (ms) of the newest completed checkpoint.
last_checkpoint_end() {
  curl -fsS -m 5 "$flink_rest/jobs/$job_id/checkpoints" 2>/dev/null \
    | jq -r '(.latest.completed // {}) | ((.trigger_timestamp // 0) + (.end_to_end_duration // 0))'
}
wait_for() {  # TIMEOUT WHAT CHECK...
  local timeout="$1" what="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@"; do
    ((SECONDS < deadline)) || die "timed out after ${timeout}s waiting for: $what"
    sleep 0.5
  done
}

# --- kill -9 a TaskManager that runs tasks, once records flow and checkpoints complete ---
checkpoints_since_start() { (($(completed_checkpoints) >= 3)); }
wait_for 120 "three completed checkpoints" checkpoints_since_start
sleep $((duration / 4))
victim=""
while read -r name; do
  # TaskManager ids are "<name>-<start time>" (flink-start.sh): find the one with busy slots.
  if curl -fsS -m 5 "$flink_rest/taskmanagers" | jq -e --arg n "$name-" \
       '.taskmanagers[] | select(.id | startswith($n)) | select(.freeSlots < .slotsNumber)' >/dev/null; then
    victim="$name"; break
  fi
done < <(recorded_processes flink-taskmanager-)
[[ -n "$victim" ]] || die "no TaskManager runs tasks"
victim_pid="$(running_pid "$victim")"
say "kill -9 $victim (pid $victim_pid) while the gateway publishes"
kill_ms=$(now_ms)
kill -9 "$victim_pid"
rm -f "$pid_dir/$victim.pid"

not_all_running() { ! all_running; }
wait_for 120 "the JobManager noticing the lost TaskManager" not_all_running
noticed_ms=$(now_ms)
# The replacement starts in the background: the job restarts on the surviving TaskManager's free
# slots without waiting for it (that is the recovery measured here).
"$root/scripts/flink-start.sh" --add-taskmanager >"$e2e/add-taskmanager.log" 2>&1 &
add_tm_pid=$!
wait_for 300 "all tasks running again" all_running
running_ms=$(now_ms)
checkpoint_after_kill() { (($(last_checkpoint_end) > running_ms)); }
wait_for 300 "a checkpoint after the recovery" checkpoint_after_kill
checkpoint_ms=$(now_ms)
say "recovered: failure noticed after $(seconds_between "$kill_ms" "$noticed_ms")s," \
    "all tasks running after $(seconds_between "$kill_ms" "$running_ms")s," \
    "first checkpoint after $(seconds_between "$kill_ms" "$checkpoint_ms")s"

wait "$add_tm_pid" || { cat "$e2e/add-taskmanager.log" >&2; die "the replacement TaskManager did not start"; }
say "replacement TaskManager registered: $(tail -n 1 "$e2e/add-taskmanager.log")"

# --- the gateway finishes; every record it sent must have been acknowledged ---
gateway_rc=0
wait "$gateway_pid" || gateway_rc=$?
gateway_pid=""
((gateway_rc == 0)) || { cat "$e2e/gateway.log" >&2; die "the gateway failed (exit $gateway_rc)"; }
say "gateway: $(cat "$e2e/gateway.json")"

# --- wait until the job has consumed and checkpointed every proofs record: its consumer group's
# offsets (committed on each completed checkpoint) reach the end of zkedge.proofs ---
kafka_cp="$(cluster_classpath kafka)"
group_lag() {
  java -cp "$kafka_cp" -Dlog4j2.configurationFile="$cluster_root/scripts/cluster-runtime/log4j2-tools.properties" \
    org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$kafka_bootstrap" \
    --describe --group zkedge-verification 2>/dev/null \
    | awk '$2 == "zkedge.proofs" { if ($6 == "-") { missing = 1 } else { lag += $6; n++ } }
           END { if (n == 0 || missing) print "unknown"; else print lag }'
}
caught_up() { [[ "$(group_lag)" == 0 ]]; }
wait_for 300 "the job to consume every proofs record" caught_up
# The offsets and the sinks' transactions are both committed when a checkpoint completes, in no
# fixed order: one more completed checkpoint, and a moment for Kafka's commit markers, make sure
# every answer is visible to read_committed readers before the audit reads up to the end.
caught_up_ms=$(now_ms)
checkpoint_after_catch_up() { (($(last_checkpoint_end) > caught_up_ms)); }
wait_for 120 "a checkpoint after the job caught up" checkpoint_after_catch_up
sleep 2
all_running || die "the job is not RUNNING after the test: $(job_json | jq -c '{state, vertices: [.vertices[].status]}')"

# --- the audit: the regulator's tool, with only the edge node's public key ---
audit_outputs() {
  local report_dir="$e2e/audit"
  mkdir -p "$report_dir"
  "$root/zkedge" audit --bootstrap-servers "$kafka_bootstrap" --public-key "$e2e/edge.pub" \
    --proofs-topic zkedge.proofs --dead-letter-topic zkedge.deadletter --await-stable 30s --report "$report_dir"
}
audit_rc=0
audit_outputs >"$e2e/audit.txt" || audit_rc=$?

# The REST metrics come from the JobManager's metric fetcher, which refreshes at most every 10 s
# and answers from its cache meanwhile (empty, or a value from before the kill): ask again for a
# while before concluding that the job never restarted.
restarts=0
for _ in $(seq 1 30); do
  restarts="$(curl -fsS -m 5 "$flink_rest/jobs/$job_id/metrics?get=numRestarts" | jq -r '.[0].value // 0')"
  ((restarts >= 1)) && break
  sleep 1
done
echo
echo "e2e-cluster figures"
echo "  records sent by the gateway  $(jq -r .sent "$e2e/gateway.json")"
echo "  job restarts                 $restarts (kill -9 of $victim)"
echo "  failure noticed after        $(seconds_between "$kill_ms" "$noticed_ms") s"
echo "  all tasks running after      $(seconds_between "$kill_ms" "$running_ms") s"
echo "  first checkpoint after       $(seconds_between "$kill_ms" "$checkpoint_ms") s"
sed 's/^/  /' "$e2e/audit.txt"
((restarts >= 1)) || die "the job never restarted: the TaskManager kill did not hit it"
((audit_rc == 0)) || die "the audit found problems (exit $audit_rc)"
say "PASSED"
