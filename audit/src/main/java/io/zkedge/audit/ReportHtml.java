package io.zkedge.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code audit.html}: one self-contained page (inline CSS, SVG and a few lines of JavaScript; no
 * network access) with the summary, per-sensor charts (a compliance timeline coloured by outcome,
 * and verified verdicts by status) and the findings table, which can be filtered.
 */
public final class ReportHtml {

    /** Findings rows written into the page; audit.json holds all of them. */
    static final int MAX_ROWS = 5_000;

    private static final int TIMELINE_WIDTH = 760;
    private static final int BAR_WIDTH = 360;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> OUTCOME_COLOURS = Map.of(
            "COMPLIANT", "#2e9e5b", "NON_COMPLIANT", "#d64545", "INSUFFICIENT_DATA", "#c9a227");
    private static final List<String> CHARTED_STATUSES = List.of("VALID", "INVALID", "REPLAY");
    private static final Map<String, String> STATUS_COLOURS = Map.of(
            "VALID", "#2e9e5b", "INVALID", "#d64545", "REPLAY", "#7b5cd6", "OTHER", "#8a8f98");

    private ReportHtml() {}

    /** The page. */
    public static String of(AuditReport r) {
        StringBuilder h = new StringBuilder(16_384 + r.findings().size() * 300);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>zkedge audit: ").append(r.clean() ? "OK" : "FAIL").append("</title>\n")
                .append("<style>").append(CSS).append("</style></head><body>\n");
        h.append("<header class=\"").append(r.clean() ? "ok" : "fail").append("\"><h1>zkedge audit &mdash; ")
                .append(r.clean() ? "OK" : "FAIL: " + r.findings().size() + " finding(s)").append("</h1>")
                .append("<p>").append(esc(r.input())).append(" &middot; started ").append(esc(TIME.format(r.startedAt())))
                .append(" &middot; ").append(r.trustedKeyIds().size()).append(" trusted key(s)</p></header>\n");

        h.append("<section class=\"cards\">");
        card(h, "verdicts", Long.toString(r.verdictRecords()), r.verdictsTopic());
        card(h, "compliance records", Long.toString(r.complianceRecords()), r.complianceTopic());
        card(h, "sensors", Integer.toString(r.sensors().size()), "");
        card(h, "broken chains", (r.brokenVerdictChains() + r.brokenComplianceChains()) + "",
                "of " + (r.verdictChains() + r.complianceChains()));
        AccountingSummary a = r.accounting();
        if (a != null) {
            card(h, "lost", Long.toString(a.lost()), a.proofs() + " proofs");
            card(h, "duplicated", Long.toString(a.duplicated()), a.orphaned() + " orphaned");
        }
        h.append("</section>\n<section class=\"cards\">");
        r.findingsByCategory().forEach((c, n) -> {
            if (a != null || c.ordinal() <= FindingKind.Category.MALFORMED.ordinal()) {
                card(h, c.label(), Long.toString(n), "");
            }
        });
        h.append("</section>\n");

        long[] span = timeSpan(r);
        h.append("<h2>Sensors</h2>\n<p class=\"legend\">");
        OUTCOME_COLOURS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                h.append("<span><i style=\"background:").append(e.getValue()).append("\"></i>")
                        .append(esc(e.getKey())).append("</span>"));
        h.append(" &nbsp; compliance windows from ").append(span == null ? "-" : esc(TIME.format(Instant.ofEpochMilli(span[0]))))
                .append(" to ").append(span == null ? "-" : esc(TIME.format(Instant.ofEpochMilli(span[1])))).append("</p>\n");
        for (SensorSummary s : r.sensors().values()) {
            sensor(h, s, span);
        }

