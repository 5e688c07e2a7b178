package io.zkedge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkedge.audit.testutils.EvidenceStreams;
import io.zkedge.audit.testutils.ListSource;
import io.zkedge.audit.testutils.Tamper;
import io.zkedge.evidence.Ed25519PrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit.json parses and says what the report says; audit.html is self-contained and escapes record text. */
class ReportFilesTest {

    private static final String HOSTILE = "<script>alert(1)</script>\"&";

    @TempDir
    Path dir;

    @Test
    void shouldWriteJsonThatParsesAndHoldsEveryFindingAndWindow() throws Exception {
        AuditReport report = tamperedReport();

        ReportFiles.write(report, dir);
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve(ReportFiles.JSON)));

        assertThat(json.get("format").asText()).isEqualTo(ReportJson.FORMAT);
        assertThat(json.get("clean").asBoolean()).isFalse();
        assertThat(json.get("records").get("verdicts").asLong()).isEqualTo(report.verdictRecords());
        assertThat(json.get("findings")).hasSize(report.findings().size());
        assertThat(json.get("findingCount").asInt()).isEqualTo(2);
        JsonNode gap = json.get("findings").get(0); // sorted by offset: the gap (offset 6) before the replay
        assertThat(gap.get("kind").asText()).isEqualTo("GAP");
        assertThat(gap.get("category").asText()).isEqualTo("deleted");
        assertThat(gap.get("sensorId").asText()).isEqualTo(HOSTILE);
        assertThat(gap.get("offset").asLong()).isEqualTo(6);
        assertThat(gap.get("chainIndex").asLong()).isEqualTo(6);
        assertThat(json.get("findings").get(1).get("kind").asText()).isEqualTo("DUPLICATE");
        assertThat(json.get("findingsByCategory").get("replayed").asInt()).isEqualTo(1);
        assertThat(json.get("accounting").isNull()).isTrue();
        JsonNode sensor = json.get("sensors").get(0);
        assertThat(sensor.get("windows")).hasSize(2);
        assertThat(sensor.get("windows").get(1).get("outcome").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(sensor.get("verifiedVerdictsByStatus").get("VALID").asLong()).isPositive();
    }

    @Test
    void shouldWriteASelfContainedPageThatEscapesRecordText() throws Exception {
        ReportFiles.write(tamperedReport(), dir);
        String html = Files.readString(dir.resolve(ReportFiles.HTML));

        assertThat(html).doesNotContain("http://", "https://", "<link", "src=", "@import", "url(");
        assertThat(html).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;");
        assertThat(html.split("<svg class=\"timeline\"", -1)).hasSize(2); // one sensor, one timeline
        assertThat(html).contains("fill=\"#d64545\"").contains("fill=\"#2e9e5b\""); // NON_COMPLIANT and COMPLIANT windows
        assertThat(html).contains("<td>DUPLICATE</td>").contains("<td>GAP</td>");
    }

    private static AuditReport tamperedReport() throws AuditInputException {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 3);
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
        EvidenceStreams streams = new EvidenceStreams(key, List.of(HOSTILE), 20);
        List<SourcedRecord> v = streams.verdicts();
        v = Tamper.replay(v, v.get(2));
        v = Tamper.delete(v, v.get(5));
        return Auditor.builder().trustedKeys(List.of(key.publicKey())).verdictsTopic(EvidenceStreams.VERDICTS)
                .complianceTopic(EvidenceStreams.COMPLIANCE).build()
                .run(new ListSource().with(EvidenceStreams.VERDICTS, 2, v)
                        .with(EvidenceStreams.COMPLIANCE, 2, streams.compliance()), "test");
    }
}
