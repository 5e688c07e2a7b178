# Sourced by scripts: maven_quiet ARGS... runs `mvn -q -B -ntp ARGS` in the project root and shows
# Maven's output only if it fails (then returns its exit code).
maven_quiet() {
  local log rc=0
  log="$(mktemp "${TMPDIR:-/tmp}/zkedge-mvn.XXXXXX")"
  (cd "$root" && mvn -q -B -ntp "$@") >"$log" 2>&1 || rc=$?
  ((rc == 0)) || cat "$log" >&2
  rm -f "$log"
  return "$rc"
}
