#!/usr/bin/env python3
"""Check proofs against an independent reference of dalek's Bulletproofs verifier.

Usage:
  crosscheck.py [--jobs J] [--expect VERDICT] [FILE ...]   verify JSON lines (stdin if no FILE, or -)
  crosscheck.py --tamper [FILE ...]                         print tampered copies of JSON lines
  crosscheck.py --golden [PATH]                             print dalek's golden proofs as JSON lines
  crosscheck.py --selftest                                  known-answer tests of the reference itself

A JSON line is one proof, in the form `zkedge prove bulletproofs` or `zkedge prove range` prints:

  {"bits": 8, "label": "…", "commitments": ["hex", …], "proof": "hex"}                 (plain dalek)
  {"bits": 8, "commitment": "hex", "proof": "hex", "min": -10, "max": 100,
   "sensor": "…", "seq": 7, "time": 1764000000000}                                     (zkedge range)

with optional "name" (shown in the output) and "expect": valid, invalid, malformed, unsupported,
or rejected (anything but valid); the default is --expect (default: valid). Other fields are ignored.

Verify prints one line per proof, "PASS" or "FAIL", the verdict, the name and, when not valid,
the reason; then "N passed, M failed". Exit: 0 all as expected, 1 any not, 2 bad input.
"""

import argparse
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bulletproofs  # noqa: E402
import ristretto  # noqa: E402
import zkedge_range  # noqa: E402
from bulletproofs import BulletproofGens, PedersenGens, ProofError  # noqa: E402
from merlin import Transcript  # noqa: E402

VERDICTS = ("valid", "invalid", "malformed", "unsupported")
EXPECTATIONS = VERDICTS + ("rejected",)

# The generators of a plain proof: BulletproofGens::new(64, 8) (what zkedge and dalek's tests use;
# any capacity at least (n, m) gives the same points).
RAW_GENS = BulletproofGens(64, 8)

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GOLDEN_PATH = os.path.join(REPO, "testdata", "bulletproofs", "dalek-v1-range-proofs.txt")


class InputError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Verifying one record

def kind_of(record):
    if "commitments" in record:
        return "bulletproofs"
    if "commitment" in record:
        return "range"
    raise InputError("a record needs 'commitments' (plain dalek proof) or 'commitment' (zkedge range)")


def default_name(record):
    if kind_of(record) == "bulletproofs":
        return f"bulletproofs n={record['bits']} m={len(record['commitments'])} label={record.get('label', '')!r}"
    return (f"range n={record['bits']} [{record['min']}, {record['max']}] sensor={record['sensor']!r} "
            f"seq={record['seq']} time={record['time']}")


def _hex(record, field):
    try:
        return bytes.fromhex(record[field])
    except (ValueError, TypeError) as e:
        raise InputError(f"'{field}' is not hex: {e}") from e


def verify_record(record):
    """(verdict, reason) for one record."""
    if kind_of(record) == "bulletproofs":
        try:
            commitments = [bytes.fromhex(c) for c in record["commitments"]]
        except (ValueError, TypeError) as e:
            raise InputError(f"'commitments' is not a list of hex strings: {e}") from e
        return verify_raw(record["bits"], record.get("label", "").encode(), commitments, _hex(record, "proof"))
    return zkedge_range.verify(record["bits"], _hex(record, "commitment"), record["min"], record["max"],
                               record["sensor"].encode(), record["seq"], record["time"], _hex(record, "proof"))


def verify_raw(bits, label, commitments, proof):
    """A plain dalek proof: RangeProof::from_bytes, then verify_multiple on Transcript::new(label)."""
    if any(len(c) != 32 for c in commitments):
        return "malformed", "a commitment is not 32 bytes"
    try:
        range_proof = bulletproofs.RangeProof.from_bytes(proof)
        bulletproofs.verify_multiple(range_proof, RAW_GENS, PedersenGens, Transcript(label), commitments, bits)
    except ProofError as e:
        verdict = {bulletproofs.FORMAT_ERROR: "malformed",
                   bulletproofs.VERIFICATION_ERROR: "invalid"}.get(e.kind, "unsupported")
        return verdict, str(e)
    return "valid", ""


