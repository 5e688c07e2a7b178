;; A stand-in for zkedge_groth16_verifier.wasm that frames keys and requests exactly as ABI.md
;; ("Groth16 verifier") does but does no cryptography.
;;
;; Keys: zk_groth16_prepared_len(n) = 16 + n (-6 outside [0, 64]). zk_groth16_prepare_key reads
;; nPublic (the low byte of the u32 BE) and the key's last byte: 0xEE -> -7 (a point does not
;; decode), 0xEF -> trap; otherwise the "prepared key" is 'K', n, then zeros.
;;
;; Proofs: the status is the proof's last byte (the low byte of C.y, so any value keeps the
;; coordinates below p), except
;;   n_inputs != the key's n -> 7 (MALFORMED_INPUT_COUNT)
;;   0xFF -> the whole call traps (`unreachable`): a "poisonous" proof
;;   0xFE -> the whole call answers -1, as for broken framing
;; so 0, 1, 2, 4, 5, 6, 7 are the ABI's statuses and e.g. 3 one the ABI does not define.
;;
;; Request errors as in ABI.md: -1 framing (overrun, trailing bytes), -2 count 0 or above 256,
;; -9 key bytes that are not a prepared key of this module.
(module
  (memory (export "memory") 2)

  (global $heap_base i32 (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (data (i32.const 16) "{\"module\":\"fake-groth16\",\"abi\":1}")
  (global $description_len i32 (i32.const 33))

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

  (func $prepared_len (export "zk_groth16_prepared_len") (param $n i32) (result i32)
    (if (i32.or (i32.lt_s (local.get $n) (i32.const 0)) (i32.gt_s (local.get $n) (i32.const 64)))
      (then (return (i32.const -6))))
    (i32.add (i32.const 16) (local.get $n)))

  (func (export "zk_groth16_prepare_key")
        (param $vk i32) (param $vk_len i32) (param $out i32) (param $cap i32) (result i32)
    (local $n i32)
    (local $len i32)
    (local $last i32)
    (if (i32.lt_u (local.get $vk_len) (i32.const 5))
      (then (return (i32.const -6))))
    (local.set $n (i32.load8_u offset=3 (local.get $vk)))
    (local.set $len (call $prepared_len (local.get $n)))
    (if (i32.lt_s (local.get $len) (i32.const 0))
      (then (return (local.get $len))))
    (local.set $last (i32.load8_u (i32.sub (i32.add (local.get $vk) (local.get $vk_len)) (i32.const 1))))
    (if (i32.eq (local.get $last) (i32.const 0xee))
      (then (return (i32.const -7))))
    (if (i32.eq (local.get $last) (i32.const 0xef))
      (then (unreachable)))
    (if (i32.lt_u (local.get $cap) (local.get $len))
      (then (return (i32.const -5))))
    (memory.fill (local.get $out) (i32.const 0) (local.get $len))
    (i32.store8 (local.get $out) (i32.const 0x4b))
    (i32.store8 offset=1 (local.get $out) (local.get $n))
    (local.get $len))

  (func (export "zk_groth16_verify_batch")
        (param $key i32) (param $key_len i32) (param $req i32) (param $req_len i32)
        (param $seed i32) (param $out i32) (result i32)
    (local $n i32)
    (local $count i32)
    (local $i i32)
    (local $p i32)
    (local $end i32)
    (local $inputs i32)
    (local $mark i32)
    (local $status i32)
    (if (i32.lt_u (local.get $key_len) (i32.const 16))
      (then (return (i32.const -9))))
    (local.set $n (i32.load8_u offset=1 (local.get $key)))
    (if (i32.or (i32.ne (i32.load8_u (local.get $key)) (i32.const 0x4b))
                (i32.ne (local.get $key_len) (i32.add (i32.const 16) (local.get $n))))
      (then (return (i32.const -9))))
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
        ;; 256-byte proof, u32 n_inputs
        (if (i32.gt_u (i32.add (local.get $p) (i32.const 260)) (local.get $end))
          (then (return (i32.const -1))))
        (local.set $mark (i32.load8_u offset=255 (local.get $p)))
        (local.set $inputs (i32.load offset=256 (local.get $p)))
        (local.set $p (i32.add (local.get $p) (i32.const 260)))
        (if (i32.gt_u (local.get $inputs) (i32.const 1024))
          (then (return (i32.const -1))))
        (if (i32.gt_u (i32.mul (local.get $inputs) (i32.const 32)) (i32.sub (local.get $end) (local.get $p)))
          (then (return (i32.const -1))))
        (local.set $p (i32.add (local.get $p) (i32.mul (local.get $inputs) (i32.const 32))))
        (if (i32.eq (local.get $mark) (i32.const 0xff))
          (then (unreachable)))
        (if (i32.eq (local.get $mark) (i32.const 0xfe))
          (then (return (i32.const -1))))
        (local.set $status
          (select (i32.const 7) (local.get $mark) (i32.ne (local.get $inputs) (local.get $n))))
        (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $status))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.ne (local.get $p) (local.get $end))
      (then (return (i32.const -1))))
    (local.get $count))
)
