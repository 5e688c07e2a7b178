package io.zkedge.wasm;

/**
 * A module was refused: its bytes do not parse or compile, it imports something, it lacks an
 * export of the ABI, it speaks another ABI version, or its memory does not fit the cap.
 */
public class WasmModuleException extends Exception {

    private static final long serialVersionUID = 1L;

    public WasmModuleException(String message) {
        super(message);
    }

    public WasmModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
