# Sourced by the single-machine cluster scripts (kafka-start.sh, kafka-stop.sh, flink-start.sh,
# flink-stop.sh, submit.sh, e2e-cluster.sh): where things live, the class paths resolved from
# Maven Central, and the bookkeeping of the processes the scripts start.
#
# Every process started here carries -Dzkedge.process=<name>@<run dir> on its command line and
# has its PID in run/pids/<name>.pid. A PID counts as ours only while /proc/<pid>/cmdline still
# holds that marker, so a stale file (reboot, reused PID) never makes us signal a stranger.
#
# Settings (environment):
#   ZKEDGE_RUN_DIR                 run/ of this checkout: data, logs, PIDs (default <repo>/run)
#   ZKEDGE_KAFKA_PORT              broker listener (default 9092)
#   ZKEDGE_KAFKA_CONTROLLER_PORT   KRaft controller listener (default 9093)
#   ZKEDGE_FLINK_REST_PORT         Flink REST API and web UI (default 8081)
#   ZKEDGE_FLINK_RPC_PORT          JobManager RPC (default 6123)
#   ZKEDGE_JM_METRICS_PORT         JobManager Prometheus reporter (default 9249)
#   ZKEDGE_TM_METRICS_PORTS        TaskManager Prometheus reporter range (default 9250-9259)

cluster_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$cluster_root/scripts/lib/maven-quiet.sh"
run_dir="${ZKEDGE_RUN_DIR:-$cluster_root/run}"
pid_dir="$run_dir/pids"
kafka_port="${ZKEDGE_KAFKA_PORT:-9092}"
kafka_controller_port="${ZKEDGE_KAFKA_CONTROLLER_PORT:-9093}"
kafka_bootstrap="127.0.0.1:$kafka_port"
flink_rest_port="${ZKEDGE_FLINK_REST_PORT:-8081}"
flink_rpc_port="${ZKEDGE_FLINK_RPC_PORT:-6123}"
flink_rest="http://127.0.0.1:$flink_rest_port"
jm_metrics_port="${ZKEDGE_JM_METRICS_PORT:-9249}"
tm_metrics_ports="${ZKEDGE_TM_METRICS_PORTS:-9250-9259}"
# The name the messages of the sourcing script start with.
me="$(basename "$0" .sh)"

say() { echo "$me: $*" >&2; }
die() { echo "$me: $*" >&2; exit 1; }

# The class path of profile kafka or flink of scripts/cluster-runtime/pom.xml, resolved once (the
# first time downloads from Maven Central) and again when the POM changes.
cluster_classpath() {
  local profile="$1" pom="$cluster_root/scripts/cluster-runtime/pom.xml"
  # Kept in the checkout's run/ whatever ZKEDGE_RUN_DIR is: the same for every run directory.
  local file="$cluster_root/run/classpath/$profile.txt"
  if [[ ! -s "$file" || "$pom" -nt "$file" ]] || ! classpath_complete "$file"; then
    mkdir -p "$cluster_root/run/classpath"
    say "resolving the $profile class path from Maven (first time: a download) ..."
    if ! maven_quiet "$cluster_root" -f "$pom" -P "$profile" dependency:build-classpath -Dmdep.outputFile="$file"; then
      rm -f "$file"
      die "could not resolve the $profile class path (see above)"
    fi
  fi
  cat "$file"
}

classpath_complete() {
  local entry
  while IFS= read -r -d ':' entry; do
    [[ -e "$entry" ]] || return 1
  done < <(printf '%s:' "$(cat "$1")")
}

# The marker a process named $1 carries on its command line.
process_marker() { echo "-Dzkedge.process=$1@$run_dir"; }

# Prints the PID of process $1 if it is running and is the one we started; fails otherwise.
running_pid() {
  local file="$pid_dir/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  # grep without -q reads to the end: with -q it may quit early, and under pipefail tr's SIGPIPE
  # (the class path makes the command line long) would count as "not ours".
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -xF -- "$(process_marker "$1")" >/dev/null || return 1
  echo "$pid"
}

# Names of the recorded processes whose name starts with $1 (e.g. flink-taskmanager-).
recorded_processes() {
  local file
  for file in "$pid_dir/$1"*.pid; do
    [[ -e "$file" ]] && basename "$file" .pid
  done
  return 0
}

# Starts "$@" in the background as process $1 (the rest: java and its arguments, which must
# include the marker), stdout/stderr to $2, and records its PID.
start_process() {
  local name="$1" out="$2"
  shift 2
  mkdir -p "$pid_dir" "$(dirname "$out")"
  # setsid: the process outlives this script and the terminal it ran in.
  setsid "$@" >>"$out" 2>&1 </dev/null &
  echo $! >"$pid_dir/$name.pid"
}

# True once something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until check "$3..." succeeds, at most $2 seconds, while process $1 lives.
wait_until() {
  local name="$1" timeout="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@"; do
    running_pid "$name" >/dev/null || return 2
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Stops process $1: SIGTERM, then SIGKILL after $2 seconds. Only if it is ours (see above).
stop_process() {
  local name="$1" grace="${2:-30}" pid deadline
  if ! pid="$(running_pid "$name")"; then
    rm -f "$pid_dir/$name.pid"
    return 1
  fi
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop within ${grace}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_dir/$name.pid"
  say "stopped $name (pid $pid)"
}
