package io.zkedge.wasm;

import java.util.Objects;

/**
 * An exported function of the zkedge ABI. Every parameter and result in that ABI is an
 * {@code i32} (a pointer, a length or a status), so a signature is just its arity.
 *
 * @param name the export name
 * @param params how many {@code i32} parameters it takes
 * @param results how many {@code i32} results it returns: 0 or 1
 */
public record AbiFunction(String name, int params, int results) {

    public AbiFunction {
        Objects.requireNonNull(name, "name");
        if (params < 0) {
            throw new IllegalArgumentException("params must be >= 0, was " + params);
        }
        if (results != 0 && results != 1) {
            throw new IllegalArgumentException("results must be 0 or 1, was " + results);
        }
    }

    /** A function taking {@code params} i32 values and returning {@code results} (0 or 1). */
    public static AbiFunction of(String name, int params, int results) {
        return new AbiFunction(name, params, results);
    }

    @Override
    public String toString() {
        return name + "(" + "i32, ".repeat(params).replaceAll(", $", "") + ")"
                + (results == 1 ? " -> i32" : "");
    }
}
