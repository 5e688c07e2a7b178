#!/usr/bin/env python3
"""Writes huge_function.wat: a zkedge module whose export `huge(x) -> x` is too large for one JVM
method, so Chicory's compiler must either refuse it (InterpreterFallback.FAIL) or leave that one
function to its interpreter (WARN, SILENT).

The bulk is one br_table with ENTRIES targets: one byte each in Wasm, four bytes each in the JVM's
tableswitch, so 17 KB of Wasm pass the JVM's 64 KB method limit.

Regenerate with:  python3 huge_function.py && wat2wasm huge_function.wat -o huge_function.wasm
Only the generator and the .wasm are kept; the .wat is one long line of zeros.
"""

ENTRIES = 17_000

wat = f"""(module
  (memory (export "memory") 1)
  (func (export "zk_abi_version") (result i32) (i32.const 1))
  (func (export "zk_describe") (param i32 i32) (result i32) (i32.const 0))
  (func (export "zk_alloc") (param i32) (result i32) (i32.const 8))
  (func (export "zk_free") (param i32 i32))
  (func (export "huge") (param $x i32) (result i32)
    (block $out
      (br_table {" ".join(["0"] * ENTRIES)} (local.get $x)))
    (local.get $x))
)
"""
with open("huge_function.wat", "w") as f:
    f.write(wat)
