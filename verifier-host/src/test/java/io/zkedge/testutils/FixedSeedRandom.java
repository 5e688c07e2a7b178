package io.zkedge.testutils;

import java.security.SecureRandom;
import java.util.Arrays;

/** A "SecureRandom" that hands out one fixed byte value and counts the requests. Tests only. */
public final class FixedSeedRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private final byte value;
    private int requests;

    public FixedSeedRandom(int value) {
        this.value = (byte) value;
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        requests++;
        Arrays.fill(bytes, value);
    }

    /** How many times {@link #nextBytes} was called. */
    public synchronized int requests() {
        return requests;
    }
}
