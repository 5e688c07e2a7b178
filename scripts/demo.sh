#!/usr/bin/env bash
# ./zkedge demo [--flag value ...]: the embedded demo (Kafka broker, Flink MiniCluster with web UI
# and Prometheus metrics, the verification job, a simulated gateway) in one JVM; --help lists the
# flags. Builds the demo module first when it is missing or older than its sources (the first
# build downloads Flink and Kafka from Maven Central), then runs io.zkedge.demo.DemoMain from the
# module's class path (demo/target/classpath.txt; no fat jar). Logs go to run/demo/demo.log.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cpfile="$root/demo/target/classpath.txt"
# The Maven modules the demo is made of; extend when it grows.
modules=(schemas evidence verifier-host embedded gateway operators jobs demo)

demo_jar() {
  find "$root/demo/target" -maxdepth 1 -name 'zkedge-demo-*.jar' ! -name '*-tests.jar' -print -quit 2>/dev/null
}

needs_build() {
  [[ -f "$cpfile" && -n "$(demo_jar)" ]] || return 0
  # A jar of the class path is gone (mvn clean in a module).
  local entry
  while IFS= read -r -d ':' entry; do
    [[ -e "$entry" ]] || return 0
  done < <(printf '%s:' "$(cat "$cpfile")")
  # Anything the demo is made from that changed after it was built.
  local sources=("$root/pom.xml" "$root/verifiers/dist") module newer
  for module in "${modules[@]}"; do
    sources+=("$root/$module/pom.xml" "$root/$module/src/main")
  done
  sources+=("$root/demo/jvm.options")
  newer="$(find "${sources[@]}" -newer "$cpfile" -type f \
             \( -name pom.xml -o -name '*.java' -o -name '*.wasm' -o -name '*.avsc' -o -name jvm.options \
                -o -path '*/resources/*' \) -print -quit 2>/dev/null || true)"
  [[ -n "$newer" ]]
}

if needs_build; then
  echo "zkedge demo: building the demo (the first time this downloads Flink and Kafka, a few minutes) ..." >&2
  log="$(mktemp "${TMPDIR:-/tmp}/zkedge-demo-build.XXXXXX")"
  if ! (cd "$root" && mvn -q -B -DskipTests package -pl demo -am) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "zkedge demo: the build failed (see above)" >&2
    exit 3
  fi
  rm -f "$log"
fi

mkdir -p "$root/run/demo"
exec java @"$root/demo/jvm.options" -Dzkedge.demo.log="$root/run/demo/demo.log" \
  -cp "$(cat "$cpfile"):$(demo_jar)" io.zkedge.demo.DemoMain "$@"
