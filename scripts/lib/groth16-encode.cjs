// snarkjs JSON -> the compact Groth16/BN254 encodings of docs (GROTH16-FORMAT), and the public
// input encodings of circuits/README.md. An independent JavaScript twin of the Java converter
// io.zkedge.groth16 (its tests compare against the .bin files this writes).
//
//   node scripts/lib/groth16-encode.cjs circuit-id verification_key.json
"use strict";
const crypto = require("crypto");
const fs = require("fs");

// BN254 (EIP-196): base field modulus p and group order r.
const P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const TWO_63 = 1n << 63n;
const TWO_64 = 1n << 64n;

// Strict by default. With LENIENT set, values up to 2^256 - 1 pass the range check, so that
// testdata can carry non-canonical field elements in the binary encodings too.
let LENIENT = false;
function dec(s, bound, what) {
  if (typeof s !== "string" || !/^(0|[1-9][0-9]*)$/.test(s)) {
    throw new Error(`${what}: not a canonical decimal string`);
  }
  const v = BigInt(s);
  if (v >= (LENIENT ? 1n << 256n : bound)) throw new Error(`${what}: ${s} is not below the modulus`);
  return v;
}
function lenient(f) {
  LENIENT = true;
  try { return f(); } finally { LENIENT = false; }
}

function be32(v) {
  return Buffer.from(v.toString(16).padStart(64, "0"), "hex");
}

function g1(pt, what) {
  if (!Array.isArray(pt) || pt.length !== 3) throw new Error(`${what}: expected [x, y, z]`);
  const [x, y, z] = pt.map((c, i) => dec(c, P, `${what}[${i}]`));
  if (z === 0n && x === 0n && y === 1n) return Buffer.alloc(64); // snarkjs infinity [0,1,0]
  if (z !== 1n) throw new Error(`${what}: z must be 1`);
  return Buffer.concat([be32(x), be32(y)]);
}

function fp2(c, what) {
  if (!Array.isArray(c) || c.length !== 2) throw new Error(`${what}: expected [c0, c1]`);
  return [dec(c[0], P, `${what}[0]`), dec(c[1], P, `${what}[1]`)];
}

function g2(pt, what) {
  if (!Array.isArray(pt) || pt.length !== 3) throw new Error(`${what}: expected [x, y, z]`);
  const x = fp2(pt[0], `${what}.x`), y = fp2(pt[1], `${what}.y`), z = fp2(pt[2], `${what}.z`);
  if (z[0] === 0n && z[1] === 0n && x[0] === 0n && x[1] === 0n && y[0] === 1n && y[1] === 0n) {
    return Buffer.alloc(128);
  }
  if (z[0] !== 1n || z[1] !== 0n) throw new Error(`${what}: z must be [1, 0]`);
  // EIP-197 order: imaginary part first.
  return Buffer.concat([be32(x[1]), be32(x[0]), be32(y[1]), be32(y[0])]);
}

function vkBytes(vk) {
  if (vk.protocol !== "groth16") throw new Error("protocol must be groth16");
  if (vk.curve !== "bn128") throw new Error("curve must be bn128");
  const n = vk.nPublic;
  if (!Number.isInteger(n) || n < 0 || !Array.isArray(vk.IC) || vk.IC.length !== n + 1) {
    throw new Error("IC must hold nPublic + 1 points");
  }
  const head = Buffer.alloc(4);
  head.writeUInt32BE(n);
  return Buffer.concat([head, g1(vk.vk_alpha_1, "vk_alpha_1"), g2(vk.vk_beta_2, "vk_beta_2"),
    g2(vk.vk_gamma_2, "vk_gamma_2"), g2(vk.vk_delta_2, "vk_delta_2"),
    ...vk.IC.map((p, i) => g1(p, `IC[${i}]`))]);
}

function proofBytes(proof) {
  if (proof.protocol !== undefined && proof.protocol !== "groth16") throw new Error("protocol must be groth16");
  if (proof.curve !== undefined && proof.curve !== "bn128") throw new Error("curve must be bn128");
  return Buffer.concat([g1(proof.pi_a, "pi_a"), g2(proof.pi_b, "pi_b"), g1(proof.pi_c, "pi_c")]);
}

function publicBytes(signals, nPublic) {
  if (!Array.isArray(signals)) throw new Error("public signals must be an array");
  if (signals.length !== nPublic) {
    throw new Error(`expected ${nPublic} public signals, got ${signals.length}`);
  }
  return Buffer.concat(signals.map((s, i) => be32(dec(s, R, `public[${i}]`))));
}

function circuitId(vk) {
  return crypto.createHash("sha256").update(vkBytes(vk)).digest("hex");
}

// circuits/README.md, "Public inputs".
function sensorIdField(sensorId) {
  const h = crypto.createHash("sha256").update(Buffer.from(sensorId, "utf8")).digest();
  return BigInt("0x" + h.subarray(0, 31).toString("hex"));
}
function signed64Field(x) { // offset binary: x + 2^63
  const v = BigInt(x);
  if (v < -TWO_63 || v >= TWO_63) throw new Error(`${x} is not a signed 64-bit value`);
  return v + TWO_63;
}
function unsigned64Field(x) {
  const v = BigInt(x);
  if (v < 0n || v >= TWO_64) throw new Error(`${x} is not an unsigned 64-bit value`);
  return v;
}
function timeField(t) { // two's complement u64
  const v = BigInt(t);
  if (v < -TWO_63 || v >= TWO_63) throw new Error(`${t} is not a signed 64-bit value`);
  return v < 0n ? v + TWO_64 : v;
}

module.exports = { P, R, lenient, vkBytes, proofBytes, publicBytes, circuitId, sensorIdField,
  signed64Field, unsigned64Field, timeField, be32 };

if (require.main === module) {
  const [cmd, file] = process.argv.slice(2);
  if (cmd !== "circuit-id" || !file) {
    console.error("usage: groth16-encode.cjs circuit-id verification_key.json");
    process.exit(2);
  }
  console.log(circuitId(JSON.parse(fs.readFileSync(file, "utf8"))));
}
