# Sourced by scripts/demo.sh and scripts/bench-pipeline.sh: both run a main class from the demo
# module's class path (demo/target/classpath.txt; no fat jar), built first when it is missing or
# older than its sources (the first build downloads Flink and Kafka from Maven Central).
#
#   ensure_demo_built "what-is-building"   build the demo module if needed (exit 3 if it fails)
#   run_demo_main LOG_FILE MAIN_CLASS ARGS   exec MAIN_CLASS with demo/jvm.options, logs to LOG_FILE

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/scripts/lib/maven-quiet.sh"
cpfile="$root/demo/target/classpath.txt"
# The Maven modules the demo is made of; extend when it grows.
modules=(schemas evidence verifier-host embedded gateway operators jobs demo)

demo_jar() {
  find "$root/demo/target" -maxdepth 1 -name 'zkedge-demo-*.jar' ! -name '*-tests.jar' -print -quit 2>/dev/null
}

demo_needs_build() {
  [[ -f "$cpfile" && -n "$(demo_jar)" ]] || return 0
  # A jar of the class path is gone (mvn clean in a module).
  local entry
  while IFS= read -r -d ':' entry; do
    [[ -e "$entry" ]] || return 0
  done < <(printf '%s:' "$(cat "$cpfile")")
  # Anything the demo is made from that changed after it was built. Compared with the jar, which
  # every package rewrites; classpath.txt keeps its old time when its content is unchanged.
  local sources=("$root/pom.xml" "$root/verifiers/dist") module newer
  for module in "${modules[@]}"; do
    sources+=("$root/$module/pom.xml" "$root/$module/src/main")
  done
  sources+=("$root/demo/jvm.options")
  newer="$(find "${sources[@]}" -newer "$(demo_jar)" -type f \
             \( -name pom.xml -o -name '*.java' -o -name '*.wasm' -o -name '*.avsc' -o -name jvm.options \
                -o -path '*/resources/*' \) -print -quit 2>/dev/null || true)"
  [[ -n "$newer" ]]
}

ensure_demo_built() {
  local who="$1"
  demo_needs_build || return 0
  echo "$who: building the demo module (the first time this downloads Flink and Kafka, a few minutes) ..." >&2
  if ! maven_quiet "$root" -DskipTests package -pl demo -am; then
    echo "$who: the build failed (see above)" >&2
    exit 3
  fi
}

run_demo_main() {
  local log_file="$1" main="$2"
  shift 2
  mkdir -p "$(dirname "$log_file")"
  exec java @"$root/demo/jvm.options" -Dzkedge.demo.log="$log_file" \
    -cp "$(cat "$cpfile"):$(demo_jar)" "$main" "$@"
}
