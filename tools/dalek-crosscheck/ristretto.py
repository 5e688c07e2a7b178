"""ristretto255 (RFC 9496) over Curve25519, in plain Python integers.

This is a reference, written for reading, not for speed or for secrets: nothing here is
constant-time. It has exactly what dalek's Bulletproofs verifier needs from curve25519-dalek:

* ``decode`` / ``encode``           CompressedRistretto::decompress / RistrettoPoint::compress
* ``from_uniform_bytes``            RistrettoPoint::from_uniform_bytes (the one-way map, two Elligators)
* ``add``, ``neg``, ``double``, ``scalar_mul``, ``multiscalar_mul``
* ``BASEPOINT``                     RISTRETTO_BASEPOINT_POINT

A point is a tuple (X, Y, Z, T) of extended twisted Edwards coordinates on
-x^2 + y^2 = 1 + d x^2 y^2, with x = X/Z, y = Y/Z, x*y = T/Z. A ristretto255 element is a class
of such points (modulo the 4-torsion), so two tuples may stand for the same element: compare
elements with ``equal`` or by their encodings, never as tuples.
"""

# The field: GF(p), p = 2^255 - 19.
P = 2**255 - 19
# The order of the ristretto255 group (and of Curve25519's prime-order subgroup).
L = 2**252 + 27742317777372353535851937790883648493

