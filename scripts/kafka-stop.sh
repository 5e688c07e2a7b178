#!/usr/bin/env bash
# Stops the broker that scripts/kafka-start.sh started (its PID in run/pids/kafka.pid, and only
# if that process is still the one it started): SIGTERM, which lets Kafka close its logs
# cleanly, then SIGKILL after 60 s.
#
#   scripts/kafka-stop.sh                 keeps run/kafka/data (topics survive a restart)
#   scripts/kafka-stop.sh --delete-data   also deletes run/kafka (a fresh broker next time)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster-common.sh"

delete_data=false
for arg in "$@"; do
  case "$arg" in
    --delete-data) delete_data=true ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "$me: unknown option $arg" >&2; exit 2 ;;
  esac
done

stop_process kafka 60 || say "not running"
if $delete_data; then
  rm -rf "$run_dir/kafka"
  say "deleted $run_dir/kafka"
fi
