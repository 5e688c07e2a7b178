package io.zkedge.groth16;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON files snarkjs 0.7 writes — {@code verification_key.json}, {@code proof.json},
 * {@code public.json} — into the compact Groth16 encodings, strictly:
 *
 * <ul>
 *   <li>{@code "protocol"} must be {@code "groth16"} and {@code "curve"} {@code "bn128"};
 *   <li>every number is a decimal string without sign, leading zeros or other characters
 *       (snarkjs itself also accepts hex and reduces values modulo p or r; zkedge does not, so
 *       one proof has one encoding);
 *   <li>coordinates must be below p and public inputs below r;
 *   <li>points are affine: z = 1 for G1 and z = [1, 0] for G2, or snarkjs's point at infinity
 *       ({@code [0, 1, 0]}, {@code [[0,0],[1,0],[0,0]]}), which becomes all-zero bytes;
 *   <li>the key's IC list has nPublic + 1 points and public.json exactly nPublic values.
 * </ul>
 *
 * <p>snarkjs writes G2 coordinates real part first ({@code [c0, c1]}); the binary encoding puts the
 * imaginary part first (EIP-197), so they are swapped here. Members this reader does not use (such
 * as {@code vk_alphabeta_12}) are ignored. Whether points are on the curve is left to the Wasm
 * verifier.
 */
public final class SnarkjsFiles {

    /** Longest decimal string read: p and r have 77 digits. */
    private static final int MAX_DIGITS = 78;

    private SnarkjsFiles() {}

    /** Reads {@code verification_key.json}. */
    public static Groth16VerifyingKey verifyingKey(String json) throws Groth16FormatException {
        Map<String, Object> vk = object(StrictJson.parse(json), "verification key");
        requireProtocolAndCurve(vk, "verification key");
        Object n = member(vk, "nPublic", "verification key");
        if (!(n instanceof Long count) || count < 0 || count > Groth16VerifyingKey.MAX_PUBLIC_INPUTS) {
            throw new Groth16FormatException("verification key: nPublic must be an integer in [0, "
                    + Groth16VerifyingKey.MAX_PUBLIC_INPUTS + "], got " + n);
        }
        int nPublic = count.intValue();
        List<Object> ic = list(member(vk, "IC", "verification key"), "IC");
        if (ic.size() != nPublic + 1) {
            throw new Groth16FormatException("verification key: IC has " + ic.size()
                    + " points, nPublic " + nPublic + " needs " + (nPublic + 1));
        }
        byte[] out = new byte[Groth16VerifyingKey.encodedLength(nPublic)];
        out[0] = (byte) (nPublic >>> 24);
        out[1] = (byte) (nPublic >>> 16);
        out[2] = (byte) (nPublic >>> 8);
        out[3] = (byte) nPublic;
        int at = 4;
        at = g1(member(vk, "vk_alpha_1", "verification key"), "vk_alpha_1", out, at);
        at = g2(member(vk, "vk_beta_2", "verification key"), "vk_beta_2", out, at);
        at = g2(member(vk, "vk_gamma_2", "verification key"), "vk_gamma_2", out, at);
        at = g2(member(vk, "vk_delta_2", "verification key"), "vk_delta_2", out, at);
        for (int i = 0; i < ic.size(); i++) {
            at = g1(ic.get(i), "IC[" + i + "]", out, at);
        }
        return Groth16VerifyingKey.fromBytes(out);
    }

    /** Reads {@code proof.json}. */
    public static Groth16Proof proof(String json) throws Groth16FormatException {
        Map<String, Object> proof = object(StrictJson.parse(json), "proof");
        requireProtocolAndCurve(proof, "proof");
        byte[] out = new byte[Groth16Proof.BYTES];
        int at = g1(member(proof, "pi_a", "proof"), "pi_a", out, 0);
        at = g2(member(proof, "pi_b", "proof"), "pi_b", out, at);
        g1(member(proof, "pi_c", "proof"), "pi_c", out, at);
        return Groth16Proof.fromBytes(out);
    }

    /** Reads {@code public.json}; it must hold exactly {@code key.nPublic()} values. */
    public static Groth16PublicInputs publicInputs(String json, Groth16VerifyingKey key)
            throws Groth16FormatException {
        return publicInputs(json, key.nPublic());
    }

    /** Reads {@code public.json}; it must hold exactly {@code nPublic} values. */
    public static Groth16PublicInputs publicInputs(String json, int nPublic)
            throws Groth16FormatException {
        List<Object> values = list(StrictJson.parse(json), "public signals");
        if (values.size() != nPublic) {
            throw new Groth16FormatException("public signals: " + values.size()
                    + " values, the verifying key expects " + nPublic);
        }
        List<BigInteger> scalars = new ArrayList<>(nPublic);
        for (int i = 0; i < nPublic; i++) {
            scalars.add(decimal(values.get(i), Bn254.R, "r", "public signal " + i));
        }
        return Groth16PublicInputs.of(scalars);
    }

