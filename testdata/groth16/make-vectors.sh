#!/usr/bin/env bash
# Regenerates the snarkjs Groth16 test vectors in this folder (not part of the build; needs npm).
# Setup randomness comes from `beacon` steps only, so the keys are reproducible; the proofs are
# not (snarkjs draws fresh prover randomness), which is fine: any valid proof is a vector.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-/tmp/zkedge-groth16-vectors}"
mkdir -p "$work" && cd "$work"
[[ -x node_modules/.bin/snarkjs ]] || npm install --no-save snarkjs@0.7.6 circom2@0.2.23 >&2
S=node_modules/.bin/snarkjs
cp "$here/mulsum.circom" "$here/make-proofs.js" .
node_modules/.bin/circom2 mulsum.circom --r1cs --wasm -o .
$S powersoftau new bn128 6 pot0.ptau
$S powersoftau beacon pot0.ptau pot1.ptau 7a6b656467652d67726f746831362d746573742d766563746f72732d7633 10 -n="zkedge beacon"
$S powersoftau prepare phase2 pot1.ptau pot_final.ptau
$S groth16 setup mulsum.r1cs pot_final.ptau mulsum_0.zkey
$S zkey beacon mulsum_0.zkey mulsum.zkey 7a6b656467652d67726f746831362d7a6b65792d6265616301 10 -n="zkedge zkey beacon"
$S zkey export verificationkey mulsum.zkey verification_key.json
NODE_PATH=node_modules node make-proofs.js
cp verification_key.json "$here/mulsum-verification_key.json"
cp proofs.json "$here/mulsum-proofs.json"
{
  echo "# Groth16/BN254 vectors made with snarkjs 0.7.6 + circom2 0.2.23 (see README.md); converted by"
  echo "# snarkjs_to_compact.py from mulsum-verification_key.json and mulsum-proofs.json."
  python3 "$here/snarkjs_to_compact.py" "$here/mulsum-verification_key.json" "$here/mulsum-proofs.json"
} > "$here/mulsum.txt"
