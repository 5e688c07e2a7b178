#!/usr/bin/env python3
"""Converts snarkjs Groth16 JSON (verification_key.json, proofs with public signals) into the
compact zkedge encodings of docs/groth16.md, as hex text that the Rust tests read.

  python3 snarkjs_to_compact.py mulsum-verification_key.json mulsum-proofs.json > mulsum.txt

Output lines: `vk <hex>` once, then `proof <proof hex> <public inputs hex>` per proof.
Encodings: Fp/Fr 32 bytes big-endian; G1 x||y; G2 x.c1||x.c0||y.c1||y.c0 (snarkjs JSON lists
Fp2 values real part first, so the halves are swapped here); vk = u32 BE nPublic || alpha ||
beta || gamma || delta || IC[0..=nPublic]; proof = A || B || C.
"""
import json
import sys

P = 21888242871839275222246405745257275088696311157297823662689037894645226208583
R = 21888242871839275222246405745257275088548364400416034343698204186575808495617


def fp(v):
    n = int(v)
    assert 0 <= n < P
    return n.to_bytes(32, "big")


def g1(pt):
    # snarkjs writes affine points with z = 1 (or z = 0 for infinity).
    if pt[2] == "0":
        return bytes(64)
    assert pt[2] == "1", "projective G1 point with z != 1"
    return fp(pt[0]) + fp(pt[1])


def g2(pt):
    if pt[2] == ["0", "0"]:
        return bytes(128)
    assert pt[2] == ["1", "0"], "projective G2 point with z != 1"
    (x0, x1), (y0, y1) = pt[0], pt[1]
    return fp(x1) + fp(x0) + fp(y1) + fp(y0)


def vk_bytes(vk):
    assert vk["protocol"] == "groth16" and vk["curve"] == "bn128"
    n = int(vk["nPublic"])
    assert len(vk["IC"]) == n + 1
    out = n.to_bytes(4, "big") + g1(vk["vk_alpha_1"])
    for k in ("vk_beta_2", "vk_gamma_2", "vk_delta_2"):
        out += g2(vk[k])
    for ic in vk["IC"]:
        out += g1(ic)
    return out


def proof_bytes(proof):
    assert proof.get("protocol", "groth16") == "groth16"
    return g1(proof["pi_a"]) + g2(proof["pi_b"]) + g1(proof["pi_c"])


def public_bytes(signals):
    out = b""
    for s in signals:
        n = int(s)
        assert 0 <= n < R
        out += n.to_bytes(32, "big")
    return out


def main():
    vk = json.load(open(sys.argv[1]))
    print("vk", vk_bytes(vk).hex())
    for entry in json.load(open(sys.argv[2])):
        assert len(entry["public"]) == int(vk["nPublic"])
        print("proof", proof_bytes(entry["proof"]).hex(), public_bytes(entry["public"]).hex())


if __name__ == "__main__":
    main()
