package io.zkedge.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The released versions of each record schema, which current readers must still decode.
 *
 * <p>They live on the class path as {@code io/zkedge/schemas/history/<Record>/v<N>.avsc}, numbered
 * from 1 without holes, each a self-contained schema (named types written out in full). The
 * newest one is the current schema; when a schema changes, its new version is added as the next
 * file and the old files stay (see {@code SchemaHistoryTest}).
 */
final class SchemaHistory {
  static final String ROOT = "io/zkedge/schemas/history/";

  private static final Map<String, List<Schema>> CACHE = new ConcurrentHashMap<>();

  private SchemaHistory() {}

  /** Every released version of the record called {@code simpleName}, oldest first (may be empty). */
  static List<Schema> versions(String simpleName) {
    return CACHE.computeIfAbsent(simpleName, SchemaHistory::load);
  }

  private static List<Schema> load(String simpleName) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    for (int v = 1; ; v++) {
      String resource = ROOT + simpleName + "/v" + v + ".avsc";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }
}
