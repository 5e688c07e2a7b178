;; A well-behaved zkedge module for testing the generic host: the common ABI with a real bump
;; allocator, plus exports that misbehave on request (loop forever, trap, recurse, grow memory).
(module
  ;; Two initial pages and no declared maximum: the host's cap is the only limit.
  (memory (export "memory") 2)

  ;; The heap starts after the description; it rewinds when the last live buffer is freed.
  (global $heap_base i32 (i32.const 1024))
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (data (i32.const 16) "{\"module\":\"host-fixture\",\"abi\":1}")
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
    ;; Grow when the buffer would run past the end; a refused grow means "exhausted".
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

  ;; Inverts every byte of [ptr, ptr+len) in place; returns len.
  (func (export "invert") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (i32.store8
          (i32.add (local.get $ptr) (local.get $i))
          (i32.xor (i32.load8_u (i32.add (local.get $ptr) (local.get $i))) (i32.const 255)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $len))

  ;; Never returns.
  (func (export "spin") (result i32)
    (loop $forever
      (br $forever))
    (i32.const 0))

  ;; Recurses without end.
  (func $recurse (export "recurse") (param $depth i32) (result i32)
    (call $recurse (i32.add (local.get $depth) (i32.const 1))))

  (func (export "trap_unreachable") (result i32)
    (unreachable))

  ;; Loads from the last bytes of the 4 GiB address space.
  (func (export "trap_out_of_bounds") (result i32)
    (i32.load (i32.const -4)))

  ;; memory.grow by $pages; returns the old size in pages, or -1 if refused.
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))
)
