package io.zkedge.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.InterpreterFallback;
import io.zkedge.testutils.TestModules;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WasmModuleTest {

    private static final AbiFunction HUGE = AbiFunction.of("huge", 1, 1);

    @Test
    void recordsSha256OfTheModuleBytes() throws Exception {
        byte[] bytes = TestModules.bytes("host_fixture");

        WasmModule module = TestModules.load("host_fixture");

        byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes);
        assertThat(module.sha256()).isEqualTo(expected);
        assertThat(module.sha256Hex()).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void readsTheModuleDescriptionOnLoad() throws Exception {
        WasmModule module = TestModules.load("host_fixture");

        assertThat(module.description()).isEqualTo("{\"module\":\"host-fixture\",\"abi\":1}");
        assertThat(module.compileTime()).isPositive();
    }

    @Test
    void modulesBuiltFromTheSameBytesShareTheirCompiledCode() throws Exception {
        WasmModule first = TestModules.load("host_fixture");
        WasmModule second = TestModules.load("host_fixture");

        assertThat(second).isNotSameAs(first);
        assertThat(second.sharesCodeWith(first)).isTrue();
        assertThat(second.compileTime()).isEqualTo(first.compileTime());
        assertThat(second.newInstance().call(ZkAbi.ABI_VERSION)).isEqualTo(ZkAbi.VERSION);
    }

    @Test
    void modulesOfOtherBytesOrAnotherFallbackDoNotShareCode() throws Exception {
        WasmModule fixture = TestModules.builder("host_fixture").setInterpreterFallback(InterpreterFallback.FAIL).build();
        WasmModule silent = TestModules.builder("host_fixture").setInterpreterFallback(InterpreterFallback.SILENT).build();
        WasmModule huge = TestModules.builder("huge_function").setInterpreterFallback(InterpreterFallback.SILENT).build();

        assertThat(silent.sharesCodeWith(fixture)).isFalse();
        assertThat(huge.sharesCodeWith(silent)).isFalse();
    }

    @Test
    void refusesModuleWithImports() {
        assertThatThrownBy(() -> TestModules.load("with_import"))
                .isInstanceOf(WasmModuleException.class)
                .hasMessageContaining("imports env.now_millis")
                .hasMessageContaining("must import nothing");
    }

    @Test
    void refusesModuleOfAnotherAbiVersion() {
        assertThatThrownBy(() -> TestModules.load("abi_version_2"))
                .isInstanceOf(WasmModuleException.class)
                .hasMessageContaining("ABI version 2");
    }

    @Test
    void refusesAbiExportWithWrongSignature() {
        assertThatThrownBy(() -> TestModules.load("wrong_free_signature"))
                .isInstanceOf(WasmModuleException.class)
                .hasMessageContaining("does not export zk_free(i32, i32)");
    }

    @Test
    void refusesModuleWithoutARequiredFunction() {
        assertThatThrownBy(() -> TestModules.builder("host_fixture")
                        .setRequiredFunctions(AbiFunction.of("zk_verify_batch", 4, 1))
                        .build())
                .isInstanceOf(WasmModuleException.class)
                .hasMessageContaining("zk_verify_batch(i32, i32, i32, i32) -> i32");
    }

    @Test
    void refusesBytesThatAreNotWasm() {
        assertThatThrownBy(() -> WasmModule.builder().setName("garbage").setBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).build())
                .isInstanceOf(WasmModuleException.class)
                .hasMessageContaining("garbage is not a valid Wasm module");
    }

    @Test
    void refusesModuleWhoseInitialMemoryExceedsTheCap() {
        // host_fixture declares 2 initial pages.
        assertThatThrownBy(() -> TestModules.builder("host_fixture").setMaxMemoryPages(1).build())
                .isInstanceOf(WasmModuleException.class)
                .hasMessageContaining("needs 2 initial memory pages, above the cap of 1");
    }

    @Test
    void refusesFunctionTooLargeToCompileWhenFallbackIsFail() {
        assertThatThrownBy(() -> TestModules.builder("huge_function")
                        .setInterpreterFallback(InterpreterFallback.FAIL)
                        .build())
                .isInstanceOf(WasmModuleException.class)
                .hasMessageContaining("does not compile (interpreter fallback FAIL)");
    }

    @Test
    void runsFunctionTooLargeToCompileInTheInterpreterWhenFallbackIsSilent() throws Exception {
        WasmModule module = TestModules.builder("huge_function")
                .setInterpreterFallback(InterpreterFallback.SILENT)
                .build();

        assertThat(module.newInstance().call(HUGE, 12_345)).isEqualTo(12_345);
    }

    @Test
    void testsRunWithInterpreterFallbackFail() {
        // The parent POM sets this for every test JVM, so a too-large function is never missed.
        assertThat(WasmModuleBuilder.defaultInterpreterFallback()).isEqualTo(InterpreterFallback.FAIL);
    }

    @Test
    void refusesUnknownInterpreterFallbackProperty() {
        String previous = System.getProperty(WasmModuleBuilder.INTERPRETER_FALLBACK_PROPERTY);
        System.setProperty(WasmModuleBuilder.INTERPRETER_FALLBACK_PROPERTY, "sometimes");
        try {
            assertThatThrownBy(() -> TestModules.load("host_fixture"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(WasmModuleBuilder.INTERPRETER_FALLBACK_PROPERTY)
                    .hasMessageContaining("sometimes");
        } finally {
            if (previous == null) {
                System.clearProperty(WasmModuleBuilder.INTERPRETER_FALLBACK_PROPERTY);
            } else {
                System.setProperty(WasmModuleBuilder.INTERPRETER_FALLBACK_PROPERTY, previous);
            }
        }
    }

    @Test
    void builderNamesTheWrongOption() {
        assertThatThrownBy(() -> WasmModule.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes must be set");
        assertThatThrownBy(() -> TestModules.builder("host_fixture").setMaxMemoryPages(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMemoryPages");
        assertThatThrownBy(() -> TestModules.builder("host_fixture").setMaxMemoryPages(65_537).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMemoryPages");
    }

    @Test
    void exportsFunctionChecksNameAndSignature() throws Exception {
        WasmModule module = TestModules.load("host_fixture");

        assertThat(module.exportsFunction(ZkAbi.ALLOC)).isTrue();
        assertThat(module.exportsFunction(AbiFunction.of("zk_alloc", 2, 1))).isFalse();
        assertThat(module.exportsFunction(AbiFunction.of("zk_prove", 5, 1))).isFalse();
    }
}