def matches(verdict, expect):
    return verdict != "valid" if expect == "rejected" else verdict == expect


def check(item):
    """Worker: (line number, record, default expectation) -> an output line and pass/fail."""
    number, record, default_expect = item
    name = record.get("name") or default_name(record)
    expect = record.get("expect", default_expect)
    if expect not in EXPECTATIONS:
        raise InputError(f"line {number}: 'expect' must be one of {', '.join(EXPECTATIONS)}")
    start = time.monotonic()
    verdict, reason = verify_record(record)
    seconds = time.monotonic() - start
    ok = matches(verdict, expect)
    line = f"{'PASS' if ok else 'FAIL'}  {verdict:<11} {name}"
    if reason:
        line += f"  [{reason}]"
    if not ok:
        line += f"  (expected {expect})"
    return f"{line}  ({seconds:.1f}s)", ok


def read_records(paths):
    records = []
    for path in paths or ["-"]:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        with stream:
            for number, text in enumerate(stream, 1):
                text = text.strip()
                if not text or text.startswith("#"):
                    continue
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path} line {number}: not JSON: {e}") from e
                kind_of(record)
                records.append((f"{path}:{number}", record))
    return records


def run_verify(paths, default_expect, jobs):
    records = read_records(paths)
    items = [(number, record, default_expect) for number, record in records]
    passed = failed = 0
    if jobs > 1 and len(items) > 1:
        import multiprocessing
        # Warm the generator cache before forking, so that the workers inherit it.
        RAW_GENS.G(64, 8), RAW_GENS.H(64, 8)
        with multiprocessing.Pool(jobs) as pool:
            results = pool.imap(check, items)
            for line, ok in results:
                print(line, flush=True)
                passed, failed = passed + ok, failed + (not ok)
    else:
        for item in items:
            line, ok = check(item)
            print(line, flush=True)
            passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


# ---------------------------------------------------------------------------------------------
# Tampered copies: each must be rejected

def _flip(hex_string, position):
    data = bytearray(bytes.fromhex(hex_string))
    data[position] ^= 0x01
    return data.hex()


def _plus_basepoint(hex_point):
    """The commitment to value + 1 with the same blinding: C + B."""
    point = ristretto.decode(bytes.fromhex(hex_point))
    return ristretto.encode(ristretto.add(point, ristretto.BASEPOINT)).hex()


def _proof_flip_positions(proof_hex, index):
    """Two byte positions in the proof, varied with the record's index over its parts."""
    size = len(proof_hex) // 2
    parts = [("A", 0 * 32 + 5), ("S", 1 * 32 + 30), ("T_1", 2 * 32 + 9), ("T_2", 3 * 32 + 0),
             ("t_x", 4 * 32 + 3), ("t_x_blinding", 5 * 32 + 11), ("e_blinding", 6 * 32 + 17),
             ("L_0", 7 * 32 + 1), ("R_0", 8 * 32 + 20), ("last R", size - 3 * 32 + 7),
             ("a", size - 2 * 32 + 2), ("b", size - 32 + 4)]
    return [parts[index % len(parts)], parts[(index + 5) % len(parts)]]


def tampered(record, index):
    """Copies of ``record`` with one thing changed, each expected to be rejected."""
    name = record.get("name") or default_name(record)

    def copy(what, **changes):
        out = {k: v for k, v in record.items() if k not in ("name", "expect")}
        out.update(changes)
        out["name"] = f"{name} / {what}"
        out["expect"] = "rejected"
        return out

    for part, position in _proof_flip_positions(record["proof"], index):
        yield copy(f"proof byte {position} ({part}) flipped", proof=_flip(record["proof"], position))

    if kind_of(record) == "bulletproofs":
        commitments = record["commitments"]
        j = index % len(commitments)
        changed = list(commitments)
        changed[j] = _plus_basepoint(commitments[j])
        yield copy(f"commitment {j} + B", commitments=changed)
        yield copy("label changed", label=record.get("label", "") + "!")
        if len(commitments) > 1 and commitments[0] != commitments[1]:
            swapped = [commitments[1], commitments[0]] + commitments[2:]
            yield copy("commitments 0 and 1 swapped", commitments=swapped)
        return

    low, high = record["min"], record["max"]
    yield copy("commitment + B", commitment=_plus_basepoint(record["commitment"]))
    yield copy("sensor changed", sensor=record["sensor"] + "!")
    yield copy("seq + 1", seq=(record["seq"] + 1) % (1 << 64))
    yield copy("time changed", time=record["time"] + 1 if record["time"] < zkedge_range.I64_MAX else record["time"] - 1)
    yield copy("min changed", min=low + 1 if low < high else low - 1)
    yield copy("max changed", max=high - 1 if high > low else high + 1)


