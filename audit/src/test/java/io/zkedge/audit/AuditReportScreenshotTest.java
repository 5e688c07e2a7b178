package io.zkedge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.audit.testutils.EvidenceStreams;
import io.zkedge.audit.testutils.ListSource;
import io.zkedge.audit.testutils.Tamper;
import io.zkedge.evidence.Ed25519PrivateKey;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders audit.html of a tampered stream in headless Chromium and checks the screenshot shows
 * the page as designed: the red FAIL header, green and red compliance windows, a real amount of
 * drawn content. Skipped when no Chromium is installed; scripts/audit-screenshot.sh installs it
 * and keeps the PNG ({@code -Dzkedge.audit.screenshotDir=DIR}).
 */
class AuditReportScreenshotTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1700;

    @TempDir
    Path tmp;

    @Test
    void shouldRenderTheReportWithItsHeaderChartsAndFindings() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium on PATH (scripts/audit-screenshot.sh installs it)");
        Path dir = Optional.ofNullable(System.getProperty("zkedge.audit.screenshotDir")).map(Path::of).orElse(tmp);

        Ed25519PrivateKey key = seeded(7);
        EvidenceStreams streams = new EvidenceStreams(key, List.of("pump-station-01", "soil-north-07", "soil-south-12"), 60);
        List<SourcedRecord> verdicts = streams.verdicts();
        verdicts = Tamper.delete(verdicts, AuditorTest.verdictOf(verdicts, "soil-north-07", 31));
        verdicts = Tamper.flipSignatureByte(verdicts, AuditorTest.verdictOf(verdicts, "pump-station-01", 12));
        verdicts = Tamper.replay(verdicts, AuditorTest.verdictOf(verdicts, "soil-south-12", 40));
        AuditReport report = Auditor.builder().trustedKeys(List.of(key.publicKey()))
                .verdictsTopic(EvidenceStreams.VERDICTS).complianceTopic(EvidenceStreams.COMPLIANCE).build()
                .run(new ListSource().with(EvidenceStreams.VERDICTS, 2, verdicts)
                        .with(EvidenceStreams.COMPLIANCE, 2, streams.compliance()), "screenshot test");
        ReportFiles.write(report, dir);
        Path png = dir.resolve("audit.png");
        Files.deleteIfExists(png);

        List<String> command = new ArrayList<>(List.of(chromium.get().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + tmp.resolve("profile"),
                "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT,
                dir.resolve(ReportFiles.HTML).toUri().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished within 120 s").isTrue();
        assertThat(png).as("chromium log: %s", Files.readString(tmp.resolve("chromium.log"))).exists();

        assertThat(Files.size(png)).as("PNG bytes").isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertThat(nonWhite).as("non-white pixels of %d sampled", sampled).isGreaterThan(sampled / 20);
        assertThat(colours.size()).as("distinct colours").isGreaterThan(50);
        assertThat(colours).as("FAIL header, COMPLIANT and NON_COMPLIANT windows")
                .contains(0xa8322f, 0x2e9e5b, 0xd64545);
    }

    /** chromium or chromium-browser on PATH. */
    static Optional<Path> chromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .flatMap(d -> java.util.stream.Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
                .filter(Files::isExecutable).findFirst();
    }

    private static Ed25519PrivateKey seeded(int b) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) b);
        return Ed25519PrivateKey.fromSeed(seed);
    }
}
