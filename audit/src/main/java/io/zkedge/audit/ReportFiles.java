package io.zkedge.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code audit.json} and {@code audit.html} into a report directory. */
public final class ReportFiles {

    public static final String JSON = "audit.json";
    public static final String HTML = "audit.html";

    private ReportFiles() {}

    /** Creates {@code dir} if needed and writes both files, replacing older ones. */
    public static void write(AuditReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON), ReportJson.of(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML), ReportHtml.of(report), StandardCharsets.UTF_8);
    }
}