def run_tamper(paths):
    for index, (_, record) in enumerate(read_records(paths)):
        for copy in tampered(record, index):
            print(json.dumps(copy))
    return 0


# ---------------------------------------------------------------------------------------------
# dalek's golden proofs (testdata/bulletproofs/dalek-v1-range-proofs.txt)

def golden_records(path=GOLDEN_PATH):
    label = None
    records = []
    with open(path, encoding="utf-8") as f:
        for text in f:
            text = text.strip()
            if text.startswith("# label:"):
                label = text[len("# label:"):].strip()
            if not text or text.startswith("#"):
                continue
            n, m, commitments, proof = text.split(" ")
            if label is None:
                raise InputError(f"{path}: no '# label:' line before the proofs")
            records.append({"name": f"dalek golden n={n} m={m}", "bits": int(n), "label": label,
                            "commitments": commitments.split(","), "proof": proof, "expect": "valid"})
    if len(records) != 16:
        raise InputError(f"{path}: {len(records)} proofs, expected 16")
    return records


def run_golden(path):
    for record in golden_records(path):
        print(json.dumps(record))
    return 0


# ---------------------------------------------------------------------------------------------
# Self-test: known answers for every layer, then dalek's golden proofs

# i*B for i = 0..15 (curve25519-dalek ristretto.rs test encodings_of_small_multiples_of_basepoint;
# the same values are RFC 9496 appendix A.1).
SMALL_MULTIPLES = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
    "f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
    "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
    "903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
    "02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
    "20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
    "bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
    "e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
    "aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
    "46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
    "e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
]

