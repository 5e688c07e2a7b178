# Sourced by scripts: maven_quiet DIR ARGS... runs `mvn -q -B -ntp ARGS` in DIR and shows Maven's
# output only if it fails (then returns its exit code).
maven_quiet() {
  local dir="$1" log rc=0
  shift
  log="$(mktemp "${TMPDIR:-/tmp}/zkedge-mvn.XXXXXX")"
  (cd "$dir" && mvn -q -B -ntp "$@") >"$log" 2>&1 || rc=$?
  ((rc == 0)) || cat "$log" >&2
  rm -f "$log"
  return "$rc"
}
