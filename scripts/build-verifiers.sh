#!/usr/bin/env bash
# Builds the Wasm verifier and prover modules (Bulletproofs verifier and prover, Groth16 verifier)
# reproducibly and checks them.
#
#   scripts/build-verifiers.sh           build into verifiers/dist/ and update SHA256SUMS
#   scripts/build-verifiers.sh --check   rebuild in a scratch directory and fail unless the bytes
#                                        equal the committed verifiers/dist/ artifacts (CI)
#
# The wasm32 standard library ships only with Debian's rustc (1.63); it is installed with apt-get
# when missing. rustup's newer rustc stays first on PATH for native tests and benchmarks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-build}"
modules=(zkedge_bulletproofs_verifier zkedge_bulletproofs_prover zkedge_groth16_verifier)

ensure_toolchain() {
  if [[ -x /usr/bin/rustc && -x /usr/bin/cargo && -x /usr/bin/rust-lld \
        && -d /usr/lib/rustlib/wasm32-unknown-unknown/lib ]]; then
    return 0
  fi
  echo "build-verifiers: installing Debian's rustc, cargo, wasm32 std and lld" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq rustc cargo libstd-rust-dev-wasm32 lld-14 >&2
}

cargo_wasm() {
  local target_dir="$1" extra_flags="$2"
  shift 2
  # Fixed paths and flags make the output independent of where the checkout lives.
  (cd "$root/verifiers" && \
    RUSTC=/usr/bin/rustc \
    CARGO_HOME="$target_dir/cargo-home" \
    RUSTFLAGS="-C strip=symbols -C link-arg=-zstack-size=4194304 --remap-path-prefix=$root=/zkedge $extra_flags" \
    /usr/bin/cargo build --offline --locked --release --target wasm32-unknown-unknown \
      "$@" --target-dir "$target_dir" >&2)
}

build_into() {
  local target_dir="$1"
  cargo_wasm "$target_dir" "" -p zkedge-wasm-verifier -p zkedge-wasm-prover
  # The Groth16 verifier returns its Fp6/Fp12 values (216/432 bytes) through memory; with
  # bulk-memory, LLVM copies them with one `memory.copy`, which Chicory runs as one array copy,
  # instead of calling compiler_builtins' word-by-word memcpy (15 % of a verification under
  # Chicory). Chicory 1.7 and V8 both implement bulk memory (Wasm 2.0).
  cargo_wasm "$target_dir" "-C target-feature=+bulk-memory" -p zkedge-wasm-groth16
}

ensure_toolchain
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
build_into "$scratch/target"
out="$scratch/dist"
mkdir -p "$out"
for m in "${modules[@]}"; do
  cp "$scratch/target/wasm32-unknown-unknown/release/$m.wasm" "$out/$m.wasm"
  python3 "$root/scripts/check-wasm.py" "$out/$m.wasm"
done
(cd "$out" && sha256sum ./*.wasm | sed 's| \./| |' > SHA256SUMS)
# Run the built Groth16 module itself on the snarkjs vectors (rustc 1.63 once miscompiled a wasm32
# loop here, so native tests alone do not vouch for the .wasm). Needs Node; skipped without it.
if command -v node >/dev/null 2>&1; then
  node "$root/verifiers/wasm-groth16/wasm-check.mjs" "$out/zkedge_groth16_verifier.wasm"
else
  echo "build-verifiers: node not found; skipped running zkedge_groth16_verifier.wasm on its vectors" >&2
fi

if [[ "$mode" == "--check" ]]; then
  if ! diff -u "$root/verifiers/dist/SHA256SUMS" "$out/SHA256SUMS"; then
    echo "build-verifiers: the committed Wasm artifacts differ from a fresh build" >&2
    exit 1
  fi
  for m in "${modules[@]}"; do cmp "$root/verifiers/dist/$m.wasm" "$out/$m.wasm"; done
  echo "build-verifiers: committed artifacts match a fresh build" >&2
else
  mkdir -p "$root/verifiers/dist"
  cp "$out"/*.wasm "$out/SHA256SUMS" "$root/verifiers/dist/"
  cat "$root/verifiers/dist/SHA256SUMS"
fi
