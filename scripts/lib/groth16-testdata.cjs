// Groth16 sensor testdata (testdata/groth16-sensor/README.md): valid proofs from
// `snarkjs.groth16.fullProve`, tampered copies, and their expected verdicts in cases.txt.
//
//   node scripts/lib/groth16-testdata.cjs generate <build-dir> <testdata-dir>
//   node scripts/lib/groth16-testdata.cjs verify <testdata-dir>
//   node scripts/lib/groth16-testdata.cjs circuit-tests <build-dir>
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const snarkjs = require(path.join(__dirname, "../../circuits/node_modules/snarkjs"));
const enc = require("./groth16-encode.cjs");
const twist = require("./bn254-twist.cjs");

const TWO_63 = 1n << 63n;

// The valid statements. Record fields are what a gateway would put in a ProofRecord.
const VALID = [
  { name: "valid-mid-range", note: "reading inside [-40, 85]",
    sensorId: "sensor-0001", seq: "1", eventTimeMillis: "1764230400000", min: "-40", max: "85", v: "21" },
  { name: "valid-at-min", note: "reading equal to min (negative)",
    sensorId: "sensor-0001", seq: "2", eventTimeMillis: "1764230401000", min: "-40", max: "85", v: "-40" },
  { name: "valid-at-max", note: "reading equal to max",
    sensorId: "sensor-0002", seq: "7", eventTimeMillis: "1764230402500", min: "-40", max: "85", v: "85" },
  { name: "valid-extremes", note: "full i64 range, u64-max seq, event time -1, non-ASCII sensor id",
    sensorId: "capteur-Zürich-7", seq: "18446744073709551615", eventTimeMillis: "-1",
    min: "-9223372036854775808", max: "9223372036854775807", v: "-9223372036854775808" },
  { name: "valid-zeroes", note: "seq 0, event time 0, min = max = v = 0",
    sensorId: "s", seq: "0", eventTimeMillis: "0", min: "0", max: "0", v: "0" },
];

function witnessInput(rec, blinding) {
  return {
    v: enc.signed64Field(rec.v).toString(),
    blinding: blinding.toString(),
    min: enc.signed64Field(rec.min).toString(),
    max: enc.signed64Field(rec.max).toString(),
    sensorId: enc.sensorIdField(rec.sensorId).toString(),
    seq: enc.unsigned64Field(rec.seq).toString(),
    eventTimeMillis: enc.timeField(rec.eventTimeMillis).toString(),
  };
}

function randomScalar() { // uniform enough for test blindings: 512 random bits mod r
  return BigInt("0x" + crypto.randomBytes(64).toString("hex")) % enc.R;
}

async function snarkjsSays(vk, pub, proof) {
  try {
    return (await snarkjs.groth16.verify(vk, pub, proof)) ? "true" : "false";
  } catch (e) {
    return "error";
  }
}

const clone = (x) => JSON.parse(JSON.stringify(x));
const plus = (s, k) => (BigInt(s) + BigInt(k)).toString();

