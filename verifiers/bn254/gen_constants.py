#!/usr/bin/env python3
"""Prints the derived BN254 constants of src/constants.rs (Montgomery limbs, Frobenius
coefficients, NAF of the Miller loop). Inputs are the published curve parameters only:

  x = 4965661367192848881 (BN parameter of alt_bn128, EIP-197)
  p = 36x^4 + 36x^3 + 24x^2 + 6x + 1,  r = 36x^4 + 36x^3 + 18x^2 + 6x + 1
  Fp2 = Fp[u]/(u^2 + 1), xi = 9 + u, twist E': y^2 = x^3 + 3/xi (D-type)

Run `python3 gen_constants.py` and compare with src/constants.rs; the Rust tests recompute
every value independently with the field code.
"""
X = 4965661367192848881
P = 36 * X**4 + 36 * X**3 + 24 * X**2 + 6 * X + 1
R = 36 * X**4 + 36 * X**3 + 18 * X**2 + 6 * X + 1
assert P == 21888242871839275222246405745257275088696311157297823662689037894645226208583
assert R == 21888242871839275222246405745257275088548364400416034343698204186575808495617
BITS, LIMBS = 29, 9
MONT = 1 << (BITS * LIMBS)


def limbs(v):
    return [(v >> (BITS * i)) & ((1 << BITS) - 1) for i in range(LIMBS)]


def fmt(v):
    return "[" + ", ".join("0x%08x" % l for l in limbs(v)) + "]"


def mont(v, m=P):
    return v * MONT % m


def f2mul(a, b):
    return ((a[0] * b[0] - a[1] * b[1]) % P, (a[0] * b[1] + a[1] * b[0]) % P)


def f2pow(a, e):
    r = (1, 0)
    while e:
        if e & 1:
            r = f2mul(r, a)
        a = f2mul(a, a)
        e >>= 1
    return r


def fp2(name, v):
    print("pub(crate) const %s: Fp2 = Fp2::new(Fp(%s), Fp(%s));" % (name, fmt(mont(v[0])), fmt(mont(v[1]))))


for name, m in (("P", P), ("R", R)):
    print("// modulus %s" % name, fmt(m))
    print("//   2m", fmt(2 * m))
    print("//   -m^-1 mod 2^29 = 0x%08x" % ((-pow(m, -1, 1 << BITS)) % (1 << BITS)))
    print("//   R mod m (one)", fmt(MONT % m))
    print("//   R^2 mod m", fmt(MONT * MONT % m))
    print("//   m - 2 words", [hex((m - 2) >> (64 * i) & (2**64 - 1)) for i in range(4)])
xi = (9, 1)
fp2("XI_P_MINUS_1_OVER_3", f2pow(xi, (P - 1) // 3))
fp2("XI_P_MINUS_1_OVER_2", f2pow(xi, (P - 1) // 2))
for k, e in ((1, P - 1), (2, P * P - 1), (3, P**3 - 1)):
    for i in range(1, 6):
        fp2("FROB%d_%d" % (k, i), f2pow(xi, i * e // 6))
b2 = f2mul((3, 0), f2pow(xi, P * P - 2))
fp2("TWIST_B", b2)
print("// 3 b'"); fp2("TWIST_B3", f2mul((3, 0), b2))
print("// 6x^2 =", 6 * X * X, hex(6 * X * X))
# Soundness of the G2 membership test [x+1]Q + psi([x]Q) + psi^2([x]Q) = psi^3([2x]Q) (curve.rs):
# with psi^2 = t psi - p the endomorphism is a + b psi; its degree N must share only r with
# #E'(Fp2) = r (2p - r).
from math import gcd
T = 6 * X * X + 1
A = X + 1 - X * P + 2 * X * T * P
B = X + X * T - 2 * X * T * T + 2 * X * P
N = A * A + A * B * T + B * B * P
assert N % R == 0 and gcd(N, R * (2 * P - R)) == R
assert (A + B * 6 * X * X) % R == 0  # every point of G2 passes
print("// G2 membership test: gcd(deg, #E'(Fp2)) = r  OK")
# The same for the Miller loop's test T = -psi^3(Q), T = [6x+2]Q + psi(Q) - psi^2(Q)
# (pairing.rs, LineGeneratorSlot::subgroup_check_from_loop): (6x+2) + psi - psi^2 + psi^3.
A = 6 * X + 2 + P - T * P
B = 1 - T + T * T - P
N = A * A + A * B * T + B * B * P
assert N % R == 0 and gcd(N, R * (2 * P - R)) == R
assert (6 * X + 2 + P - P**2 + P**3) % R == 0  # every point of G2 passes
print("// Miller-loop G2 membership test: gcd(deg, #E'(Fp2)) = r  OK")
# NAF of 6x + 2, least significant digit first.
def wnaf(n, width):
    """Width-`width` NAF of n, least significant digit first: odd digits in (-2^(width-1), 2^(width-1))."""
    digits = []
    while n:
        if n & 1:
            d = n % (1 << width)
            if d >= 1 << (width - 1):
                d -= 1 << width
            n -= d
        else:
            d = 0
        digits.append(d)
        n //= 2
    return digits


naf = wnaf(6 * X + 2, 2)
print("// NAF(6x+2) len", len(naf), "nonzero", sum(1 for d in naf if d))
print(naf)
# Width-4 NAF of x (digits in {0, ±1, ±3, ±5, ±7}), least significant digit first: the final
# exponentiation's exp_by_x.
wnaf4 = wnaf(X, 4)
print("// wNAF4(x) len", len(wnaf4), "nonzero", sum(1 for d in wnaf4 if d))
print(wnaf4)
