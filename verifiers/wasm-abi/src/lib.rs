//! The parts of the zkedge Wasm ABI (`verifiers/ABI.md`) that both modules share: a bounds-checked
//! reader for request bytes and the host-facing arena allocator.
#![no_std]
#![deny(missing_docs)]

/// The ABI version every module reports through `zk_abi_version`.
pub const ABI_VERSION: i32 = 1;

/// Statement kind 1: a raw dalek range proof.
pub const KIND_RAW: u8 = 1;
/// Statement kind 2: the zkedge range statement.
pub const KIND_RANGE: u8 = 2;

/// Longest transcript label of a raw statement.
pub const MAX_LABEL_LEN: usize = 1024;
/// Longest sensor id of a range statement.
pub const MAX_SENSOR_LEN: usize = 256;
/// Longest proof accepted (the largest supported proof, n·m = 512, is 832 bytes).
pub const MAX_PROOF_LEN: usize = 4096;

/// Request error: the framing is broken.
pub const ERR_FRAMING: i32 = -1;
/// Request error: the batch count is 0 or above the module's limit.
pub const ERR_COUNT: i32 = -2;
/// Prove error: n or m unsupported.
pub const ERR_UNSUPPORTED: i32 = -3;
/// Prove error: a value is outside its range.
pub const ERR_OUT_OF_RANGE: i32 = -4;
/// Prove error: the output buffer is too small.
pub const ERR_OUTPUT_TOO_SMALL: i32 = -5;

/// The request was cut short or has a length that runs past its end.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Truncated;

/// Reads little-endian fields from untrusted request bytes; every length is checked against what
/// is left, never trusted.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    /// Whether every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The next `len` bytes.
    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], Truncated> {
        if len > self.bytes.len() {
            return Err(Truncated);
        }
        let (head, tail) = self.bytes.split_at(len);
        self.bytes = tail;
        Ok(head)
    }

    /// The next 32 bytes.
    pub fn array32(&mut self) -> Result<[u8; 32], Truncated> {
        let mut out = [0u8; 32];
        out.copy_from_slice(self.bytes(32)?);
        Ok(out)
    }

    /// A u8.
    pub fn u8(&mut self) -> Result<u8, Truncated> {
        Ok(self.bytes(1)?[0])
    }

    /// A little-endian u16.
    pub fn u16(&mut self) -> Result<u16, Truncated> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    /// A little-endian u32.
    pub fn u32(&mut self) -> Result<u32, Truncated> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A little-endian u64.
    pub fn u64(&mut self) -> Result<u64, Truncated> {
        let mut out = [0u8; 8];
        out.copy_from_slice(self.bytes(8)?);
        Ok(u64::from_le_bytes(out))
    }

    /// A little-endian i64.
    pub fn i64(&mut self) -> Result<i64, Truncated> {
        Ok(self.u64()? as i64)
    }
}

