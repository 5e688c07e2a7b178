#!/usr/bin/env bash
# Stops what scripts/flink-start.sh started (PIDs in run/pids/flink-*.pid; only processes that
# still carry its marker): the TaskManagers first, then the JobManager. Running jobs are not
# cancelled: with the session cluster gone they stop, and their retained checkpoints stay in
# run/flink/checkpoints (resume with scripts/submit.sh --from CHECKPOINT_DIR).
#
#   scripts/flink-stop.sh                          everything
#   scripts/flink-stop.sh --taskmanager NAME       one TaskManager (e.g. flink-taskmanager-2)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster-common.sh"

only=""
while (($#)); do
  case "$1" in
    --taskmanager) [[ -n "${2:-}" ]] || { echo "$me: --taskmanager needs a name" >&2; exit 2; }; only="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "$me: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -n "$only" ]]; then
  [[ "$only" == flink-taskmanager-* ]] || { echo "$me: not a TaskManager name: $only" >&2; exit 2; }
  stop_process "$only" 30 || say "$only is not running"
  exit 0
fi

stopped=0
while read -r name; do
  [[ -n "$name" ]] || continue
  stop_process "$name" 30 && stopped=$((stopped + 1))
done < <(recorded_processes flink-taskmanager-)
stop_process flink-jobmanager 30 && stopped=$((stopped + 1))
((stopped > 0)) || say "not running"