// Tampered cases: [name, verdict, description, build(base, other) -> {proof, pub}].
// base/other are {proof, pub} of valid-mid-range / valid-at-min.
function tamperedCases() {
  const outside = twist.pointOutsideSubgroup();
  const g2json = (pt) => [pt[0].map(String), pt[1].map(String), ["1", "0"]];
  const withProof = (f) => (b) => { const proof = clone(b.proof); f(proof); return { proof, pub: clone(b.pub) }; };
  const withPub = (f) => (b) => { const pub = clone(b.pub); f(pub); return { proof: clone(b.proof), pub }; };
  return [
    ["invalid-seq-changed", "invalid", "public seq + 1 (replay under another sequence number)",
      withPub((p) => { p[4] = plus(p[4], 1); })],
    ["invalid-sensor-changed", "invalid", "public sensorId of sensor-0002 (replay for another sensor)",
      withPub((p) => { p[3] = enc.sensorIdField("sensor-0002").toString(); })],
    ["invalid-time-changed", "invalid", "public eventTimeMillis + 1 (replay at another time)",
      withPub((p) => { p[5] = plus(p[5], 1); })],
    ["invalid-range-widened", "invalid", "public min lowered by one",
      withPub((p) => { p[1] = plus(p[1], -1); })],
    ["invalid-commitment-changed", "invalid", "public commitment + 1",
      withPub((p) => { p[0] = plus(p[0], 1); })],
    ["invalid-public-of-other-proof", "invalid", "public signals of valid-at-min with the proof of valid-mid-range",
      (b, o) => ({ proof: clone(b.proof), pub: clone(o.pub) })],
    ["invalid-a-c-swapped", "invalid", "pi_a and pi_c swapped (both valid G1 points)",
      withProof((p) => { [p.pi_a, p.pi_c] = [p.pi_c, p.pi_a]; })],
    ["invalid-a-negated", "invalid", "pi_a replaced by -pi_a (on the curve, wrong point)",
      withProof((p) => { p.pi_a[1] = (enc.P - BigInt(p.pi_a[1])).toString(); })],
    ["malformed-public-plus-r", "malformed", "public seq + r: same value mod r, non-canonical scalar",
      withPub((p) => { p[4] = plus(p[4], enc.R); })],
    ["malformed-a-x-plus-p", "malformed", "pi_a x + p: non-canonical base-field element",
      withProof((p) => { p.pi_a[0] = plus(p.pi_a[0], enc.P); })],
    ["malformed-b-coordinate-plus-p", "malformed", "pi_b x.c0 + p: non-canonical base-field element",
      withProof((p) => { p.pi_b[0][0] = plus(p.pi_b[0][0], enc.P); })],
    ["malformed-a-not-on-curve", "malformed", "pi_a y + 1: not on the curve",
      withProof((p) => { p.pi_a[1] = ((BigInt(p.pi_a[1]) + 1n) % enc.P).toString(); })],
    ["malformed-b-c0-c1-swapped", "malformed", "pi_b with real and imaginary parts swapped: not on the twist",
      withProof((p) => { p.pi_b[0].reverse(); p.pi_b[1].reverse(); })],
    ["malformed-b-outside-subgroup", "malformed", "pi_b on the twist but outside the order-r subgroup (x = 1)",
      withProof((p) => { p.pi_b = g2json(outside); })],
    ["malformed-too-few-public", "malformed", "5 public signals instead of 6",
      withPub((p) => { p.pop(); })],
    ["malformed-too-many-public", "malformed", "7 public signals instead of 6",
      withPub((p) => { p.push("0"); })],
    ["malformed-a-z-not-one", "malformed", "pi_a with z = 2 (snarkjs writes affine points, z = 1)",
      withProof((p) => { p.pi_a[2] = "2"; })],
    ["malformed-public-hex", "malformed", "public seq written as a hex string",
      withPub((p) => { p[4] = "0x" + BigInt(p[4]).toString(16); })],
    ["malformed-public-negative", "malformed", "public commitment written as a negative number",
      withPub((p) => { p[0] = "-" + p[0]; })],
  ];
}

function writeJson(file, obj) {
  fs.writeFileSync(file, JSON.stringify(obj, null, 1) + "\n");
}

// The compact encodings, or null when the strict converter must refuse the JSON.
function tryEncode(vk, proof, pub) {
  try {
    return { proof: enc.proofBytes(proof), pub: enc.publicBytes(pub, vk.nPublic) };
  } catch (e) {
    return null;
  }
}

// The same, but letting field elements >= p or >= r through (they still fit 32 bytes).
function tryEncodeLenient(vk, proof, pub) {
  return enc.lenient(() => tryEncode(vk, proof, pub));
}

