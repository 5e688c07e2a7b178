package io.zkedge.evidence;

import static io.zkedge.evidence.testutils.Fixtures.RFC8032_TEST1_KEY_ID;
import static io.zkedge.evidence.testutils.Fixtures.RFC8032_TEST1_PUBLIC;
import static io.zkedge.evidence.testutils.Fixtures.RFC8032_TEST1_SECRET;
import static io.zkedge.evidence.testutils.Fixtures.RFC8032_TEST1_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.evidence.testutils.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeysTest {
  /** Made with {@code openssl genpkey -algorithm ed25519} (OpenSSL 3.0.19). */
  private static final String OPENSSL_PRIVATE_PEM = "-----BEGIN PRIVATE KEY-----\n"
      + "MC4CAQAwBQYDK2VwBCIEIPP9kZ89s5EV8E9DDUApv/IEwbEJXDNPrT8aDokCN8tP\n"
      + "-----END PRIVATE KEY-----\n";

  /** {@code openssl pkey -in key.pem -pubout} of the key above. */
  private static final String OPENSSL_PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\n"
      + "MCowBQYDK2VwAyEA1ly+8RNv/FVnNMFRdxKyEaQuZyHcrRtf6+dAiInFbeE=\n"
      + "-----END PUBLIC KEY-----\n";

  @TempDir
  Path dir;

  @Test
  void shouldReproduceRfc8032TestVector1() {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(RFC8032_TEST1_SECRET);

    assertThat(key.publicKey().raw()).isEqualTo(RFC8032_TEST1_PUBLIC);
    assertThat(key.sign(new byte[0])).isEqualTo(RFC8032_TEST1_SIGNATURE);
    assertThat(Ed25519PublicKey.fromRaw(RFC8032_TEST1_PUBLIC)
        .verify(new byte[0], RFC8032_TEST1_SIGNATURE)).isTrue();
    assertThat(Ed25519PublicKey.fromRaw(RFC8032_TEST1_PUBLIC)
        .verify(new byte[] {0}, RFC8032_TEST1_SIGNATURE)).isFalse();
  }

  @Test
  void shouldUseTheHexSha256OfTheRawPublicKeyAsKeyId() {
    assertThat(Ed25519PublicKey.fromRaw(RFC8032_TEST1_PUBLIC).keyId())
        .isEqualTo(RFC8032_TEST1_KEY_ID);
    assertThat(Ed25519PrivateKey.fromSeed(RFC8032_TEST1_SECRET).keyId())
        .isEqualTo(RFC8032_TEST1_KEY_ID);
  }

  @Test
  void shouldRoundTripKeysThroughPemText() throws Exception {
    Ed25519PrivateKey key = Ed25519Keys.generate();

    String privatePem = Ed25519Keys.privateKeyToPem(key);
    String publicPem = Ed25519Keys.publicKeyToPem(key.publicKey());

    assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("\n-----END PRIVATE KEY-----\n");
    assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(Ed25519Keys.privateKeyFromPem(privatePem).seed()).isEqualTo(key.seed());
    assertThat(Ed25519Keys.publicKeyFromPem(publicPem)).isEqualTo(key.publicKey());
  }

  @Test
  void shouldWriteTheRfc8410EncodingsThatOpenSslWrites() throws Exception {
    Ed25519PrivateKey openssl = Ed25519Keys.privateKeyFromPem(OPENSSL_PRIVATE_PEM);

    assertThat(Ed25519Keys.privateKeyToPem(openssl)).isEqualTo(OPENSSL_PRIVATE_PEM);
    assertThat(Ed25519Keys.publicKeyToPem(openssl.publicKey())).isEqualTo(OPENSSL_PUBLIC_PEM);
    assertThat(Ed25519Keys.publicKeyFromPem(OPENSSL_PUBLIC_PEM)).isEqualTo(openssl.publicKey());
  }

  @Test
  void shouldInteroperateWithTheJdkEd25519Provider() throws Exception {
    Ed25519PrivateKey key = Fixtures.key(1);
    KeyFactory factory = KeyFactory.getInstance("Ed25519");
    PrivateKey jdkPrivate = factory.generatePrivate(
        new PKCS8EncodedKeySpec(der(Ed25519Keys.privateKeyToPem(key))));
    PublicKey jdkPublic = factory.generatePublic(
        new X509EncodedKeySpec(der(Ed25519Keys.publicKeyToPem(key.publicKey()))));
    byte[] message = "zkedge".getBytes(StandardCharsets.UTF_8);

    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(jdkPrivate);
    signer.update(message);
    byte[] jdkSignature = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(jdkPublic);
    verifier.update(message);

    assertThat(key.sign(message)).isEqualTo(jdkSignature); // Ed25519 is deterministic
    assertThat(verifier.verify(key.sign(message))).isTrue();
  }

  @Test
  void shouldSaveAndLoadKeyFiles() throws Exception {
    Ed25519PrivateKey key = Fixtures.key(2);
    Path privateFile = dir.resolve("edge.key");
    Path publicFile = dir.resolve("edge.pub");

    Ed25519Keys.writePrivateKey(key, privateFile);
    Ed25519Keys.writePublicKey(key.publicKey(), publicFile);

    assertThat(Ed25519Keys.readPrivateKey(privateFile).seed()).isEqualTo(key.seed());
    assertThat(Ed25519Keys.readPublicKey(publicFile)).isEqualTo(key.publicKey());
    if (Files.getFileStore(privateFile).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void shouldNeverOverwriteAPrivateKeyFile() throws Exception {
    Path file = dir.resolve("edge.key");
    Ed25519Keys.writePrivateKey(Fixtures.key(3), file);

    assertThatThrownBy(() -> Ed25519Keys.writePrivateKey(Fixtures.key(4), file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Ed25519Keys.readPrivateKey(file).keyId()).isEqualTo(Fixtures.key(3).keyId());
  }

  @Test
  void shouldRefuseKeyFilesOfAnotherKindNamingTheFile() throws Exception {
    Path publicInsteadOfPrivate = dir.resolve("wrong.key");
    Files.writeString(publicInsteadOfPrivate, OPENSSL_PUBLIC_PEM);

    assertThatThrownBy(() -> Ed25519Keys.readPrivateKey(publicInsteadOfPrivate))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(publicInsteadOfPrivate.toString())
        .hasMessageContaining("expected -----BEGIN PRIVATE KEY----- but found "
            + "-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void shouldRefuseMalformedPem() {
    assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem("hello"))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("no PEM block");
    assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem(
            "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n"))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("not base64");
    assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem(OPENSSL_PUBLIC_PEM + OPENSSL_PUBLIC_PEM))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem(
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("not an X.509 Ed25519");
  }

  @Test
  void shouldRefuseKeysOfOtherAlgorithms() {
    // An X25519 public key (OID 1.3.101.110) has the same shape as an Ed25519 one.
    byte[] der = Base64.getDecoder().decode("MCowBQYDK2VwAyEA1ly+8RNv/FVnNMFRdxKyEaQuZyHcrRtf6+dAiInFbeE=");
    der[8] = 110;
    String x25519 = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";

    assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem(x25519))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("key algorithm is 1.3.101.110, not Ed25519 (1.3.101.112)");
  }

  @Test
  void shouldRefuseBytesThatAreNotAPointOnTheCurve() {
    byte[] notAPoint = new byte[32];
    Arrays.fill(notAPoint, (byte) 0xff);
    notAPoint[31] = 0x7f; // y = 2^255 - 1, which is not below the field prime

    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(notAPoint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid Ed25519 public key");
    assertThatThrownBy(() -> Ed25519PublicKey.fromRaw(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, not 31");
  }

  @Test
  void shouldNotShowTheSecretInToString() {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(RFC8032_TEST1_SECRET);

    assertThat(key.toString()).isEqualTo("Ed25519PrivateKey[" + RFC8032_TEST1_KEY_ID + "]")
        .doesNotContain("9d61b19d");
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }
}
