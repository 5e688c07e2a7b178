#!/usr/bin/env bash
# Starts a Flink 2.2 standalone session cluster on 127.0.0.1 as separate JVMs: one JobManager
# (StandaloneSessionClusterEntrypoint) and N TaskManagers (TaskManagerRunner), from Flink jars
# resolved from Maven Central (flink-dist is not published there), configured by flink-conf/.
# Waits until the REST API answers and the TaskManagers have registered.
# Logs: run/flink/log/<process>.log; PIDs: run/pids/flink-*.pid; checkpoints: run/flink/checkpoints.
#
#   scripts/flink-start.sh                     JobManager + 1 TaskManager (what is not running)
#   scripts/flink-start.sh --taskmanagers 2    JobManager + 2 TaskManagers
#   scripts/flink-start.sh --add-taskmanager   one more TaskManager (e.g. to replace a lost one)
#
# Ports: REST/web UI ZKEDGE_FLINK_REST_PORT (8081), RPC ZKEDGE_FLINK_RPC_PORT (6123), Prometheus
# ZKEDGE_JM_METRICS_PORT (9249) and ZKEDGE_TM_METRICS_PORTS (9250-9259). Stop: scripts/flink-stop.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster-common.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
want_tms=1
add_tm=false
while (($#)); do
  case "$1" in
    --taskmanagers)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "$me: --taskmanagers needs a positive number" >&2; exit 2; }
      want_tms="$2"; shift 2 ;;
    --add-taskmanager) add_tm=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "$me: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

conf_dir="${ZKEDGE_FLINK_CONF_DIR:-$cluster_root/flink-conf}"
flink_dir="$run_dir/flink"
ready_timeout="${ZKEDGE_FLINK_READY_TIMEOUT:-120}"
mkdir -p "$flink_dir/log" "$flink_dir/checkpoints" "$flink_dir/savepoints" "$flink_dir/tmp" "$flink_dir/web" "$flink_dir/plugins"
cp="$(cluster_classpath flink)"

# What depends on this machine, as dynamic properties on top of flink-conf/config.yaml.
dynamic=(
  -D "execution.checkpointing.dir=file://$flink_dir/checkpoints"
  -D "execution.checkpointing.savepoint-dir=file://$flink_dir/savepoints"
  -D "io.tmp.dirs=$flink_dir/tmp"
  -D "web.tmpdir=$flink_dir/web"
  -D "web.upload.dir=$flink_dir/web/upload"
  -D "rest.port=$flink_rest_port"
  -D "jobmanager.rpc.port=$flink_rpc_port"
)

# The JVM options and -D memory settings Flink derives from the configuration (what flink-dist's
# scripts do): line "BASH_JAVA_UTILS_EXEC_RESULT:<jvm options>", then one with the -D settings.
memory_params() {
  local what="$1" out
  out="$(java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$what" --configDir "$conf_dir" \
           "${dynamic[@]}" 2>&1)" || { echo "$out" >&2; die "invalid memory configuration in $conf_dir"; }
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

# Starts process $1 (main class $2, process log name $3) with the extra dynamic properties "$4...".
start_flink_process() {
  local name="$1" main="$2" kind="$3" params jvm_opts memory_props
  shift 3
  params="$(memory_params "$kind")"
  jvm_opts="$(sed -n 1p <<<"$params")"
  memory_props="$(sed -n 2p <<<"$params")"
  : >>"$flink_dir/log/$name.log"
  # shellcheck disable=SC2086 # jvm_opts and memory_props are lists of flags
  # FLINK_PLUGINS_DIR: an empty plugins/ of our own, not one relative to the caller's directory.
  start_process "$name" "$flink_dir/log/$name.out" env FLINK_PLUGINS_DIR="$flink_dir/plugins" \
    java @"$conf_dir/jvm.options" $jvm_opts "$(process_marker "$name")" \
    -Dlog.file="$flink_dir/log/$name.log" \
    -Dlog4j.configurationFile="$conf_dir/log4j.properties" \
    -Dlog4j2.configurationFile="$conf_dir/log4j.properties" \
    -cp "$cp" "$main" --configDir "$conf_dir" "${dynamic[@]}" $memory_props "$@"
}

rest_answers() { curl -fsS -m 2 "$flink_rest/overview" >/dev/null 2>&1; }
registered_tms() { curl -fsS -m 2 "$flink_rest/overview" 2>/dev/null | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p'; }
running_tms() { recorded_processes flink-taskmanager- | while read -r n; do running_pid "$n" >/dev/null && echo "$n"; done | wc -l; }

# --- JobManager ---
started=$SECONDS
if pid="$(running_pid flink-jobmanager)"; then
  say "JobManager already running (pid $pid), REST $flink_rest"
else
  port_open "$flink_rest_port" && die "port $flink_rest_port is taken by another process; set ZKEDGE_FLINK_REST_PORT"
  port_open "$flink_rpc_port" && die "port $flink_rpc_port is taken by another process; set ZKEDGE_FLINK_RPC_PORT"
  say "starting the JobManager (log: $flink_dir/log/flink-jobmanager.log)"
  start_flink_process flink-jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    GET_JM_RESOURCE_PARAMS -D "metrics.reporter.prom.port=$jm_metrics_port"
  if ! wait_until flink-jobmanager "$ready_timeout" rest_answers; then
    tail -n 40 "$flink_dir/log/flink-jobmanager.log" "$flink_dir/log/flink-jobmanager.out" >&2 || true
    stop_process flink-jobmanager 10 >/dev/null 2>&1 || true
    die "the JobManager did not answer on $flink_rest within ${ready_timeout}s"
  fi
  say "JobManager ready in $((SECONDS - started))s (pid $(running_pid flink-jobmanager)), REST $flink_rest"
fi

# --- TaskManagers ---
have="$(running_tms)"
if $add_tm; then
  start_count=1
  want_tms=$((have + 1))
else
  start_count=$((want_tms - have))
fi
if ((start_count <= 0)); then
  say "$have TaskManager(s) already running"
  exit 0
fi
next_index=1
for ((i = 0; i < start_count; i++)); do
  while running_pid "flink-taskmanager-$next_index" >/dev/null; do next_index=$((next_index + 1)); done
  name="flink-taskmanager-$next_index"
  say "starting $name (log: $flink_dir/log/$name.log)"
  start_flink_process "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D "metrics.reporter.prom.port=$tm_metrics_ports" -D "taskmanager.resource-id=$name-$(date +%s)"
  next_index=$((next_index + 1))
done

# Ready when the JobManager counts as many TaskManagers as are running (a killed one drops out of
# the count once its heartbeat times out; until then it may be counted, so wait for at least
# the number we want).
tms_registered() { local n; n="$(registered_tms)"; [[ -n "$n" ]] && ((n >= want_tms)); }
started=$SECONDS
if ! wait_until flink-jobmanager "$ready_timeout" tms_registered; then
  die "only $(registered_tms) of $want_tms TaskManagers registered within ${ready_timeout}s (see $flink_dir/log)"
fi
say "$want_tms TaskManager(s) registered ($((SECONDS - started))s); web UI $flink_rest"
