package io.zkedge.trust;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PublicKey;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Ed25519 public keys trusted to sign artifacts (or evidence), by key id. Provisioned out of
 * band, never from the bundle it vouches for. Immutable and thread-safe.
 *
 * <pre>{@code
 * TrustStore store = TrustStore.loadDirectory(Path.of("/etc/zkedge/trusted-keys"));
 * }</pre>
 */
public final class TrustStore {
  /** The suffix of public key files read by {@link #loadDirectory}. */
  public static final String KEY_SUFFIX = ".pub";

  private final Map<String, Ed25519PublicKey> keys;

  private TrustStore(Map<String, Ed25519PublicKey> keys) {
    this.keys = keys;
  }

  /** A store of exactly these keys. */
  public static TrustStore of(Collection<Ed25519PublicKey> keys) {
    Map<String, Ed25519PublicKey> byId = new LinkedHashMap<>();
    for (Ed25519PublicKey key : keys) {
      byId.put(key.keyId(), key);
    }
    return new TrustStore(Map.copyOf(byId));
  }

  /** A store of these keys. */
  public static TrustStore of(Ed25519PublicKey... keys) {
    return of(List.of(keys));
  }

  /**
   * Reads every {@code *.pub} file (SubjectPublicKeyInfo PEM) directly in {@code directory}.
   * Other files are ignored; an empty directory gives an empty store, which trusts nothing.
   *
   * @throws io.zkedge.evidence.KeyFormatException naming the file if one is not an Ed25519 key
   * @throws java.nio.file.NoSuchFileException if the directory does not exist
   */
  public static TrustStore loadDirectory(Path directory) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + KEY_SUFFIX)) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    List<Ed25519PublicKey> keys = new ArrayList<>();
    for (Path file : files) {
      keys.add(Ed25519Keys.readPublicKey(file));
    }
    return of(keys);
  }

  /** The trusted key with this id. */
  public Optional<Ed25519PublicKey> find(String keyId) {
    return Optional.ofNullable(keyId == null ? null : keys.get(keyId));
  }

  /** Whether a key with this id is trusted. */
  public boolean contains(String keyId) {
    return keyId != null && keys.containsKey(keyId);
  }

  /** The trusted key ids. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** The trusted keys. */
  public Collection<Ed25519PublicKey> keys() {
    return keys.values();
  }

  /** How many keys are trusted. */
  public int size() {
    return keys.size();
  }

  @Override
  public String toString() {
    return "TrustStore" + keys.keySet();
  }
}
