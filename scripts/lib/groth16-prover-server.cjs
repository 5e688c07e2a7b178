// A long-lived snarkjs Groth16 prover for the gateway (docs/gateway-groth16.md): the Java class
// io.zkedge.gateway.groth16.SnarkjsProverProcess starts it once and sends it many requests, so
// the ~1-2 s of Node start-up, module loading and curve building are paid once, not per proof.
//
//   node groth16-prover-server.cjs <snarkjs-dir> <circuit.wasm> <circuit.zkey> <verification_key.json>
//
// Protocol: one JSON object per line on stdin, one JSON answer per line on stdout, in order.
//   {"id":1,"op":"prove","input":{<witness input: decimal strings>},"randomisers":["<r>","<s>"]}
//     -> {"id":1,"proof":{<proof.json>},"publicSignals":[<public.json>]}
//   {"id":2,"op":"verify","proof":{...},"publicSignals":[...]}
//     -> {"id":2,"valid":true|false}
//   anything that fails -> {"id":<id or null>,"error":"<one line>"}
// Once snarkjs, the keys and the curve are loaded it prints {"ready":true,...}. It exits when
// stdin closes. Diagnostics go to stderr only, so stdout carries nothing but answers.
"use strict";
const fs = require("fs");
const readline = require("readline");

const [snarkjsDir, wasmPath, zkeyPath, vkPath] = process.argv.slice(2);
if (!vkPath) {
  process.stderr.write("usage: groth16-prover-server.cjs <snarkjs-dir> <wasm> <zkey> <verification_key.json>\n");
  process.exit(2);
}

// Every answer is written as one line; a proof is a few KB, so a write never interleaves.
function answer(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function oneLine(e) {
  const text = e && e.message ? e.message : String(e);
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}

// The witness input must be exactly the circuit's signals, each a canonical decimal string:
// snarkjs would otherwise accept hex or numbers, and a missing signal fails deep in the wasm.
const SIGNALS = ["v", "blinding", "min", "max", "sensorId", "seq", "eventTimeMillis"];
function checkInput(input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new Error("input must be an object");
  }
  const names = Object.keys(input).sort();
  if (names.join(",") !== [...SIGNALS].sort().join(",")) {
    throw new Error("input must hold exactly the signals " + SIGNALS.join(", "));
  }
  for (const name of SIGNALS) {
    if (typeof input[name] !== "string" || !/^(0|[1-9][0-9]{0,77})$/.test(input[name])) {
      throw new Error(`input ${name} is not a canonical decimal string`);
    }
  }
}

async function main() {
  const snarkjs = require(snarkjsDir);
  // snarkjs's own dependencies, resolved from its directory (the pinned circuits/node_modules).
  const fromSnarkjs = (name) => require(require.resolve(name, { paths: [snarkjsDir] }));
  const { WitnessCalculatorBuilder } = fromSnarkjs("circom_runtime");
  const { unstringifyBigInts } = fromSnarkjs("ffjavascript").utils;
  // Held in memory: snarkjs then reads no file per proof.
  const zkey = new Uint8Array(fs.readFileSync(zkeyPath));
  const vk = JSON.parse(fs.readFileSync(vkPath, "utf8"));
  // One witness calculator for the process: snarkjs.groth16.fullProve would compile the 2 MB
  // witness generator again for every proof (~250 ms here), the calculator reuses its instance.
  const witnessCalculator = await WitnessCalculatorBuilder(new Uint8Array(fs.readFileSync(wasmPath)));
  // Build the BN254 curve (wasm field arithmetic, worker threads) now rather than in the first
  // proof: snarkjs caches it process-wide, so "ready" means warm.
  const curve = await snarkjs.curves.getCurveFromName("bn128");

  // Groth16's randomisers r and s (groth16_prove.js draws them with curve.Fr.random(), which makes
  // the proof zero-knowledge) come from the request: the Java host draws them with SecureRandom.
  // snarkjs has no parameter for them, so Fr.random of the process-wide curve (the object every
  // proof uses) hands out the request's values; a proof that takes more or fewer than two fails.
  let hostRandomness = [];
  curve.Fr.random = () => {
    if (hostRandomness.length === 0) throw new Error("snarkjs asked for more random values than the request carries");
    return curve.Fr.e(hostRandomness.shift());
  };
  const R = curve.Fr.p;
  function randomisers(values) {
    if (!Array.isArray(values) || values.length !== 2) throw new Error("randomisers must be [r, s]");
    return values.map((v, i) => {
      if (typeof v !== "string" || !/^(0|[1-9][0-9]{0,77})$/.test(v) || BigInt(v) >= R) {
        throw new Error(`randomiser ${i} is not a canonical decimal below the group order`);
      }
      return BigInt(v);
    });
  }

  async function handle(request) {
    if (request.op === "prove") {
      checkInput(request.input);
      // What snarkjs.groth16.fullProve does, with the calculator kept: witness, then proof.
      // A witness that violates the circuit (e.g. a reading outside [min, max]) throws here.
      const rs = randomisers(request.randomisers);
      const wtns = await witnessCalculator.calculateWTNSBin(unstringifyBigInts(request.input), true);
      hostRandomness = rs;
      try {
        const { proof, publicSignals } = await snarkjs.groth16.prove(zkey, wtns);
        if (hostRandomness.length !== 0) {
          throw new Error("snarkjs used " + (2 - hostRandomness.length) + " of the 2 randomisers: not the pinned prover?");
        }
        return { proof, publicSignals };
      } finally {
        hostRandomness = [];
      }
    }
    if (request.op === "verify") {
      return { valid: await snarkjs.groth16.verify(vk, request.publicSignals, request.proof) };
    }
    throw new Error(`unknown op ${JSON.stringify(request.op)}`);
  }

  // Requests are served one at a time in arrival order (snarkjs already spreads one proof over
  // its worker threads), so answers come back in request order.
  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    queue = queue.then(async () => {
      let id = null;
      try {
        const request = JSON.parse(line);
        id = Number.isSafeInteger(request.id) ? request.id : null;
        if (id === null) throw new Error("request without an integer id");
        answer({ id, ...(await handle(request)) });
      } catch (e) {
        answer({ id, error: oneLine(e) });
      }
    });
  });
  // snarkjs keeps worker threads alive: exit explicitly once every request is answered.
  lines.on("close", () => { queue.then(() => process.exit(0)); });

  answer({ ready: true, nPublic: vk.nPublic, node: process.version });
}

main().catch((e) => {
  process.stderr.write("groth16-prover-server: " + (e.stack || String(e)) + "\n");
  process.exit(1);
});
