// Java-free check of the built Groth16 module (rustc 1.63 once miscompiled a loop for wasm32 in
// this repo, so the native tests alone do not vouch for the .wasm): runs the module under Node's
// WebAssembly engine on the snarkjs vectors and checks every status.
//
//   node verifiers/wasm-groth16/wasm-check.mjs verifiers/dist/zkedge_groth16_verifier.wasm
//
// Exits 1 on any mismatch.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const wasmPath = process.argv[2];
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const x = instance.exports;
const fail = (msg) => { console.error(`wasm-check: ${msg}`); process.exit(1); };
if (WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath))).length !== 0) fail("module has imports");
if (x.zk_abi_version() !== 1) fail("abi version");

const hex = (s) => Uint8Array.from(s.match(/../g).map((b) => parseInt(b, 16)));
const lines = readFileSync(join(here, "../../testdata/groth16/mulsum.txt"), "utf8")
  .split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(" "));
const vk = hex(lines.find((l) => l[0] === "vk")[1]);
const proofs = lines.filter((l) => l[0] === "proof").map((l) => [hex(l[1]), hex(l[2])]);

const mem = () => new Uint8Array(x.memory.buffer);
function put(bytes) {
  const ptr = x.zk_alloc(bytes.length);
  if (ptr === 0) fail("zk_alloc failed");
  mem().set(bytes, ptr);
  return [ptr, bytes.length];
}

// zk_describe names the system.
const [dptr] = put(new Uint8Array(512));
const dlen = x.zk_describe(dptr, 512);
const description = JSON.parse(new TextDecoder().decode(mem().slice(dptr, dptr + dlen)));
if (description.system !== "groth16") fail("zk_describe: " + JSON.stringify(description));
x.zk_free(dptr, 512);

// Prepare the key.
const keyLen = x.zk_groth16_prepared_len(2);
const [vkPtr, vkLen] = put(vk);
const [keyPtr] = put(new Uint8Array(keyLen));
if (x.zk_groth16_prepare_key(vkPtr, vkLen, keyPtr, keyLen) !== keyLen) fail("prepare_key");
const key = mem().slice(keyPtr, keyPtr + keyLen);
x.zk_free(keyPtr, keyLen);
x.zk_free(vkPtr, vkLen);

// A batch: every valid proof, a wrong-input proof, a tampered proof, an input >= r.
function entry(proof, inputs) {
  const e = new Uint8Array(proof.length + 4 + inputs.length);
  e.set(proof, 0);
  new DataView(e.buffer).setUint32(proof.length, inputs.length / 32, true);
  e.set(inputs, proof.length + 4);
  return e;
}
const entries = [];
const expected = [];
for (const [p, i] of proofs) { entries.push(entry(p, i)); expected.push(0); }
entries.push(entry(proofs[0][0], proofs[1][1])); expected.push(1);
const offCurve = proofs[2][0].slice(); offCurve[63] ^= 1;
entries.push(entry(offCurve, proofs[2][1])); expected.push(4);
const bigInput = proofs[3][1].slice(); bigInput.fill(0xff, 0, 32);
entries.push(entry(proofs[3][0], bigInput)); expected.push(6);

function verify(list, seedByte) {
  const total = 4 + list.reduce((n, e) => n + e.length, 0);
  const req = new Uint8Array(total);
  new DataView(req.buffer).setUint32(0, list.length, true);
  let off = 4;
  for (const e of list) { req.set(e, off); off += e.length; }
  const [kp, kl] = put(key);
  const [rp, rl] = put(req);
  const [sp] = put(new Uint8Array(32).fill(seedByte));
  const [op] = put(new Uint8Array(list.length));
  const n = x.zk_groth16_verify_batch(kp, kl, rp, rl, sp, op);
  const out = Array.from(mem().slice(op, op + list.length));
  for (const [p, l] of [[op, list.length], [sp, 32], [rp, rl], [kp, kl]]) x.zk_free(p, l);
  if (n !== list.length) fail(`verify_batch returned ${n}`);
  return out;
}

const got = verify(entries, 3);
if (JSON.stringify(got) !== JSON.stringify(expected)) fail(`statuses ${got} != ${expected}`);
for (let k = 0; k < proofs.length; k++) {
  const single = verify([entries[k]], 9 + k);
  if (single[0] !== 0) fail(`single proof ${k}: status ${single[0]}`);
}

console.error(`wasm-check: ${wasmPath}: ${entries.length} statuses as expected, ${proofs.length} single verifications VALID`);
