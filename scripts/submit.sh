#!/usr/bin/env bash
# Submits the verification job to the session cluster of scripts/flink-start.sh through Flink's
# REST API: builds the job jar (jobs/target, shaded) if it is missing or older than its sources,
# uploads it (POST /jars/upload), runs it (POST /jars/:id/run with the program arguments) and
# waits until the job and all its tasks are RUNNING. Prints the job id on stdout.
#
#   scripts/submit.sh [options] [--] JOB-ARGS...
#
#   --parallelism N     job parallelism (default 2; REST ignores parallelism.default)
#   --from PATH         start from a savepoint or retained checkpoint (a chk-N directory)
#   --jar FILE          submit this jar instead of building jobs/target/zkedge-jobs-*.jar
#   --timeout SECONDS   how long to wait for RUNNING (default 180)
#   --build-only        build the job jar if needed, print its path, submit nothing
#
# JOB-ARGS are the job's settings (docs/configuration.md), e.g.
#   scripts/submit.sh -- --signing.key-path run/keys/edge.pem --verifier.trust-bundle-dir B \
#                        --verifier.trusted-keys-dir K
# --kafka.bootstrap-servers defaults to the broker of scripts/kafka-start.sh (unless --config is given).
# Exit: 0 running, 1 submission or start failed, 2 usage error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster-common.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
parallelism=2
from=""
jar=""
timeout=180
build_only=false
while (($#)); do
  case "$1" in
    --parallelism) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "$me: --parallelism needs a positive number" >&2; exit 2; }
                   parallelism="$2"; shift 2 ;;
    --from) [[ -n "${2:-}" ]] || { echo "$me: --from needs a path" >&2; exit 2; }; from="$2"; shift 2 ;;
    --jar) [[ -f "${2:-}" ]] || { echo "$me: --jar needs an existing file" >&2; exit 2; }; jar="$2"; shift 2 ;;
    --timeout) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "$me: --timeout needs seconds" >&2; exit 2; }
               timeout="$2"; shift 2 ;;
    --build-only) build_only=true; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
job_args=("$@")
command -v jq >/dev/null || die "jq is needed to read Flink's REST answers (apt-get install jq)"
# The broker of kafka-start.sh, unless the arguments name one or a settings file (which may;
# a flag would override it).
if [[ " ${job_args[*]-} " != *" --kafka.bootstrap-servers "* && " ${job_args[*]-} " != *" --config "* ]]; then
  job_args=(--kafka.bootstrap-servers "$kafka_bootstrap" "${job_args[@]}")
fi

# --- the job jar ---
# The Maven modules the job jar is made of; extend when it grows.
job_modules=(schemas evidence verifier-host operators jobs)
job_jar() {
  find "$cluster_root/jobs/target" -maxdepth 1 -name 'zkedge-jobs-*.jar' \
    ! -name 'original-*' ! -name '*-tests.jar' -print -quit 2>/dev/null
}
jar_needs_build() {
  [[ -n "$(job_jar)" ]] || return 0
  local sources=("$cluster_root/pom.xml" "$cluster_root/verifiers/dist") module
  for module in "${job_modules[@]}"; do
    sources+=("$cluster_root/$module/pom.xml" "$cluster_root/$module/src/main")
  done
  [[ -n "$(find "${sources[@]}" -newer "$(job_jar)" -type f \
             \( -name pom.xml -o -name '*.java' -o -name '*.wasm' -o -name '*.avsc' -o -path '*/resources/*' \) \
             -print -quit 2>/dev/null || true)" ]]
}
if [[ -z "$jar" ]]; then
  if jar_needs_build; then
    say "building the job jar (mvn package -pl jobs -am) ..."
    maven_quiet "$cluster_root" -DskipTests package -pl jobs -am || die "the build failed (see above)"
  fi
  jar="$(job_jar)"
fi
if $build_only; then
  echo "$jar"
  exit 0
fi

curl -fsS -m 5 "$flink_rest/overview" >/dev/null 2>&1 || die "no Flink cluster answers on $flink_rest (scripts/flink-start.sh)"

# Flink answers errors as {"errors": [...]}, often a whole stack trace: show its last cause.
rest_error() {
  jq -r '.errors // [] | .[]' 2>/dev/null <<<"$1" | grep -E '^(Caused by: |[a-z]+\.[A-Za-z.]+(Exception|Error): )' \
    | tail -n 1 | sed 's/^Caused by: //' || true
}

# --- upload ---
say "uploading $(basename "$jar")"
answer="$(curl -sS -m 120 -X POST -H 'Expect:' -F "jarfile=@$jar" "$flink_rest/jars/upload")"
[[ "$(jq -r '.status // empty' <<<"$answer")" == success ]] || die "upload failed: $answer"
jar_id="$(basename "$(jq -r .filename <<<"$answer")")"

# --- run ---
request="$(jq -n --argjson p "$parallelism" --arg from "$from" '$ARGS.positional as $a
  | {programArgsList: $a, parallelism: $p}
  + (if $from == "" then {} else {savepointPath: $from} end)' --args -- "${job_args[@]}")"
say "running $jar_id with parallelism $parallelism: ${job_args[*]}"
answer="$(curl -sS -m 300 -X POST -H 'Content-Type: application/json' -d "$request" "$flink_rest/jars/$jar_id/run")"
job_id="$(jq -r '.jobid // empty' <<<"$answer")"
if [[ -z "$job_id" ]]; then
  reason="$(rest_error "$answer")"
  die "the job did not start: ${reason:-$answer}"
fi
say "submitted job $job_id"

# --- wait until RUNNING (the job, and every task of every vertex) ---
deadline=$((SECONDS + timeout))
while :; do
  details="$(curl -fsS -m 5 "$flink_rest/jobs/$job_id" 2>/dev/null || true)"
  state="$(jq -r '.state // "UNKNOWN"' <<<"$details" 2>/dev/null || echo UNKNOWN)"
  case "$state" in
    FAILED|CANCELED|FINISHED)
      reason="$(curl -fsS -m 5 "$flink_rest/jobs/$job_id/exceptions" 2>/dev/null | jq -r '."root-exception" // empty' | head -n 1)"
      die "job $job_id is $state${reason:+: $reason}" ;;
  esac
  if [[ "$state" == RUNNING ]] \
     && jq -e '[.vertices[] | .tasks.RUNNING == .parallelism] | all' <<<"$details" >/dev/null 2>&1; then
    break
  fi
  ((SECONDS < deadline)) || die "job $job_id is $state, not RUNNING, after ${timeout}s"
  sleep 1
done
say "job $job_id is RUNNING ($flink_rest/#/job/running/$job_id)"
echo "$job_id"
