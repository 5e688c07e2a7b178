package io.zkedge.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.wasm.Parser;
import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.groth16.Groth16Modules;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chicory turns every Wasm function into one JVM method, and HotSpot never JIT-compiles a method
 * of more than 8000 bytes of bytecode ({@code -XX:HugeMethodLimit}, with
 * {@code DontCompileHugeMethods} on by default): such a function would run in the bytecode
 * interpreter, about 20 times slower. {@code scripts/check-wasm.py} bounds Wasm function bodies
 * at 7 KiB, but the bytecode Chicory emits is larger than the Wasm (a Groth16 key parser of 6 771
 * Wasm bytes became 7 936 bytecode bytes), so this checks the methods themselves.
 */
class ShippedModulesJitSizeTest {

    /** HotSpot's {@code HugeMethodLimit}. */
    private static final int JIT_METHOD_LIMIT = 8000;

    @ParameterizedTest
    @ValueSource(strings = {
        BundledModules.VERIFIER_RESOURCE, BundledModules.PROVER_RESOURCE, Groth16Modules.VERIFIER_RESOURCE
    })
    void everyCompiledFunctionIsSmallEnoughForTheJit(String resource) throws IOException {
        byte[] wasm;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as("%s is bundled (build verifiers/ first)", resource).isNotNull();
            wasm = in.readAllBytes();
        }
        // Chicory's compiler front end (an internal API) gives the class files it would load.
        Map<String, byte[]> classes = Compiler.builder(Parser.parse(wasm))
                .withClassCollectorFactory(ByteClassCollector::new)
                .build()
                .compile()
                .classBytes();

        Map<String, Integer> sizes = new HashMap<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            codeLengths(c.getValue()).forEach((method, length) -> sizes.put(c.getKey() + "." + method, length));
        }

        assertThat(sizes).as("methods compiled from %s", resource).isNotEmpty();
        assertThat(sizes.entrySet().stream().filter(e -> e.getValue() > JIT_METHOD_LIMIT).toList())
                .as("methods of %s over the JIT limit of %d bytes", resource, JIT_METHOD_LIMIT)
                .isEmpty();
    }

    /** Method name and descriptor -> bytecode length, from the class-file format (JVMS 4). */
    private static Map<String, Integer> codeLengths(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipBytes(8); // magic, minor, major
        int poolCount = in.readUnsignedShort();
        String[] utf8 = new String[poolCount];
        for (int i = 1; i < poolCount; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // eight-byte constants take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.skipBytes(6); // access flags, this, super
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
        Map<String, Integer> lengths = new HashMap<>();
        int methods = in.readUnsignedShort();
        for (int m = 0; m < methods; m++) {
            in.skipBytes(2);
            String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.skipBytes(4); // max_stack, max_locals
                    lengths.put(name, in.readInt());
                    in.skipBytes(length - 8);
                } else {
                    in.skipBytes(length);
                }
            }
        }
        return lengths;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
