#!/usr/bin/env bash
# Renders an audit report (audit.html of a tampered, job-signed verdict stream) in Debian's
# headless Chromium and checks the screenshot: the PNG must have the page's size, a real amount
# of drawn content, the red FAIL header and the green/red compliance windows
# (audit/src/test/java/io/zkedge/audit/AuditReportScreenshotTest.java). Installs chromium with
# apt-get when it is missing. Usage: scripts/audit-screenshot.sh [OUT_DIR]   (default target/audit-screenshot)
# Leaves OUT_DIR/audit.html, audit.json and audit.png.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/target/audit-screenshot}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    echo "== installing chromium (apt-get)"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
echo "== $(chromium --version 2>/dev/null || chromium-browser --version)"

echo "== rendering the report and checking the screenshot"
cd "$root"
rm -f "$out/audit.png"
mvn -B -ntp -q -pl audit -am test -Dtest=AuditReportScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dzkedge.audit.screenshotDir="$out"
report="$root/audit/target/surefire-reports/io.zkedge.audit.AuditReportScreenshotTest.txt"
if ! grep -q "Tests run: 1, Failures: 0, Errors: 0, Skipped: 0" "$report"; then
    cat "$report"
    echo "FAIL: the screenshot test did not run and pass" >&2
    exit 1
fi
[ -s "$out/audit.png" ] || { echo "FAIL: no $out/audit.png" >&2; exit 1; }
echo "OK: $out/audit.png ($(stat -c %s "$out/audit.png") bytes), $out/audit.html"
