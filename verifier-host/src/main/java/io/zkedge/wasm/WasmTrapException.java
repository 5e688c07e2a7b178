package io.zkedge.wasm;

/**
 * A call into a Wasm instance ended in a guest fault: an {@code unreachable}, an out-of-bounds
 * access, an exhausted call stack, an allocation the memory cap refused, or a pointer that does
 * not lie inside the guest's memory. The instance that threw it is broken and must be replaced.
 */
public class WasmTrapException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String function;

    public WasmTrapException(String function, String message, Throwable cause) {
        super(message, cause);
        this.function = function;
    }

    /** The export (or host helper) during which the trap happened. */
    public String function() {
        return function;
    }
}
