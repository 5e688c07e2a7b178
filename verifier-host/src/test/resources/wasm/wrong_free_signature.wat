;; zk_free takes one parameter instead of (ptr, len).
(module
  (memory (export "memory") 1)
  (func (export "zk_abi_version") (result i32) (i32.const 1))
  (func (export "zk_describe") (param i32 i32) (result i32) (i32.const 0))
  (func (export "zk_alloc") (param i32) (result i32) (i32.const 8))
  (func (export "zk_free") (param i32))
)