    private static void requireProtocolAndCurve(Map<String, Object> file, String what)
            throws Groth16FormatException {
        if (!"groth16".equals(file.get("protocol"))) {
            throw new Groth16FormatException(what + ": protocol must be \"groth16\", got "
                    + describe(file.get("protocol")));
        }
        if (!"bn128".equals(file.get("curve"))) {
            throw new Groth16FormatException(what + ": curve must be \"bn128\", got "
                    + describe(file.get("curve")));
        }
    }

    /** Writes a G1 point [x, y, z] as x ‖ y; returns the next offset. */
    private static int g1(Object value, String what, byte[] out, int at) throws Groth16FormatException {
        List<Object> xyz = list(value, what);
        if (xyz.size() != 3) {
            throw new Groth16FormatException(what + ": a G1 point has 3 coordinates, got " + xyz.size());
        }
        BigInteger x = coordinate(xyz.get(0), what + ".x");
        BigInteger y = coordinate(xyz.get(1), what + ".y");
        BigInteger z = coordinate(xyz.get(2), what + ".z");
        if (z.signum() == 0 && x.signum() == 0 && y.equals(BigInteger.ONE)) {
            return at + Bn254.G1_BYTES; // infinity: all zero
        }
        if (!z.equals(BigInteger.ONE)) {
            throw new Groth16FormatException(what + ": z must be 1 (affine), got " + z);
        }
        Bn254.writeField(x, out, at);
        Bn254.writeField(y, out, at + Bn254.FIELD_BYTES);
        return at + Bn254.G1_BYTES;
    }

    /** Writes a G2 point [[x0,x1],[y0,y1],[z0,z1]] as x1 ‖ x0 ‖ y1 ‖ y0; returns the next offset. */
    private static int g2(Object value, String what, byte[] out, int at) throws Groth16FormatException {
        List<Object> xyz = list(value, what);
        if (xyz.size() != 3) {
            throw new Groth16FormatException(what + ": a G2 point has 3 coordinates, got " + xyz.size());
        }
        BigInteger[] x = fp2(xyz.get(0), what + ".x");
        BigInteger[] y = fp2(xyz.get(1), what + ".y");
        BigInteger[] z = fp2(xyz.get(2), what + ".z");
        boolean zIsZero = z[0].signum() == 0 && z[1].signum() == 0;
        if (zIsZero && x[0].signum() == 0 && x[1].signum() == 0
                && y[0].equals(BigInteger.ONE) && y[1].signum() == 0) {
            return at + Bn254.G2_BYTES; // infinity: all zero
        }
        if (!z[0].equals(BigInteger.ONE) || z[1].signum() != 0) {
            throw new Groth16FormatException(what + ": z must be [1, 0] (affine), got [" + z[0] + ", " + z[1] + "]");
        }
        Bn254.writeField(x[1], out, at);
        Bn254.writeField(x[0], out, at + Bn254.FIELD_BYTES);
        Bn254.writeField(y[1], out, at + 2 * Bn254.FIELD_BYTES);
        Bn254.writeField(y[0], out, at + 3 * Bn254.FIELD_BYTES);
        return at + Bn254.G2_BYTES;
    }

    private static BigInteger[] fp2(Object value, String what) throws Groth16FormatException {
        List<Object> c = list(value, what);
        if (c.size() != 2) {
            throw new Groth16FormatException(what + ": an Fp2 element has 2 parts [c0, c1], got " + c.size());
        }
        return new BigInteger[] {coordinate(c.get(0), what + "[0]"), coordinate(c.get(1), what + "[1]")};
    }

    private static BigInteger coordinate(Object value, String what) throws Groth16FormatException {
        return decimal(value, Bn254.P, "p", what);
    }

    /** A canonical decimal string below {@code bound}. */
    private static BigInteger decimal(Object value, BigInteger bound, String boundName, String what)
            throws Groth16FormatException {
        if (!(value instanceof String s)) {
            throw new Groth16FormatException(what + ": expected a decimal string, got " + describe(value));
        }
        if (s.isEmpty() || s.length() > MAX_DIGITS || (s.length() > 1 && s.charAt(0) == '0')) {
            throw new Groth16FormatException(what + ": \"" + abbreviate(s) + "\" is not a canonical decimal number");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Groth16FormatException(what + ": \"" + abbreviate(s) + "\" is not a canonical decimal number");
            }
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(bound) >= 0) {
            throw new Groth16FormatException(what + ": " + s + " is not below " + boundName);
        }
        return v;
    }

    private static Object member(Map<String, Object> object, String name, String what)
            throws Groth16FormatException {
        Object value = object.get(name);
        if (value == null) {
            throw new Groth16FormatException(what + ": missing member \"" + name + "\"");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) throws Groth16FormatException {
        if (!(value instanceof Map)) {
            throw new Groth16FormatException(what + ": expected a JSON object, got " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) throws Groth16FormatException {
        if (!(value instanceof List)) {
            throw new Groth16FormatException(what + ": expected a JSON array, got " + describe(value));
        }
        return (List<Object>) value;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "\"" + abbreviate(s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return String.valueOf(value);
    }

    private static String abbreviate(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }
}
