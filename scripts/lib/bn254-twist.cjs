// Just enough BN254 G2 arithmetic (BigInt, affine, slow) to build a test point that is on the
// twist but outside the order-r subgroup. Testdata only; never used to verify anything.
//   twist: y^2 = x^3 + 3/(9+u) over Fp2 = Fp[u]/(u^2+1)   (EIP-197)
"use strict";
const { P, R } = require("./groth16-encode.cjs");

const mod = (a) => ((a % P) + P) % P;
function pow(b, e) {
  let r = 1n; b = mod(b);
  for (; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
  return r;
}
const inv = (a) => pow(a, P - 2n);

// Fp2 elements are [c0, c1] = c0 + c1·u.
const add = (a, b) => [mod(a[0] + b[0]), mod(a[1] + b[1])];
const sub = (a, b) => [mod(a[0] - b[0]), mod(a[1] - b[1])];
const mul = (a, b) => [mod(a[0] * b[0] - a[1] * b[1]), mod(a[0] * b[1] + a[1] * b[0])];
const eq = (a, b) => a[0] === b[0] && a[1] === b[1];
function inv2(a) {
  const n = inv(a[0] * a[0] + a[1] * a[1]);
  return [mod(a[0] * n), mod(-a[1] * n)];
}
function sqrtFp(a) { // p = 3 mod 4
  const s = pow(a, (P + 1n) / 4n);
  return (s * s) % P === mod(a) ? s : null;
}
function sqrt2(a) { // via the norm: sqrt(a0 + a1 u) = x0 + x1 u, x0^2 = (a0 ± |a|)/2
  const n = sqrtFp(a[0] * a[0] + a[1] * a[1]);
  if (n === null) return null;
  for (const s of [n, P - n]) {
    const x0 = sqrtFp(mod((a[0] + s) * inv(2n)));
    if (x0 === null || x0 === 0n) continue;
    const cand = [x0, mod(a[1] * inv(2n * x0))];
    if (eq(mul(cand, cand), mod2(a))) return cand;
  }
  return null;
}
const mod2 = (a) => [mod(a[0]), mod(a[1])];

const B = mul([3n, 0n], inv2([9n, 1n]));

function onTwist(pt) {
  const [x, y] = pt;
  return eq(mul(y, y), add(mul(mul(x, x), x), B));
}

function addPts(p1, p2) { // affine, null = infinity
  if (p1 === null) return p2;
  if (p2 === null) return p1;
  let l;
  if (eq(p1[0], p2[0])) {
    if (!eq(p1[1], p2[1]) || eq(p1[1], [0n, 0n])) return null;
    l = mul(mul([3n, 0n], mul(p1[0], p1[0])), inv2(add(p1[1], p1[1])));
  } else {
    l = mul(sub(p2[1], p1[1]), inv2(sub(p2[0], p1[0])));
  }
  const x = sub(sub(mul(l, l), p1[0]), p2[0]);
  return [x, sub(mul(l, sub(p1[0], x)), p1[1])];
}

function times(pt, k) {
  let acc = null;
  for (let i = BigInt(k.toString(2).length) - 1n; i >= 0n; i--) {
    acc = addPts(acc, acc);
    if ((k >> i) & 1n) acc = addPts(acc, pt);
  }
  return acc;
}

// The first point with x = [k, 0], k = 1, 2, …, on the twist and NOT killed by r.
function pointOutsideSubgroup() {
  for (let k = 1n; ; k++) {
    const x = [k, 0n];
    const y = sqrt2(add(mul(mul(x, x), x), B));
    if (y === null) continue;
    const pt = [x, y];
    if (!onTwist(pt)) throw new Error("sqrt bug");
    if (times(pt, R) !== null) return pt;
  }
}

module.exports = { onTwist, times, pointOutsideSubgroup };
