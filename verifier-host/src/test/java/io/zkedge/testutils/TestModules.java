package io.zkedge.testutils;

import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleBuilder;
import io.zkedge.wasm.WasmModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The hand-written test guests under src/test/resources/wasm (their .wat sources sit beside them). */
public final class TestModules {

    private TestModules() {}

    /** The bytes of {@code wasm/<name>.wasm}. */
    public static byte[] bytes(String name) {
        String resource = "/wasm/" + name + ".wasm";
        try (InputStream in = TestModules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A builder for {@code wasm/<name>.wasm} with the default options. */
    public static WasmModuleBuilder builder(String name) {
        return WasmModule.builder().setName(name).setBytes(bytes(name));
    }

    /** {@code wasm/<name>.wasm}, loaded with the default options. */
    public static WasmModule load(String name) throws WasmModuleException {
        return builder(name).build();
    }
}
