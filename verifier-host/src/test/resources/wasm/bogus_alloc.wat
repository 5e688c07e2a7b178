;; A module whose zk_alloc answers a request above 4096 bytes with a pointer near the top of the
;; address space, far outside its one page of memory. The host must not read or write there.
;; (Requests up to 4096 bytes, like the host's probe for zk_describe, get offset 8.)
(module
  (memory (export "memory") 1)
  (func (export "zk_abi_version") (result i32) (i32.const 1))
  (func (export "zk_describe") (param i32 i32) (result i32) (i32.const 0))
  (func (export "zk_alloc") (param $len i32) (result i32)
    (select (i32.const 0x7ffffff0) (i32.const 8) (i32.gt_u (local.get $len) (i32.const 4096))))
  (func (export "zk_free") (param i32 i32))
)
