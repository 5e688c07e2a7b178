#!/usr/bin/env python3
"""Checks a zkedge Wasm module: no imports, and no function body over the size limit.

Chicory turns each Wasm function into one JVM method. A body over about 8 KB becomes a method
the JIT never compiles (about 20x slower); over 64 KB, Chicory falls back to its interpreter
(about 1000x slower). See shared NOTES.md. The limit here leaves a margin below 8 KB.
"""
import sys

LIMIT = 7 * 1024


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def check(path):
    data = open(path, "rb").read()
    if data[:8] != b"\0asm\x01\0\0\0":
        sys.exit(f"{path}: not a Wasm 1.0 module")
    pos, imports, sizes = 8, 0, []
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = leb(data, pos)
        end = pos + size
        if section == 2:
            imports, _ = leb(data, pos)
        elif section == 10:
            count, p = leb(data, pos)
            for _ in range(count):
                body, p = leb(data, p)
                sizes.append(body)
                p += body
        pos = end
    if imports:
        sys.exit(f"{path}: has {imports} imports; zkedge modules must import nothing")
    too_big = [(i, s) for i, s in enumerate(sizes) if s > LIMIT]
    largest = max(sizes) if sizes else 0
    print(f"{path}: {len(sizes)} functions, largest body {largest} bytes, limit {LIMIT}, 0 imports",
          file=sys.stderr)
    if too_big:
        sys.exit(f"{path}: function bodies over {LIMIT} bytes: {too_big}")


for arg in sys.argv[1:]:
    check(arg)
