// snarkjs.groth16.verify in-process, warm (scripts/bench-snarkjs.sh).
//   node scripts/lib/bench-snarkjs.cjs <testdata-dir> <rounds> <verifies-per-round>
"use strict";
const fs = require("fs");
const path = require("path");
const snarkjs = require(path.join(__dirname, "../../circuits/node_modules/snarkjs"));

const WARM_UP = 20;

(async () => {
  const [dir, roundsArg, perRoundArg] = process.argv.slice(2);
  const rounds = Number(roundsArg), perRound = Number(perRoundArg);
  const read = (...p) => JSON.parse(fs.readFileSync(path.join(dir, ...p), "utf8"));
  const vk = read("verification_key.json");
  const proofs = fs.readFileSync(path.join(dir, "cases.txt"), "utf8").split("\n")
    .filter((l) => l && !l.startsWith("#") && l.split("\t")[1] === "valid")
    .map((l) => l.split("\t")[0])
    .map((name) => ({ proof: read(name, "proof.json"), pub: read(name, "public.json") }));
  if (proofs.length === 0) throw new Error("no valid proofs in " + dir);

  let i = 0;
  const verifyNext = async () => {
    const { proof, pub } = proofs[i++ % proofs.length];
    if (!(await snarkjs.groth16.verify(vk, pub, proof))) throw new Error("a valid proof failed");
  };

  const t0 = process.hrtime.bigint();
  await verifyNext();
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ bench: "snarkjs_groth16_verify_first_call", ms: +firstMs.toFixed(1),
    note: "includes building the curve (wasm field arithmetic) in this process" }));
  for (let k = 0; k < WARM_UP; k++) await verifyNext();

  // Wall time, and CPU time of the whole process (all threads): on a shared machine the CPU
  // time is the steadier figure, the wall time the one a caller waits.
  const perVerify = [];
  const cpuPerVerify = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    for (let k = 0; k < perRound; k++) await verifyNext();
    const cpu = process.cpuUsage(cpu0);
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / perRound;
    const cpuMs = (cpu.user + cpu.system) / 1e3 / perRound;
    perVerify.push(ms);
    cpuPerVerify.push(cpuMs);
    console.log(JSON.stringify({ bench: "snarkjs_groth16_verify", round: r + 1,
      ms_per_verify: +ms.toFixed(3), cpu_ms_per_verify: +cpuMs.toFixed(3), n: perRound }));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const sorted = [...perVerify].sort((a, b) => a - b);
  console.log(JSON.stringify({ bench: "snarkjs_groth16_verify", summary: "median of rounds",
    ms_per_verify: +median(perVerify).toFixed(3), cpu_ms_per_verify: +median(cpuPerVerify).toFixed(3),
    min_ms: +sorted[0].toFixed(3), max_ms: +sorted[sorted.length - 1].toFixed(3),
    n: rounds * perRound, proofs: proofs.length, snarkjs: "0.7.6", node: process.version,
    loadavg_1m: +require("os").loadavg()[0].toFixed(2) }));
  process.exit(0);
})().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