        h.append("<h2>Findings</h2>\n");
        h.append("<p><input id=\"filter\" type=\"search\" placeholder=\"filter: sensor, kind, offset, text\" "
                + "aria-label=\"filter findings\"> <span id=\"shown\"></span></p>\n");
        if (r.findings().isEmpty()) {
            h.append("<p class=\"none\">No findings: every signature verifies and every chain is whole.</p>\n");
        }
        h.append("<table id=\"findings\"><thead><tr><th>category</th><th>kind</th><th>stream</th><th>sensor</th>"
                + "<th>topic/partition@offset</th><th>chain index</th><th>detail</th></tr></thead><tbody>\n");
        int rows = 0;
        for (Finding f : r.findings()) {
            if (rows++ == MAX_ROWS) {
                break;
            }
            h.append("<tr class=\"c-").append(f.kind().category().label()).append("\"><td>")
                    .append(esc(f.kind().category().label())).append("</td><td>").append(f.kind()).append("</td><td>")
                    .append(f.stream().label()).append("</td><td>").append(esc(f.sensorId() == null ? "-" : f.sensorId()))
                    .append("</td><td>").append(esc(f.topic())).append('/').append(f.partition()).append('@')
                    .append(f.offset()).append("</td><td>").append(f.chainIndex() < 0 ? "" : f.chainIndex())
                    .append("</td><td>").append(esc(f.detail())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (r.findings().size() > MAX_ROWS) {
            h.append("<p>").append(r.findings().size() - MAX_ROWS).append(" more findings in audit.json.</p>\n");
        }
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String label, String value, String note) {
        h.append("<div class=\"card\"><div class=\"v\">").append(esc(value)).append("</div><div class=\"l\">")
                .append(esc(label)).append("</div>").append(note.isEmpty() ? "" : "<div class=\"n\">" + esc(note) + "</div>")
                .append("</div>");
    }

    private static void sensor(StringBuilder h, SensorSummary s, long[] span) {
        h.append("<div class=\"sensor\"><h3>").append(esc(s.sensorId())).append("</h3><p>")
                .append(s.verdictRecords()).append(" verdict records, ").append(s.complianceRecords())
                .append(" compliance records, ").append(s.findingCount() == 0 ? "no findings"
                        : "<b class=\"bad\">" + s.findingCount() + " finding(s)</b>").append("</p>\n");
        // Compliance timeline: one rectangle per verified window on the report's common time axis.
        h.append("<svg class=\"timeline\" width=\"").append(TIMELINE_WIDTH).append("\" height=\"30\" viewBox=\"0 0 ")
                .append(TIMELINE_WIDTH).append(" 30\" role=\"img\" aria-label=\"compliance timeline of ")
                .append(esc(s.sensorId())).append("\"><rect x=\"0\" y=\"4\" width=\"").append(TIMELINE_WIDTH)
                .append("\" height=\"22\" fill=\"#eef0f3\"/>");
        if (span != null) {
            double scale = (double) TIMELINE_WIDTH / Math.max(1, span[1] - span[0]);
            for (ComplianceWindow w : s.windows()) {
                double x = (w.windowStart() - span[0]) * scale;
                double width = Math.max(1.5, (w.windowEnd() - w.windowStart()) * scale - 1);
                h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"22\" fill=\"%s\">",
                        x, width, OUTCOME_COLOURS.getOrDefault(w.outcome(), "#8a8f98")))
                        .append("<title>").append(esc(w.outcome())).append(' ')
                        .append(esc(TIME.format(Instant.ofEpochMilli(w.windowStart())))).append(" .. ")
                        .append(esc(TIME.format(Instant.ofEpochMilli(w.windowEnd())))).append(": valid ").append(w.valid())
                        .append(" / expected ").append(w.expected()).append(", invalid ").append(w.invalid())
                        .append(", replayed ").append(w.replayed()).append(", missing ").append(w.missing())
                        .append(" (chain #").append(w.chainIndex()).append(", offset ").append(w.offset())
                        .append(")</title></rect>");
            }
        }
        h.append("</svg>\n");
        // Verified verdicts by status: VALID, INVALID, REPLAY and the rest together.
        Map<String, Long> byStatus = s.verdictsByStatus();
        long other = byStatus.entrySet().stream().filter(e -> !CHARTED_STATUSES.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long max = Math.max(1, Math.max(other, CHARTED_STATUSES.stream().mapToLong(s::verdicts).max().orElse(0)));
        h.append("<svg class=\"bars\" width=\"").append(BAR_WIDTH + 160).append("\" height=\"88\" role=\"img\" "
                + "aria-label=\"verified verdicts by status\">");
        int y = 2;
        for (String status : List.of("VALID", "INVALID", "REPLAY", "OTHER")) {
            long n = status.equals("OTHER") ? other : s.verdicts(status);
            double w = (double) n / max * BAR_WIDTH;
            h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" class=\"bl\">%s</text>"
                            + "<rect x=\"70\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"bn\">%d</text>",
                    y + 13, status.toLowerCase(Locale.ROOT), y, Math.max(n > 0 ? 1.5 : 0, w), STATUS_COLOURS.get(status),
                    76 + w, y + 13, n));
            y += 21;
        }
        h.append("</svg></div>\n");
    }

    /** The earliest window start and latest window end over all sensors, or null. */
    private static long[] timeSpan(AuditReport r) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (SensorSummary s : r.sensors().values()) {
            for (ComplianceWindow w : s.windows()) {
                min = Math.min(min, w.windowStart());
                max = Math.max(max, w.windowEnd());
            }
        }
        return min == Long.MAX_VALUE ? null : new long[] {min, max};
    }

    /** HTML text and attribute escaping. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = String.join("\n",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 24px 40px;color:#1d232b;background:#fff}",
            "header{margin:0 -24px 16px;padding:14px 24px;color:#fff}",
            "header.ok{background:#23744a}header.fail{background:#a8322f}",
            "header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.9}",
            ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}",
            ".card{border:1px solid #d8dce2;border-radius:6px;padding:8px 14px;min-width:110px}",
            ".card .v{font-size:22px;font-weight:600}.card .l{color:#4b5563}.card .n{color:#8a8f98;font-size:12px}",
            ".legend span{margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;border-radius:2px}",
            ".sensor{border-top:1px solid #e5e7eb;padding:6px 0 10px}.sensor h3{margin:6px 0 0;font-size:16px}.sensor p{margin:2px 0 6px;color:#4b5563}",
            "svg{display:block;margin:4px 0}.bl{font-size:12px;fill:#4b5563}.bn{font-size:12px;fill:#1d232b}",
            ".bad{color:#a8322f}.none{color:#23744a;font-weight:600}",
            "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e5e7eb;padding:4px 6px;text-align:left;vertical-align:top}",
            "th{background:#f3f4f6;position:sticky;top:0}",
            "tr.c-forged td:first-child,tr.c-unknown-key td:first-child{color:#a8322f;font-weight:600}",
            "tr.c-deleted td:first-child,tr.c-lost td:first-child{color:#b45309;font-weight:600}",
            "#filter{width:320px;padding:4px 6px}");

    private static final String SCRIPT = String.join("\n",
            "(function(){var f=document.getElementById('filter'),rows=document.querySelectorAll('#findings tbody tr'),",
            "shown=document.getElementById('shown');function apply(){var q=f.value.toLowerCase(),n=0;",
            "rows.forEach(function(r){var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.style.display=hit?'':'none';if(hit)n++;});",
            "shown.textContent=n+' of '+rows.length+' shown';}f.addEventListener('input',apply);apply();})();");
}
