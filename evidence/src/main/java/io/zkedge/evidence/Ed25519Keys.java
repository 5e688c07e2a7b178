package io.zkedge.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Creates Ed25519 keys and reads and writes them as PEM files, in the forms OpenSSL and the JDK
 * use (RFC 8410):
 *
 * <ul>
 *   <li>private key: {@code -----BEGIN PRIVATE KEY-----}, a PKCS#8 {@code PrivateKeyInfo} with
 *       algorithm 1.3.101.112 and the 32-byte seed (a v2 key that also carries the public key is
 *       read too, and the two must match);
 *   <li>public key: {@code -----BEGIN PUBLIC KEY-----}, an X.509 {@code SubjectPublicKeyInfo}
 *       with algorithm 1.3.101.112 and the raw 32-byte key.
 * </ul>
 *
 * <p>The key id of a public key is the lowercase hex SHA-256 of its raw 32 bytes
 * ({@link Ed25519PublicKey#keyId()}). {@code openssl pkey -in key.pem -pubout} turns one of these
 * private keys into its public key file.
 */
public final class Ed25519Keys {
  /** The label of a PKCS#8 private key block. */
  public static final String PRIVATE_KEY_LABEL = "PRIVATE KEY";

  /** The label of an X.509 SubjectPublicKeyInfo block. */
  public static final String PUBLIC_KEY_LABEL = "PUBLIC KEY";

  /** Largest key file read, in bytes: real ones have about 120. */
  private static final int MAX_PEM_BYTES = 4096;

  /** id-Ed25519 (RFC 8410). */
  private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

  private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(ID_ED25519);

  private Ed25519Keys() {}

  /** A new key from a fresh {@link SecureRandom}. */
  public static Ed25519PrivateKey generate() {
    return generate(new SecureRandom());
  }

  /** A new key whose seed comes from {@code random}. */
  public static Ed25519PrivateKey generate(SecureRandom random) {
    return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(random));
  }

  // ---------------------------------------------------------------------------------------------
  // PEM text

  /** The PKCS#8 PEM text of a private key. */
  public static String privateKeyToPem(Ed25519PrivateKey key) {
    byte[] seed = key.seed();
    try {
      return pem(PRIVATE_KEY_LABEL,
          new PrivateKeyInfo(ED25519, new DEROctetString(seed)).getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalStateException("cannot DER-encode a private key", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The SubjectPublicKeyInfo PEM text of a public key. */
  public static String publicKeyToPem(Ed25519PublicKey key) {
    try {
      return pem(PUBLIC_KEY_LABEL,
          new SubjectPublicKeyInfo(ED25519, key.raw()).getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalStateException("cannot DER-encode a public key", e);
    }
  }

  /**
   * The private key in PKCS#8 PEM text.
   *
   * @throws KeyFormatException if the text is not exactly one Ed25519 {@code PRIVATE KEY} block
   */
  public static Ed25519PrivateKey privateKeyFromPem(String pem) throws KeyFormatException {
    byte[] der = unpem(pem, PRIVATE_KEY_LABEL);
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
      requireEd25519(info.getPrivateKeyAlgorithm());
      byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
      if (seed.length != Ed25519PrivateKey.LENGTH) {
        throw new KeyFormatException("Ed25519 private key has " + seed.length
            + " bytes, not 32");
      }
      Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
      Arrays.fill(seed, (byte) 0);
      if (info.getPublicKeyData() != null
          && !Arrays.equals(info.getPublicKeyData().getOctets(), key.publicKey().raw())) {
        throw new KeyFormatException("the public key inside the PKCS#8 block does not belong "
            + "to its private key");
      }
      return key;
    } catch (KeyFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("not a PKCS#8 Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /**
   * The public key in SubjectPublicKeyInfo PEM text.
   *
   * @throws KeyFormatException if the text is not exactly one Ed25519 {@code PUBLIC KEY} block
   */
  public static Ed25519PublicKey publicKeyFromPem(String pem) throws KeyFormatException {
    byte[] der = unpem(pem, PUBLIC_KEY_LABEL);
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
      requireEd25519(info.getAlgorithm());
      if (info.getPublicKeyData().getPadBits() != 0) {
        throw new KeyFormatException("Ed25519 public key bit string has pad bits");
      }
      byte[] raw = info.getPublicKeyData().getOctets();
      if (raw.length != Ed25519PublicKey.LENGTH) {
        throw new KeyFormatException("Ed25519 public key has " + raw.length + " bytes, not 32");
      }
      return Ed25519PublicKey.fromRaw(raw);
    } catch (KeyFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KeyFormatException("not an X.509 Ed25519 public key: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  /**
   * Reads a PKCS#8 PEM private key file.
   *
   * @throws KeyFormatException naming the file if it is not an Ed25519 private key
   */
  public static Ed25519PrivateKey readPrivateKey(Path file) throws IOException {
    String text = readSmall(file);
    try {
      return privateKeyFromPem(text);
    } catch (KeyFormatException e) {
      throw new KeyFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a SubjectPublicKeyInfo PEM public key file.
   *
   * @throws KeyFormatException naming the file if it is not an Ed25519 public key
   */
  public static Ed25519PublicKey readPublicKey(Path file) throws IOException {
    String text = readSmall(file);
    try {
      return publicKeyFromPem(text);
    } catch (KeyFormatException e) {
      throw new KeyFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a private key as a new PKCS#8 PEM file, readable only by its owner where the file
   * system has POSIX permissions. An existing file is never overwritten.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   */
  public static void writePrivateKey(Ed25519PrivateKey key, Path file) throws IOException {
    byte[] text = privateKeyToPem(key).getBytes(StandardCharsets.US_ASCII);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && file.getFileSystem() == FileSystems.getDefault()) {
      Files.createFile(file,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      Files.write(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
  }

  /** Writes (or replaces) a SubjectPublicKeyInfo PEM public key file. */
  public static void writePublicKey(Ed25519PublicKey key, Path file) throws IOException {
    Files.writeString(file, publicKeyToPem(key), StandardCharsets.US_ASCII);
  }

  // ---------------------------------------------------------------------------------------------

  private static void requireEd25519(AlgorithmIdentifier algorithm) throws KeyFormatException {
    if (!ID_ED25519.equals(algorithm.getAlgorithm())) {
      throw new KeyFormatException("key algorithm is " + algorithm.getAlgorithm().getId()
          + ", not Ed25519 (1.3.101.112)");
    }
    if (algorithm.getParameters() != null) {
      throw new KeyFormatException("Ed25519 algorithm identifier must not have parameters");
    }
  }

  private static String readSmall(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_PEM_BYTES) {
      throw new KeyFormatException(file + ": " + size + " bytes is too large for a key file");
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** The DER inside the only {@code label} block of {@code pem}; only whitespace may surround it. */
  private static byte[] unpem(String pem, String label) throws KeyFormatException {
    Objects.requireNonNull(pem, "pem");
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    String text = pem.strip();
    if (!text.startsWith(begin)) {
      int dash = text.indexOf("-----BEGIN ");
      throw new KeyFormatException(dash < 0 ? "no PEM block (expected " + begin + ")"
          : "expected " + begin + " but found "
              + text.substring(dash, Math.min(text.length(), dash + 40)).split("\n")[0]);
    }
    if (!text.endsWith(end) || text.indexOf(end) != text.length() - end.length()) {
      throw new KeyFormatException("PEM block does not end with exactly one " + end);
    }
    String body = text.substring(begin.length(), text.length() - end.length())
        .replaceAll("[\\r\\n\\t ]", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("PEM body is not base64: " + e.getMessage(), e);
    }
  }
}
