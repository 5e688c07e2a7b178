#!/usr/bin/env bash
# Builds the Groth16 sensor circuit and its keys reproducibly (circuits/README.md).
#
#   scripts/build-circuits.sh             compile + setup into run/circuits/, update circuits/build/
#   scripts/build-circuits.sh --check     rebuild in a scratch directory; fail unless every
#                                         artifact hashes as circuits/build/SHA256SUMS says, the
#                                         circuit tests pass and the committed
#                                         testdata/groth16-sensor/ cases hold (CI)
#   scripts/build-circuits.sh --testdata  build, then write fresh proofs and tampered cases into
#                                         testdata/groth16-sensor/ (proofs are randomised: new bytes)
#
# The toolchain is pinned by circuits/package.json and package-lock.json and installed with
# `npm ci` into circuits/node_modules/ (gitignored). The setup is a powers-of-tau ceremony and a
# phase-2 ceremony that each take ONLY a public beacon, so anyone can rebuild the same keys — and
# anyone can derive their toxic waste: these keys are for tests and demos, never for production
# (README.md, "Trusted setup").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-build}"
case "$mode" in build|--check|--testdata) ;; *)
  echo "usage: scripts/build-circuits.sh [--check|--testdata]" >&2; exit 2 ;;
esac

circuit=sensor_range
# 2^11 points: the circuit's 1017 constraints plus the nPublic + 1 = 7 that groth16 setup adds
# fill the 2^10 domain exactly; one more power leaves room to grow without a new ceremony file.
ptau_power=11
# Beacons: SHA-256 of a fixed label, so the value is documented and cannot have been chosen to
# match a secret. 2^10 hash iterations, as in the snarkjs README examples.
ptau_beacon="$(printf 'zkedge powers of tau beacon v1' | sha256sum | cut -d' ' -f1)"
zkey_beacon="$(printf 'zkedge sensor_range phase2 beacon v1' | sha256sum | cut -d' ' -f1)"
beacon_iterations=10

tools="$root/circuits/node_modules"
snarkjs() { node "$tools/snarkjs/build/cli.cjs" "$@"; }

ensure_toolchain() {
  if [[ -x "$tools/.bin/circom2" && -f "$tools/snarkjs/build/cli.cjs" \
        && -f "$tools/circomlib/circuits/poseidon.circom" ]]; then
    return 0
  fi
  echo "build-circuits: installing the pinned npm toolchain into circuits/node_modules" >&2
  (cd "$root/circuits" && npm ci --no-audit --no-fund --ignore-scripts >&2)
}

step() { # step NAME COMMAND...: runs the command quietly, prints its wall time to stderr
  local name="$1" t0 t1; shift
  t0=$(date +%s%N)
  "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; echo "build-circuits: $name failed" >&2; exit 1; }
  t1=$(date +%s%N)
  printf 'build-circuits: %-14s %6d ms\n' "$name" $(( (t1 - t0) / 1000000 )) >&2
}

# The public signal order documented in circuits/README.md: wires 1..6 of the witness.
check_public_order() {
  local want="1 main.commitment,2 main.min,3 main.max,4 main.sensorId,5 main.seq,6 main.eventTimeMillis,"
  local got
  got="$(awk -F, '$2 >= 1 && $2 <= 6 { print $2 " " $4 }' "$1" | sort -n | tr '\n' ',')"
  if [[ "$got" != "$want" ]]; then
    echo "build-circuits: public signal order changed: $got (circuits/README.md says $want)" >&2
    exit 1
  fi
}

