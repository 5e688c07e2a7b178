package io.zkedge.evidence;

import java.io.IOException;

/** A key file or key encoding that is not an Ed25519 key in the expected PEM/DER form. */
public final class KeyFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  KeyFormatException(String message) {
    super(message);
  }

  KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