/// Defines the exports every module shares: `zk_abi_version`, `zk_describe`, `zk_alloc` and
/// `zk_free`, plus `host_slice`/`host_slice_mut`, which turn a host (pointer, length) pair into a
/// slice after checking that it lies inside the arena.
///
/// The arena is a static bump allocator of `$arena_bytes` bytes, rewound when the last live
/// buffer is freed (ABI.md, "Memory contract"). A macro and not a function because exports must
/// be defined in the cdylib crate itself.
#[macro_export]
macro_rules! export_host_interface {
    ($arena_bytes:expr, $description:expr) => {
        const ARENA_WORDS: usize = $arena_bytes / 8;
        static mut ARENA: [u64; ARENA_WORDS] = [0; ARENA_WORDS];
        static mut ARENA_TOP: usize = 0;
        static mut ARENA_LIVE: usize = 0;

        fn arena_base() -> usize {
            // SAFETY: only the address is taken; no reference to the static is created.
            unsafe { core::ptr::addr_of!(ARENA) as usize }
        }

        /// The host buffer `[ptr, ptr + len)` as a slice, if it lies inside the arena.
        #[allow(dead_code)]
        fn host_slice(ptr: i32, len: i32) -> Option<&'static [u8]> {
            let (start, len) = checked_range(ptr, len)?;
            // SAFETY: the range lies inside ARENA (checked above); the module is single-threaded
            // and no Rust reference into the arena outlives the export call that made it.
            Some(unsafe { core::slice::from_raw_parts(start as *const u8, len) })
        }

        /// The host buffer `[ptr, ptr + len)` as a mutable slice, if it lies inside the arena.
        #[allow(dead_code)]
        fn host_slice_mut(ptr: i32, len: i32) -> Option<&'static mut [u8]> {
            let (start, len) = checked_range(ptr, len)?;
            // SAFETY: as in host_slice; the host never passes overlapping input and output buffers
            // (ABI.md), and each buffer is borrowed once per call.
            Some(unsafe { core::slice::from_raw_parts_mut(start as *mut u8, len) })
        }

        fn checked_range(ptr: i32, len: i32) -> Option<(usize, usize)> {
            if ptr < 0 || len < 0 {
                return None;
            }
            let (start, len) = (ptr as usize, len as usize);
            let base = arena_base();
            if start < base || start.checked_add(len)? > base + ARENA_WORDS * 8 {
                return None;
            }
            Some((start, len))
        }

        /// ABI version (`1`).
        #[no_mangle]
        pub extern "C" fn zk_abi_version() -> i32 {
            $crate::ABI_VERSION
        }

        /// Writes the module description (JSON) to `out`, at most `cap` bytes; returns its length.
        #[no_mangle]
        pub extern "C" fn zk_describe(out: i32, cap: i32) -> i32 {
            let text: &[u8] = $description;
            if let Some(dest) = host_slice_mut(out, cap) {
                let n = core::cmp::min(dest.len(), text.len());
                dest[..n].copy_from_slice(&text[..n]);
            }
            text.len() as i32
        }

        /// Allocates `len` bytes, 8-byte aligned, from the arena; 0 when out of space.
        #[no_mangle]
        pub extern "C" fn zk_alloc(len: i32) -> i32 {
            if len < 0 {
                return 0;
            }
            let size = ((len as usize) + 7) & !7;
            // SAFETY: single-threaded module; these statics are only touched by zk_alloc/zk_free.
            unsafe {
                if size > ARENA_WORDS * 8 - ARENA_TOP {
                    return 0;
                }
                let ptr = arena_base() + ARENA_TOP;
                ARENA_TOP += core::cmp::max(size, 8);
                ARENA_LIVE += 1;
                ptr as i32
            }
        }

        /// Releases a buffer from `zk_alloc`; the arena rewinds when none is live.
        #[no_mangle]
        pub extern "C" fn zk_free(_ptr: i32, _len: i32) {
            // SAFETY: as in zk_alloc.
            unsafe {
                ARENA_LIVE = ARENA_LIVE.saturating_sub(1);
                if ARENA_LIVE == 0 {
                    ARENA_TOP = 0;
                }
            }
        }

        #[cfg(target_arch = "wasm32")]
        #[panic_handler]
        fn panic(_info: &core::panic::PanicInfo) -> ! {
            // A panic is a bug or an exhausted limit; trapping hands it to the host, which maps
            // it to MALFORMED and replaces this instance (ABI.md).
            core::arch::wasm32::unreachable()
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_refuses_lengths_past_the_end() {
        let mut r = Reader::new(&[1, 2, 3]);
        assert_eq!(r.u16(), Ok(0x0201));
        assert_eq!(r.u16(), Err(Truncated));
        assert_eq!(r.bytes(usize::MAX), Err(Truncated));
        assert_eq!(r.u8(), Ok(3));
        assert!(r.is_empty());
    }
}