build_into() {
  local out="$1"
  mkdir -p "$out"
  # Relative paths: the compiler records no absolute path of this checkout in its outputs.
  step compile bash -c "cd '$root/circuits' && '$tools/.bin/circom2' $circuit.circom --O2 \
      -l node_modules --r1cs --wasm --sym -o '$out'"
  check_public_order "$out/$circuit.sym"
  mv "$out/${circuit}_js/$circuit.wasm" "$out/$circuit.wasm"
  rm -rf "$out/${circuit}_js"
  step ptau-new snarkjs powersoftau new bn128 "$ptau_power" "$out/pot_0000.ptau"
  step ptau-beacon snarkjs powersoftau beacon "$out/pot_0000.ptau" "$out/pot_beacon.ptau" \
      "$ptau_beacon" "$beacon_iterations" -n="zkedge ptau beacon"
  step ptau-phase2 snarkjs powersoftau prepare phase2 "$out/pot_beacon.ptau" "$out/pot_final.ptau"
  step groth16-setup snarkjs groth16 setup "$out/$circuit.r1cs" "$out/pot_final.ptau" "$out/${circuit}_0000.zkey"
  step zkey-beacon snarkjs zkey beacon "$out/${circuit}_0000.zkey" "$out/$circuit.zkey" \
      "$zkey_beacon" "$beacon_iterations" -n="zkedge phase2 beacon"
  step export-vk snarkjs zkey export verificationkey "$out/$circuit.zkey" "$out/verification_key.json"
  rm -f "$out/pot_0000.ptau" "$out/pot_beacon.ptau" "$out/${circuit}_0000.zkey"
  node "$root/scripts/lib/groth16-encode.cjs" circuit-id "$out/verification_key.json" > "$out/circuit-id.txt"
  (cd "$out" && sha256sum pot_final.ptau $circuit.r1cs $circuit.wasm $circuit.zkey \
      verification_key.json > SHA256SUMS)
}

verify_testdata() {
  local data="$root/testdata/groth16-sensor" name verdict rest
  # Every case: snarkjs's answer, the encodings and the record fields (in-process).
  node "$root/scripts/lib/groth16-testdata.cjs" verify "$data"
  # The valid proofs once more through the snarkjs command line, as a user would check them.
  while IFS=$'\t' read -r name verdict rest; do
    [[ "$name" == \#* || "$verdict" != valid ]] && continue
    if ! snarkjs groth16 verify "$data/verification_key.json" "$data/$name/public.json" \
        "$data/$name/proof.json" | grep -q 'OK!'; then
      echo "build-circuits: snarkjs groth16 verify rejects $name" >&2
      exit 1
    fi
  done < "$data/cases.txt"
  echo "build-circuits: snarkjs groth16 verify (CLI) accepts every valid case" >&2
}

ensure_toolchain
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ "$mode" == "--check" ]]; then
  build_into "$work/build"
  node "$root/scripts/lib/groth16-testdata.cjs" circuit-tests "$work/build"
  if ! diff -u "$root/circuits/build/SHA256SUMS" "$work/build/SHA256SUMS"; then
    echo "build-circuits: the committed circuit artifacts differ from a fresh build" >&2
    exit 1
  fi
  for f in verification_key.json circuit-id.txt; do
    cmp "$root/circuits/build/$f" "$work/build/$f"
    cmp "$root/circuits/build/$f" "$root/testdata/groth16-sensor/$f"
  done
  verify_testdata
  echo "build-circuits: committed artifacts match a fresh build; testdata verdicts hold" >&2
  exit 0
fi

out="$root/run/circuits"
rm -rf "$out"
build_into "$out"
mkdir -p "$root/circuits/build"
cp "$out/SHA256SUMS" "$out/verification_key.json" "$out/circuit-id.txt" "$root/circuits/build/"
echo "circuit id: $(cat "$out/circuit-id.txt")" >&2
node "$root/scripts/lib/groth16-testdata.cjs" circuit-tests "$out"
if [[ "$mode" == "--testdata" ]]; then
  node "$root/scripts/lib/groth16-testdata.cjs" generate "$out" "$root/testdata/groth16-sensor"
  verify_testdata
fi
cat "$root/circuits/build/SHA256SUMS"