# (field element bytes, encoding of its Elligator image) (curve25519-dalek ristretto.rs test
# elligator_vs_ristretto_sage).
ELLIGATOR = [
    ("b8f98731fd7b597143a006ef0769d329c0f9b939096646c60f7f071aa0668647",
     "b09ded61421d8ca6a85e1a9dd4d8e5a0c3f6e8efa9703fc1402098450bbef656"),
    ("e50ef1e34b09763c8099e215b7d95b886200e79c7c4d528b8e86a4a9a93efa34",
     "ea8d4dcbb5e1fa4aab3e0f764ed49613830ebceec2f48d8aa6a2537ae4c9131a"),
    ("736d24dcb4df6306cca9131da9445417156dbd957fcd5b66ac2370238645ba22",
     "e8e7335c05a85024adb36844ba9544288caa1b67638c15f22b3efa86d0ff3d59"),
    ("1031606babc7a4098110403ef13f84add1a070d769329d51fd69019ae5197853",
     "d0788c81b1b3ed9ffca01c0dce05d3f1c0da016182f114a9772ef61d4f504d54"),
    ("9c83a1a2ecfb05bba7ab11b294d25acf56154fa1a7d7ea0188f2b6f826554f56",
     "ca0bec913a0cb59dd106d5584b930b77bf8b2f8e212499c1dfb7b208cd78f86e"),
    ("fbb17c3612654bebf5ba132e859de5400a88b5b94e90fea789316b0a3d0a1519",
     "1a42e743cbaf748220883efdd72e05d6a6f86cedd847f4ad488552068ff06829"),
    ("e8c11444f04dba4db7282c56961fc6d44c5103d9c5087e807e98a4d0992cbd4d",
     "289d6660c9dfc8c596b56a53677e8f2191e64e06ab92d28f7005f517b78a1278"),
    ("ade595b125e61e453d38acbedb73a7c247863b4b1cf4761aa26140100fbd1e40",
     "dc251bcbefc4b0832542bcf3b9fa7117a7d39af3a8d736ab9f24c3510d962b2b"),
    ("6a473d6bfa752a975bcad46434bcbe157dda1f12fdf1a08539f203a4bd446f4b",
     "e879b0deb7c49f5aeec1693465a7f4aa7972c406439850b9dd075369b0d0e079"),
    ("70ccb65adcc67849ad6bc111e328a224968deb37acb70c27c2882b99f4765b59",
     "e2b5b734f1a33db3ddcfdc49f5f219ec4354b3dea73ea7b620095c1ea57fcc44"),
    ("6f18cb7bfebd0ba233c4a388cc8f0ade217051cd222308425a06a43aaab12219",
     "e27710f2c88bf0570bde5c929cf32e77413b01f85cb732af5728ce35d0dc940d"),
    ("e1b71e34ec5206b76d19e3b5195229c1504da150f2cb4fcc88f5836eed6a033a",
     "46f04f70369de4924a7ad858e83e9e0d0e927375b0de5ae1f4175ebe96078860"),
    ("cff626381e56b05a1bc83d2add1b38d24fb2bd7844c178a74db935c57c80bf7e",
     "1647f1672dc1c390b7659a322744316e332c3e00e5714851a81d496a66288418"),
    ("0188d750f02e3f9310f4e6cf52bd4a326aa98a561e83d6caa67dfbe462182415",
     "c4856b0b82694a21ccab85ddaec1f12426b3c46bdbb9b5fde42f9b2ae749294e"),
    ("d2cfe4389b74cf3654c3fbd7f9c7744b6defc4fbc2f6fce446929c231927f104",
     "3affe1c573d0a08f27c552458feb5caa4a28390babe31ab9d9cf5ab9c5be233c"),
    ("22747b0908285dbd0967396742e303029d6b86dbca4ae69a4e6bdbc3d60e5450",
     "582b5c76df886991eeba7308d67099fd266ccde69d820b426555fd6e6e0e9470"),
]

# Encodings that must not decode: s >= p, s "negative" (odd), bit 255 set, all ones.
BAD_ENCODINGS = [
    (2**255 - 19).to_bytes(32, "little").hex(),
    (1).to_bytes(32, "little").hex(),
    (2**255 + 2).to_bytes(32, "little").hex(),
    "ff" * 32,
]

# Merlin (testdata/merlin/transcript-vectors.txt: merlin's equivalence_simple and
# equivalence_complex tests, expected values from the Go port's tests).
MERLIN_SIMPLE = "d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615"
MERLIN_COMPLEX = "a8c933f54fae76e3f9bea93648c1308e7dfa2152dd51674ff3ca438351cf003c"


