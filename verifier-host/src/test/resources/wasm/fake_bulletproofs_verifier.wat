;; A stand-in for zkedge_bulletproofs_verifier.wasm that parses requests exactly as ABI.md frames
;; them but does no cryptography: a statement's status is read from its proof.
;;
;;   proof empty          -> 2 (MALFORMED)
;;   first proof byte 0xFF -> the whole call traps (`unreachable`): a "poisonous" statement
;;   otherwise            -> first proof byte & 3 (0 VALID, 1 INVALID, 2 MALFORMED, 3 UNSUPPORTED)
;;
;; Request errors as in ABI.md: -1 broken framing (overrun, trailing bytes, unknown kind),
;; -2 count of 0 or above 256. So a host that frames a statement wrongly gets -1, not a status.
(module
  (memory (export "memory") 2)

  (global $heap_base i32 (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (data (i32.const 16) "{\"module\":\"fake-verifier\",\"abi\":1}")
  (global $description_len i32 (i32.const 34))

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

  ;; The status for a proof at [$proof, $proof + $len).
  (func $status (param $proof i32) (param $len i32) (result i32)
    (local $first i32)
    (if (i32.eqz (local.get $len))
      (then (return (i32.const 2))))
    (local.set $first (i32.load8_u (local.get $proof)))
    (if (i32.eq (local.get $first) (i32.const 0xff))
      (then (unreachable)))
    (i32.and (local.get $first) (i32.const 3)))

  (func (export "zk_verify_batch")
        (param $req i32) (param $req_len i32) (param $seed i32) (param $out i32) (result i32)
    (local $count i32)
    (local $i i32)
    (local $p i32)
    (local $end i32)
    (local $kind i32)
    (local $m i32)
    (local $proof_len i32)
    (if (i32.lt_u (local.get $req_len) (i32.const 4))
      (then (return (i32.const -1))))
    (local.set $count (i32.load (local.get $req)))
    (if (i32.or (i32.eqz (local.get $count)) (i32.gt_u (local.get $count) (i32.const 256)))
      (then (return (i32.const -2))))
    (local.set $p (i32.add (local.get $req) (i32.const 4)))
    (local.set $end (i32.add (local.get $req) (local.get $req_len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (if (i32.ge_u (local.get $p) (local.get $end))
          (then (return (i32.const -1))))
        (local.set $kind (i32.load8_u (local.get $p)))
        (if (i32.eq (local.get $kind) (i32.const 1))
          (then
            ;; u8 kind, u8 n, u8 m, u16 label_len, label, m x 32 commitments
            (if (i32.gt_u (i32.add (local.get $p) (i32.const 5)) (local.get $end))
              (then (return (i32.const -1))))
            (local.set $m (i32.load8_u offset=2 (local.get $p)))
            (local.set $p
              (i32.add
                (i32.add (local.get $p) (i32.const 5))
                (i32.add
                  (i32.load16_u offset=3 (local.get $p))
                  (i32.mul (local.get $m) (i32.const 32))))))
          (else
            (if (i32.eq (local.get $kind) (i32.const 2))
              (then
                ;; u8 kind, u8 n, 32 commitment, i64 min, i64 max, u16 sensor_len, sensor, u64 seq, i64 time
                (if (i32.gt_u (i32.add (local.get $p) (i32.const 52)) (local.get $end))
                  (then (return (i32.const -1))))
                (local.set $p
                  (i32.add
                    (i32.add (local.get $p) (i32.const 68))
                    (i32.load16_u offset=50 (local.get $p)))))
              (else (return (i32.const -1))))))
        ;; u32 proof_len, proof
        (if (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $end))
          (then (return (i32.const -1))))
        (local.set $proof_len (i32.load (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (if (i32.gt_u (local.get $proof_len) (i32.sub (local.get $end) (local.get $p)))
          (then (return (i32.const -1))))
        (i32.store8
          (i32.add (local.get $out) (local.get $i))
          (call $status (local.get $p) (local.get $proof_len)))
        (local.set $p (i32.add (local.get $p) (local.get $proof_len)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.ne (local.get $p) (local.get $end))
      (then (return (i32.const -1))))
    (local.get $count))
)