D = (-121665 * pow(121666, P - 2, P)) % P  # the curve constant d
SQRT_M1 = pow(2, (P - 1) // 4, P)  # a square root of -1


def _inv(x):
    return pow(x, P - 2, P)


def is_negative(x):
    """RFC 9496: a field element is "negative" when its canonical encoding is odd."""
    return (x % P) & 1


def ct_abs(x):
    """The non-negative one of x and -x."""
    x %= P
    return (P - x) % P if is_negative(x) else x


def sqrt_ratio_m1(u, v):
    """RFC 9496 SQRT_RATIO_M1: (was_square, the non-negative r with r^2 = u/v or r^2 = SQRT_M1*u/v)."""
    u %= P
    v %= P
    v3 = v * v % P * v % P
    v7 = v3 * v3 % P * v % P
    r = u * v3 % P * pow(u * v7 % P, (P - 5) // 8, P) % P
    check = v * r % P * r % P
    correct_sign = check == u
    flipped_sign = check == (-u) % P
    flipped_sign_i = check == (-u * SQRT_M1) % P
    if flipped_sign or flipped_sign_i:
        r = r * SQRT_M1 % P
    return (correct_sign or flipped_sign), ct_abs(r)


# RFC 9496 section 4.1 constants (two of them computed and checked against the RFC's values).
SQRT_AD_MINUS_ONE = 25063068953384623474111414158702152701244531502492656460079210482610430750235
INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578
ONE_MINUS_D_SQ = (1 - D * D) % P
D_MINUS_ONE_SQ = (D - 1) * (D - 1) % P
assert SQRT_AD_MINUS_ONE * SQRT_AD_MINUS_ONE % P == (-1 * D - 1) % P  # a*d - 1 with a = -1
assert sqrt_ratio_m1(1, (-1 - D) % P) == (True, INVSQRT_A_MINUS_D)

IDENTITY = (0, 1, 1, 0)


# ---------------------------------------------------------------------------------------------
# Group law (extended coordinates, a = -1; "add-2008-hwcd-3" and "dbl-2008-hwcd").
# Both are complete on this curve, so no special cases.

def add(p, q):
    X1, Y1, Z1, T1 = p
    X2, Y2, Z2, T2 = q
    a = (Y1 - X1) * (Y2 - X2) % P
    b = (Y1 + X1) * (Y2 + X2) % P
    c = 2 * D * T1 % P * T2 % P
    d = 2 * Z1 * Z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def double(p):
    X1, Y1, Z1, _ = p
    a = X1 * X1 % P
    b = Y1 * Y1 % P
    c = 2 * Z1 * Z1 % P
    h = a + b
    e = h - (X1 + Y1) * (X1 + Y1) % P
    g = a - b
    f = c + g
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def neg(p):
    X, Y, Z, T = p
    return ((-X) % P, Y, Z, (-T) % P)


def sub(p, q):
    return add(p, neg(q))


def equal(p, q):
    """Ristretto equality (RFC 9496 4.3.3): X1*Y2 == Y1*X2 or Y1*Y2 == X1*X2."""
    X1, Y1, _, _ = p
    X2, Y2, _, _ = q
    return (X1 * Y2 - Y1 * X2) % P == 0 or (Y1 * Y2 - X1 * X2) % P == 0


def is_identity(p):
    return equal(p, IDENTITY)


def scalar_mul(k, p):
    """k*p by double-and-add (k any integer; taken modulo L)."""
    k %= L
    acc = IDENTITY
    for bit in bin(k)[2:]:
        acc = double(acc)
        if bit == "1":
            acc = add(acc, p)
    return acc


def multiscalar_mul(scalars, points):
    """sum(k_i * P_i), with the bucket method (Pippenger): the same result as a loop of
    scalar_mul, in a fraction of the additions when there are many points.

    The 253-bit scalars are cut into c-bit digits. For each digit position, from the top, the
    accumulator is shifted left by c bits (c doublings), every point is added into the bucket of
    its digit, and sum_d d * bucket[d] is added as a running sum over the buckets.
    """
    pairs = [(k % L, p) for k, p in zip(scalars, points, strict=True) if k % L]
    if not pairs:
        return IDENTITY
    c = max(1, len(pairs).bit_length() - 3)
    mask = (1 << c) - 1
    windows = (L.bit_length() + c - 1) // c
    acc = IDENTITY
    for w in reversed(range(windows)):
        for _ in range(c):
            acc = double(acc)
        buckets = [None] * (mask + 1)
        shift = w * c
        for k, p in pairs:
            digit = (k >> shift) & mask
            if digit:
                buckets[digit] = p if buckets[digit] is None else add(buckets[digit], p)
        running = IDENTITY
        window_sum = IDENTITY
        for digit in range(mask, 0, -1):
            if buckets[digit] is not None:
                running = add(running, buckets[digit])
            window_sum = add(window_sum, running)
        acc = add(acc, window_sum)
    return acc


# ---------------------------------------------------------------------------------------------
# Encoding (RFC 9496 4.3.1 and 4.3.2)

def decode(data):
    """A 32-byte encoding to a point, or None when it is not a valid (canonical) encoding."""
    if len(data) != 32:
        return None
    s = int.from_bytes(data, "little")
    if s >= P or is_negative(s):  # also rejects bit 255 set, as s >= 2^255 > p
        return None
    ss = s * s % P
    u1 = (1 - ss) % P
    u2 = (1 + ss) % P
    u2_sqr = u2 * u2 % P
    v = (-(D * u1 % P * u1) - u2_sqr) % P
    was_square, invsqrt = sqrt_ratio_m1(1, v * u2_sqr)
    den_x = invsqrt * u2 % P
    den_y = invsqrt * den_x % P * v % P
    x = ct_abs(2 * s * den_x)
    y = u1 * den_y % P
    t = x * y % P
    if not was_square or is_negative(t) or y == 0:
        return None
    return (x, y, 1, t)


def encode(p):
    """A point to its canonical 32-byte encoding (the same for every point of its class)."""
    x0, y0, z0, t0 = p
    u1 = (z0 + y0) * (z0 - y0) % P
    u2 = x0 * y0 % P
    _, invsqrt = sqrt_ratio_m1(1, u1 * u2 % P * u2)
    den1 = invsqrt * u1 % P
    den2 = invsqrt * u2 % P
    z_inv = den1 * den2 % P * t0 % P
    ix0 = x0 * SQRT_M1 % P
    iy0 = y0 * SQRT_M1 % P
    enchanted_denominator = den1 * INVSQRT_A_MINUS_D % P
    if is_negative(t0 * z_inv):
        x, y, den_inv = iy0, ix0, enchanted_denominator
    else:
        x, y, den_inv = x0, y0, den2
    if is_negative(x * z_inv):
        y = (-y) % P
    s = ct_abs(den_inv * (z0 - y))
    return s.to_bytes(32, "little")


IDENTITY_ENCODING = bytes(32)


# ---------------------------------------------------------------------------------------------
# Hashing to the group (RFC 9496 4.3.4, as curve25519-dalek's from_uniform_bytes)

def elligator(t):
    """RFC 9496 MAP: a field element to a point."""
    r = SQRT_M1 * t % P * t % P
    u = (r + 1) * ONE_MINUS_D_SQ % P
    v = (-1 - r * D) * (r + D) % P
    was_square, s = sqrt_ratio_m1(u, v)
    s_prime = (-ct_abs(s * t)) % P
    if was_square:
        c = P - 1
    else:
        s, c = s_prime, r
    n = (c * (r - 1) % P * D_MINUS_ONE_SQ - v) % P
    w0 = 2 * s * v % P
    w1 = n * SQRT_AD_MINUS_ONE % P
    w2 = (1 - s * s) % P
    w3 = (1 + s * s) % P
    return (w0 * w3 % P, w2 * w1 % P, w1 * w3 % P, w0 * w2 % P)


def field_from_bytes(data):
    """curve25519-dalek FieldElement::from_bytes: 32 bytes little-endian, bit 255 ignored."""
    return int.from_bytes(data, "little") & ((1 << 255) - 1)


def from_uniform_bytes(data):
    """RistrettoPoint::from_uniform_bytes: 64 bytes to a point, MAP(first half) + MAP(second half)."""
    assert len(data) == 64
    return add(elligator(field_from_bytes(data[:32])), elligator(field_from_bytes(data[32:])))


BASEPOINT_ENCODING = bytes.fromhex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76")
BASEPOINT = decode(BASEPOINT_ENCODING)


# ---------------------------------------------------------------------------------------------
# Scalars (integers modulo L, 32 bytes little-endian)

def scalar_from_canonical_bytes(data):
    """Scalar::from_canonical_bytes: the integer, or None if it is not below L."""
    k = int.from_bytes(data, "little")
    return k if len(data) == 32 and k < L else None


def scalar_from_bytes_mod_order_wide(data):
    """Scalar::from_bytes_mod_order_wide: 64 bytes little-endian, reduced modulo L."""
    assert len(data) == 64
    return int.from_bytes(data, "little") % L


def scalar_to_bytes(k):
    return (k % L).to_bytes(32, "little")


def scalar_invert(k):
    return pow(k, L - 2, L)