def _selftests():
    """Yields (name, ok, detail)."""
    B = ristretto.BASEPOINT
    point = ristretto.IDENTITY
    ok = True
    for i, expected in enumerate(SMALL_MULTIPLES):
        enc = ristretto.encode(point)
        ok &= enc.hex() == expected and ristretto.encode(ristretto.scalar_mul(i, B)) == enc
        ok &= i == 0 or ristretto.encode(ristretto.decode(enc)) == enc
        point = ristretto.add(point, B)
    yield "ristretto255: encodings of 0*B .. 15*B (add, scalar_mul, decode)", ok, ""

    p = ristretto.scalar_mul(123456789, B)
    ok = ristretto.equal(ristretto.double(p), ristretto.add(p, p))
    ok &= ristretto.is_identity(ristretto.scalar_mul(ristretto.L, p))
    ok &= ristretto.is_identity(ristretto.sub(p, p))
    yield "ristretto255: double = add, L*P = 0, P - P = 0", ok, ""

    scalars = [(i * 0x9E3779B97F4A7C15 ** 3 + 7) % ristretto.L for i in range(40)]
    points = [ristretto.scalar_mul(i + 2, B) for i in range(40)]
    naive = ristretto.IDENTITY
    for k, q in zip(scalars, points):
        naive = ristretto.add(naive, ristretto.scalar_mul(k, q))
    yield "ristretto255: multiscalar_mul = sum of scalar_mul (40 points)", \
        ristretto.equal(naive, ristretto.multiscalar_mul(scalars, points)), ""

    ok = all(ristretto.encode(ristretto.elligator(ristretto.field_from_bytes(bytes.fromhex(t)))).hex() == image
             for t, image in ELLIGATOR)
    yield "ristretto255: Elligator map, 16 vectors", ok, ""

    yield "ristretto255: bad encodings are refused", \
        all(ristretto.decode(bytes.fromhex(e)) is None for e in BAD_ENCODINGS), ""

    t = Transcript(b"test protocol")
    t.append_message(b"some label", b"some data")
    got = t.challenge_bytes(b"challenge", 32).hex()
    yield "merlin: equivalence_simple", got == MERLIN_SIMPLE, "" if got == MERLIN_SIMPLE else got

    t = Transcript(b"test protocol")
    t.append_message(b"step1", b"some data")
    data = b""
    for _ in range(32):
        data = t.challenge_bytes(b"challenge", 32)
        t.append_message(b"bigdata", bytes([99]) * 1024)
        t.append_message(b"challengedata", data)
    yield "merlin: equivalence_complex", data.hex() == MERLIN_COMPLEX, "" if data.hex() == MERLIN_COMPLEX else data.hex()

    b_blinding = ristretto.encode(PedersenGens.B_blinding).hex()
    ok = b_blinding == "8c9240b456a9e6dc65c377a1048d745f94a08cdb7f44cbcd7b46f34048871134"
    yield "generators: B_blinding", ok, "" if ok else b_blinding

    golden = golden_records()
    for record in golden:
        verdict, reason = verify_record(record)
        yield f"bulletproofs: {record['name']} verifies", verdict == "valid", reason

    # Negative controls on the golden proofs.
    for record in (golden[0], golden[5], golden[15]):
        for copy in tampered(record, golden.index(record)):
            verdict, reason = verify_record(copy)
            yield f"bulletproofs: {copy['name']} is rejected", verdict != "valid", f"{verdict}: {reason}"

    # The same proof under a fixed, different batching scalar c still verifies (c only batches).
    record = golden[1]
    range_proof = bulletproofs.RangeProof.from_bytes(bytes.fromhex(record["proof"]))
    try:
        bulletproofs.verify_multiple(range_proof, RAW_GENS, PedersenGens, Transcript(record["label"].encode()),
                                     [bytes.fromhex(c) for c in record["commitments"]], record["bits"],
                                     random_scalar=lambda: 12345)
        yield "bulletproofs: verification does not depend on c", True, ""
    except ProofError as e:
        yield "bulletproofs: verification does not depend on c", False, str(e)


def run_selftest():
    passed = failed = 0
    for name, ok, detail in _selftests():
        line = f"{'PASS' if ok else 'FAIL'}  selftest    {name}"
        if detail:
            line += f"  [{detail}]"
        print(line, flush=True)
        passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


# ---------------------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--tamper", action="store_true", help="print tampered copies (expect rejected)")
    mode.add_argument("--golden", nargs="?", const=GOLDEN_PATH, metavar="PATH",
                      help="print dalek's golden proofs as JSON lines")
    mode.add_argument("--selftest", action="store_true", help="known-answer tests of the reference")
    parser.add_argument("--expect", choices=EXPECTATIONS, default="valid",
                        help="expected verdict for records without 'expect' (default: valid)")
    parser.add_argument("--jobs", type=int, default=1, help="verify with this many processes")
    parser.add_argument("files", nargs="*", help="JSON-lines files; - or none for stdin")
    args = parser.parse_args(argv)
    try:
        if args.selftest:
            return run_selftest()
        if args.golden:
            return run_golden(args.golden)
        if args.tamper:
            return run_tamper(args.files)
        return run_verify(args.files, args.expect, args.jobs)
    except KeyError as e:
        print(f"crosscheck: a record lacks the field {e}", file=sys.stderr)
        return 2
    except (InputError, OSError) as e:
        print(f"crosscheck: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