async function generate(buildDir, outDir) {
  const vk = JSON.parse(fs.readFileSync(path.join(buildDir, "verification_key.json"), "utf8"));
  // Everything here is generated except README.md.
  fs.mkdirSync(outDir, { recursive: true });
  for (const entry of fs.readdirSync(outDir)) {
    if (entry !== "README.md") fs.rmSync(path.join(outDir, entry), { recursive: true, force: true });
  }
  fs.copyFileSync(path.join(buildDir, "verification_key.json"), path.join(outDir, "verification_key.json"));
  fs.copyFileSync(path.join(buildDir, "circuit-id.txt"), path.join(outDir, "circuit-id.txt"));
  fs.writeFileSync(path.join(outDir, "verification_key.bin"), enc.vkBytes(vk));
  const lines = [];
  const made = {};
  const write = async (name, verdict, note, proof, pub, record, input) => {
    const dir = path.join(outDir, name);
    fs.mkdirSync(dir);
    writeJson(path.join(dir, "proof.json"), proof);
    writeJson(path.join(dir, "public.json"), pub);
    if (record) writeJson(path.join(dir, "record.json"), record);
    if (input) writeJson(path.join(dir, "input.json"), input);
    const bins = tryEncode(vk, proof, pub);
    const rawBins = bins || tryEncodeLenient(vk, proof, pub);
    if (rawBins) {
      fs.writeFileSync(path.join(dir, "proof.bin"), rawBins.proof);
      fs.writeFileSync(path.join(dir, "public.bin"), rawBins.pub);
    }
    const says = await snarkjsSays(vk, pub, proof);
    if ((verdict === "valid") !== (says === "true") && verdict !== "malformed") {
      throw new Error(`${name}: expected ${verdict}, snarkjs says ${says}`);
    }
    lines.push([name, verdict, bins ? "verify" : "convert", says, note].join("\t"));
  };
  for (const rec of VALID) {
    const input = witnessInput(rec, randomScalar());
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(input,
      path.join(buildDir, "sensor_range.wasm"), path.join(buildDir, "sensor_range.zkey"));
    const { name, note, v, ...record } = rec;
    made[name] = { proof, pub: publicSignals };
    await write(name, "valid", note, proof, publicSignals, record, input);
  }
  for (const [name, verdict, note, build] of tamperedCases()) {
    const { proof, pub } = build(made["valid-mid-range"], made["valid-at-min"]);
    await write(name, verdict, note, proof, pub, null, null);
  }
  fs.writeFileSync(path.join(outDir, "cases.txt"),
    "# case\tverdict\trejected-at\tsnarkjs-verify\tdescription\n" +
    "# verdict: valid | invalid (well-formed, pairing check fails) | malformed (bad encoding or point)\n" +
    "# rejected-at: convert = the strict snarkjs-JSON converter refuses it; verify = it converts\n" +
    "#              and the verifier decides. proof.bin/public.bin hold the binary encodings; for\n" +
    "#              convert cases only when the fault survives encoding (a field element >= p or >= r)\n" +
    "# snarkjs-verify: what snarkjs 0.7.6 groth16.verify answers (true | false | error)\n" +
    lines.join("\n") + "\n");
  console.error(`groth16-testdata: wrote ${lines.length} cases to ${outDir}`);
}

function readCases(dir) {
  return fs.readFileSync(path.join(dir, "cases.txt"), "utf8").split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => { const [name, verdict, stage, snarkjs, note] = l.split("\t"); return { name, verdict, stage, snarkjs, note }; });
}

// Checks every committed case against snarkjs and the JavaScript encoder.
async function verify(dir) {
  const vk = JSON.parse(fs.readFileSync(path.join(dir, "verification_key.json"), "utf8"));
  const failures = [];
  if (!enc.vkBytes(vk).equals(fs.readFileSync(path.join(dir, "verification_key.bin")))) failures.push("verification_key.bin");
  if (enc.circuitId(vk) !== fs.readFileSync(path.join(dir, "circuit-id.txt"), "utf8").trim()) failures.push("circuit-id.txt");
  const cases = readCases(dir);
  for (const c of cases) {
    const proof = JSON.parse(fs.readFileSync(path.join(dir, c.name, "proof.json"), "utf8"));
    const pub = JSON.parse(fs.readFileSync(path.join(dir, c.name, "public.json"), "utf8"));
    const says = await snarkjsSays(vk, pub, proof);
    if (says !== c.snarkjs) failures.push(`${c.name}: snarkjs says ${says}, cases.txt ${c.snarkjs}`);
    const bins = tryEncode(vk, proof, pub);
    if ((bins !== null) !== (c.stage === "verify")) failures.push(`${c.name}: converter disagrees with ${c.stage}`);
    const rawBins = bins || tryEncodeLenient(vk, proof, pub);
    const binFile = path.join(dir, c.name, "proof.bin");
    if ((rawBins !== null) !== fs.existsSync(binFile)) failures.push(`${c.name}: .bin files missing or extra`);
    if (rawBins && (!rawBins.proof.equals(fs.readFileSync(binFile))
        || !rawBins.pub.equals(fs.readFileSync(path.join(dir, c.name, "public.bin"))))) {
      failures.push(`${c.name}: .bin files differ from the encoder`);
    }
    const recordFile = path.join(dir, c.name, "record.json");
    if (fs.existsSync(recordFile)) {
      const rec = JSON.parse(fs.readFileSync(recordFile, "utf8"));
      const expect = [enc.signed64Field(rec.min), enc.signed64Field(rec.max), enc.sensorIdField(rec.sensorId),
        enc.unsigned64Field(rec.seq), enc.timeField(rec.eventTimeMillis)].map(String);
      if (JSON.stringify(pub.slice(1)) !== JSON.stringify(expect)) failures.push(`${c.name}: public.json does not encode record.json`);
    }
  }
  if (failures.length) {
    failures.forEach((f) => console.error("groth16-testdata: FAIL " + f));
    process.exitCode = 1;
  } else {
    console.error(`groth16-testdata: ${cases.length} cases hold (snarkjs verdicts, encodings, record fields)`);
  }
}

