// Makes 8 proofs of mulsum with distinct witnesses, checks each with snarkjs, prints JSON.
const snarkjs = require("snarkjs");
const fs = require("fs");
async function main() {
  const vk = JSON.parse(fs.readFileSync("verification_key.json"));
  const out = [];
  for (let i = 0; i < 8; i++) {
    const input = { a: String(3 + i), b: String(1000 + 17 * i), x: String(5 * i + 1) };
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, "mulsum_js/mulsum.wasm", "mulsum.zkey");
    const ok = await snarkjs.groth16.verify(vk, publicSignals, proof);
    if (!ok) throw new Error("snarkjs rejected its own proof " + i);
    out.push({ input, proof, public: publicSignals });
  }
  // Timing of snarkjs verify (warm, in-process), for the report.
  const t0 = Date.now(); const n = 50;
  for (let k = 0; k < n; k++) await snarkjs.groth16.verify(vk, out[k % 8].public, out[k % 8].proof);
  console.error("snarkjs groth16.verify warm ms/proof:", (Date.now() - t0) / n);
  fs.writeFileSync("proofs.json", JSON.stringify(out, null, 1));
  process.exit(0);
}
main();
