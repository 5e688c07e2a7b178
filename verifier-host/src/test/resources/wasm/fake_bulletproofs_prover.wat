;; A stand-in for zkedge_bulletproofs_prover.wasm: it checks requests as ABI.md says (framing,
;; n and m, the value range) and returns the ABI's error codes, but makes no real proof.
;;
;; Output on success:
;;   kind 1: m commitments, commitment j = 32 bytes of (0xC1 + j); then a 64-byte proof of zeros
;;   kind 2: C = 32 bytes of 0xC0; r = the 32 seed bytes; then a 64-byte proof of zeros
;; A zero proof is "VALID" to fake_bulletproofs_verifier.wasm.
;; A blinding whose top byte has any of its high four bits set stands for "non-canonical" (-1).
(module
  (memory (export "memory") 2)

  (global $heap_base i32 (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (data (i32.const 16) "{\"module\":\"fake-prover\",\"abi\":1}")
  (global $description_len i32 (i32.const 32))

  (global $proof_len i32 (i32.const 64))

  (func (export "zk_abi_version") (result i32)
    (i32.const 1))

  (func (export "zk_describe") (param $out i32) (param $cap i32) (result i32)
    (memory.copy
      (local.get $out)
      (i32.const 16)
      (select (global.get $description_len) (local.get $cap)
              (i32.lt_u (global.get $description_len) (local.get $cap))))
    (global.get $description_len))

  (func (export "zk_alloc") (param $len i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (if (i32.lt_s (local.get $len) (i32.const 0))
      (then (return (i32.const 0))))
    (local.set $ptr (global.get $heap))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.sub
                  (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                  (memory.size)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (i32.and (i32.add (local.get $end) (i32.const 7)) (i32.const -8)))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $ptr))

  (func (export "zk_free") (param $ptr i32) (param $len i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live))
      (then (global.set $heap (global.get $heap_base)))))

  (func $supported_n (param $n i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $n) (i32.const 8)) (i32.eq (local.get $n) (i32.const 16)))
      (i32.or (i32.eq (local.get $n) (i32.const 32)) (i32.eq (local.get $n) (i32.const 64)))))

  (func $supported_m (param $m i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $m) (i32.const 1)) (i32.eq (local.get $m) (i32.const 2)))
      (i32.or (i32.eq (local.get $m) (i32.const 4)) (i32.eq (local.get $m) (i32.const 8)))))

  ;; Whether an unsigned 64-bit $v is below 2^$n (n in 8..64).
  (func $fits (param $v i64) (param $n i32) (result i32)
    (if (result i32) (i32.eq (local.get $n) (i32.const 64))
      (then (i32.const 1))
      (else (i64.eqz (i64.shr_u (local.get $v) (i64.extend_i32_u (local.get $n)))))))

  (func (export "zk_prove")
        (param $req i32) (param $req_len i32) (param $seed i32) (param $out i32) (param $out_cap i32)
        (result i32)
    (local $n i32)
    (local $m i32)
    (local $j i32)
    (local $p i32)
    (local $value i64)
    (local $min i64)
    (local $max i64)
    (local $out_len i32)
    (if (i32.lt_u (local.get $req_len) (i32.const 2))
      (then (return (i32.const -1))))
    (local.set $n (i32.load8_u offset=1 (local.get $req)))

    (if (i32.eq (i32.load8_u (local.get $req)) (i32.const 2))
      (then
        ;; u8 kind, u8 n, i64 value, i64 min, i64 max, u16 sensor_len, sensor, u64 seq, i64 time
        (if (i32.lt_u (local.get $req_len) (i32.const 28))
          (then (return (i32.const -1))))
        (if (i32.ne (local.get $req_len)
                    (i32.add (i32.const 44) (i32.load16_u offset=26 (local.get $req))))
          (then (return (i32.const -1))))
        (if (i32.eqz (call $supported_n (local.get $n)))
          (then (return (i32.const -3))))
        (local.set $value (i64.load offset=2 (local.get $req)))
        (local.set $min (i64.load offset=10 (local.get $req)))
        (local.set $max (i64.load offset=18 (local.get $req)))
        (if (i32.or
              (i32.or (i64.lt_s (local.get $value) (local.get $min))
                      (i64.gt_s (local.get $value) (local.get $max)))
              (i32.eqz (call $fits (i64.sub (local.get $max) (local.get $min)) (local.get $n))))
          (then (return (i32.const -4))))
        (local.set $out_len (i32.add (i32.const 64) (global.get $proof_len)))
        (if (i32.lt_u (local.get $out_cap) (local.get $out_len))
          (then (return (i32.const -5))))
        (memory.fill (local.get $out) (i32.const 0xc0) (i32.const 32))
        (memory.copy (i32.add (local.get $out) (i32.const 32)) (local.get $seed) (i32.const 32))
        (memory.fill (i32.add (local.get $out) (i32.const 64)) (i32.const 0) (global.get $proof_len))
        (return (local.get $out_len))))

    (if (i32.eq (i32.load8_u (local.get $req)) (i32.const 1))
      (then
        ;; u8 kind, u8 n, u8 m, u16 label_len, label, m x (u64 value, 32-byte blinding)
        (if (i32.lt_u (local.get $req_len) (i32.const 5))
          (then (return (i32.const -1))))
        (local.set $m (i32.load8_u offset=2 (local.get $req)))
        (if (i32.ne (local.get $req_len)
                    (i32.add (i32.add (i32.const 5) (i32.load16_u offset=3 (local.get $req)))
                             (i32.mul (local.get $m) (i32.const 40))))
          (then (return (i32.const -1))))
        (if (i32.or (i32.eqz (call $supported_n (local.get $n)))
                    (i32.eqz (call $supported_m (local.get $m))))
          (then (return (i32.const -3))))
        (local.set $p (i32.add (i32.add (local.get $req) (i32.const 5))
                               (i32.load16_u offset=3 (local.get $req))))
        (block $checked
          (loop $next
            (br_if $checked (i32.ge_u (local.get $j) (local.get $m)))
            (if (i32.and (i32.load8_u offset=39 (local.get $p)) (i32.const 0xf0))
              (then (return (i32.const -1))))
            (if (i32.eqz (call $fits (i64.load (local.get $p)) (local.get $n)))
              (then (return (i32.const -4))))
            (local.set $p (i32.add (local.get $p) (i32.const 40)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $next)))
        (local.set $out_len (i32.add (i32.mul (local.get $m) (i32.const 32)) (global.get $proof_len)))
        (if (i32.lt_u (local.get $out_cap) (local.get $out_len))
          (then (return (i32.const -5))))
        (local.set $j (i32.const 0))
        (block $written
          (loop $next
            (br_if $written (i32.ge_u (local.get $j) (local.get $m)))
            (memory.fill
              (i32.add (local.get $out) (i32.mul (local.get $j) (i32.const 32)))
              (i32.add (i32.const 0xc1) (local.get $j))
              (i32.const 32))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $next)))
        (memory.fill
          (i32.add (local.get $out) (i32.mul (local.get $m) (i32.const 32)))
          (i32.const 0)
          (global.get $proof_len))
        (return (local.get $out_len))))

    (i32.const -1))
)
