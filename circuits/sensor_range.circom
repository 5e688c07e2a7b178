pragma circom 2.0.0;

// zkedge sensor range statement for Groth16 over BN254 (circuits/README.md is the contract).
//
// A sensor proves that its private reading v lies in the public range [min, max] and publishes
//   commitment = Poseidon(v, blinding, sensorId, seq, eventTimeMillis)
// so the proof is bound to one sensor, sequence number and event time (DESIGN invariant 3):
// the Groth16 public inputs fix all three, and the commitment hashes them together with v.
//
// Encodings (all values are BN254 scalar-field elements, see README.md):
//   v, min, max      signed 64-bit integers x, encoded as x + 2^63 (offset binary, in [0, 2^64));
//                    the offset keeps the order, so the comparisons below compare the integers.
//   sensorId         the first 31 bytes (248 bits) of SHA-256(UTF-8 sensor id), big-endian.
//   seq              the unsigned 64-bit sequence number.
//   eventTimeMillis  the signed 64-bit event time as its two's-complement u64 (t mod 2^64).
//   blinding         any field element; the prover draws it uniformly at random.

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Constrains in < 2^n by decomposing it into n bits.
template AssertBits(n) {
    signal input in;
    component bits = Num2Bits(n);
    bits.in <== in;
}

template SensorRange() {
    signal input v;                 // private
    signal input blinding;          // private
    signal input min;               // public
    signal input max;               // public
    signal input sensorId;          // public
    signal input seq;               // public
    signal input eventTimeMillis;   // public
    signal output commitment;       // public (first public signal)

    // LessEqThan(64) is sound only for operands below 2^64, so every compared value is
    // range-checked. seq and eventTimeMillis are range-checked too, so that exactly the
    // encodings defined above are provable (no alias of a u64 in the field).
    component vBits = AssertBits(64);
    vBits.in <== v;
    component minBits = AssertBits(64);
    minBits.in <== min;
    component maxBits = AssertBits(64);
    maxBits.in <== max;
    component seqBits = AssertBits(64);
    seqBits.in <== seq;
    component timeBits = AssertBits(64);
    timeBits.in <== eventTimeMillis;
    // sensorId < 2^248: a SHA-256 prefix, never an arbitrary field element.
    component sensorBits = AssertBits(248);
    sensorBits.in <== sensorId;

    component aboveMin = LessEqThan(64);
    aboveMin.in[0] <== min;
    aboveMin.in[1] <== v;
    aboveMin.out === 1;

    component belowMax = LessEqThan(64);
    belowMax.in[0] <== v;
    belowMax.in[1] <== max;
    belowMax.out === 1;

    component hash = Poseidon(5);
    hash.inputs[0] <== v;
    hash.inputs[1] <== blinding;
    hash.inputs[2] <== sensorId;
    hash.inputs[3] <== seq;
    hash.inputs[4] <== eventTimeMillis;
    commitment <== hash.out;
}

// Public signal order (snarkjs public.json): commitment, min, max, sensorId, seq, eventTimeMillis.
component main {public [min, max, sensorId, seq, eventTimeMillis]} = SensorRange();