// The circuit itself: an in-range reading proves and verifies; out-of-range readings and
// out-of-domain encodings cannot even produce a witness.
async function circuitTests(buildDir) {
  const vk = JSON.parse(fs.readFileSync(path.join(buildDir, "verification_key.json"), "utf8"));
  const wasm = path.join(buildDir, "sensor_range.wasm");
  const zkey = path.join(buildDir, "sensor_range.zkey");
  const rec = { sensorId: "sensor-0001", seq: "9", eventTimeMillis: "1764230400000", min: "-40", max: "85" };
  const failures = [];
  const blinding = randomScalar();
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(witnessInput({ ...rec, v: "-3" }, blinding), wasm, zkey);
  if (!(await snarkjs.groth16.verify(vk, publicSignals, proof))) failures.push("in-range proof does not verify");
  // commitment = Poseidon(v, blinding, sensorId, seq, time), checked against circomlibjs-free
  // recomputation: the same inputs with another blinding must give another commitment.
  const again = await snarkjs.groth16.fullProve(witnessInput({ ...rec, v: "-3" }, blinding + 1n), wasm, zkey);
  if (again.publicSignals[0] === publicSignals[0]) failures.push("commitment ignores the blinding");
  const mustFail = [
    ["reading above max", witnessInput({ ...rec, v: "86" }, blinding)],
    ["reading below min", witnessInput({ ...rec, v: "-41" }, blinding)],
    ["v not a 64-bit encoding", { ...witnessInput({ ...rec, v: "0" }, blinding), v: (1n << 64n).toString() }],
    ["v wrapped below zero", { ...witnessInput({ ...rec, v: "0" }, blinding), v: (enc.R - 1n).toString() }],
    ["seq of 65 bits", { ...witnessInput({ ...rec, v: "0" }, blinding), seq: (1n << 64n).toString() }],
    ["event time of 65 bits", { ...witnessInput({ ...rec, v: "0" }, blinding), eventTimeMillis: (1n << 64n).toString() }],
    ["sensorId of 249 bits", { ...witnessInput({ ...rec, v: "0" }, blinding), sensorId: (1n << 248n).toString() }],
  ];
  for (const [what, input] of mustFail) {
    let proved = false;
    const { log, error } = console;
    console.log = console.error = () => {}; // the witness generator prints its failed assertion
    try {
      await snarkjs.groth16.fullProve(input, wasm, zkey);
      proved = true;
    } catch (e) { /* the witness generator's assertion failed, as it must */ }
    finally { Object.assign(console, { log, error }); }
    if (proved) failures.push(`${what}: a witness was produced`);
  }
  if (failures.length) {
    failures.forEach((f) => console.error("circuit-tests: FAIL " + f));
    process.exitCode = 1;
  } else {
    console.error(`circuit-tests: in-range proof verifies; ${mustFail.length} bad witnesses refused`);
  }
}

(async () => {
  const [cmd, a, b] = process.argv.slice(2);
  if (cmd === "generate" && a && b) await generate(a, b);
  else if (cmd === "verify" && a) await verify(a);
  else if (cmd === "circuit-tests" && a) await circuitTests(a);
  else { console.error("usage: groth16-testdata.cjs generate <build> <out> | verify <dir> | circuit-tests <build>"); process.exitCode = 2; }
  process.exit();
})().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
