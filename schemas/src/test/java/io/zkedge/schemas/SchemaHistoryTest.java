package io.zkedge.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the released schema versions: every version a writer may have used stays decodable, and
 * a change to an {@code .avsc} file is noticed until its new version is added to the history.
 */
class SchemaHistoryTest {

  static Stream<Schema> currentSchemas() {
    return Stream.of(ProofRecord.getClassSchema(), Verdict.getClassSchema(),
        ComplianceRecord.getClassSchema(), DeadLetter.getClassSchema(),
        ModuleAnnouncement.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("currentSchemas")
  void shouldListTheCurrentSchemaAsTheNewestReleasedVersion(Schema current) {
    List<Schema> versions = SchemaHistory.versions(current.getName());

    assertThat(versions).isNotEmpty();
    assertThat(AvroCodec.fingerprint(versions.get(versions.size() - 1)))
        .as("%s changed: if that is intended, add its schema (self-contained, as "
                + "Schema.toString(true) writes it) as the next %s%s/v%d.avsc and keep the old ones",
            current.getName(), SchemaHistory.ROOT, current.getName(), versions.size() + 1)
        .isEqualTo(AvroCodec.fingerprint(current));
  }

  @ParameterizedTest
  @MethodSource("currentSchemas")
  void shouldReadEveryReleasedVersionWithTheCurrentSchema(Schema current) {
    for (Schema released : SchemaHistory.versions(current.getName())) {
      assertThat(released.getFullName()).isEqualTo(current.getFullName());
      SchemaCompatibility.SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(current, released);
      assertThat(result.getType())
          .as("%s: %s", current.getName(), result.getDescription())
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
  }
}
