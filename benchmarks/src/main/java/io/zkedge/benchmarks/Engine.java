package io.zkedge.benchmarks;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import io.zkedge.bulletproofs.BulletproofsAbi;
import io.zkedge.wasm.GuestBuffer;
import io.zkedge.wasm.WasmInstance;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One way of running a Bulletproofs module: the product's path (Chicory's compiler through
 * {@link WasmModule}) or Chicory's interpreter, called through the raw ABI.
 */
interface Engine {

    /** {@code zk_verify_batch}: returns the count (or a request error); fills {@code statuses}. */
    int verify(byte[] request, byte[] seed, byte[] statuses) throws Exception;

    /** {@code zk_prove}: the output bytes; throws if the module refuses. */
    byte[] prove(byte[] request, byte[] seed) throws Exception;

    /** A compiled instance of the module at {@code path}, exactly as the verifier host makes it. */
    static Engine compiled(Path path, boolean verifier) throws WasmModuleException {
        WasmModule module = WasmModule.builder()
                .setPath(path)
                .setInterpreterFallback(InterpreterFallback.FAIL)
                .setRequiredFunctions(verifier ? BulletproofsAbi.VERIFY_BATCH : BulletproofsAbi.PROVE)
                .build();
        return new Compiled(module.newInstance());
    }

    /** An instance of the module at {@code path} run by Chicory's interpreter. */
    static Engine interpreted(Path path) throws Exception {
        var parsed = Parser.parse(Files.readAllBytes(path));
        Instance instance = Instance.builder(parsed).withMemoryFactory(ByteArrayMemory::new).build();
        return new Interpreted(instance);
    }

    /** Through the verifier host's {@link WasmInstance}. */
    final class Compiled implements Engine {
        private static final int OUT_CAPACITY = 8 * 32 + BulletproofsAbi.MAX_PROOF_BYTES;
        private final WasmInstance wasm;

        Compiled(WasmInstance wasm) {
            this.wasm = wasm;
        }

        @Override
        public int verify(byte[] request, byte[] seed, byte[] statuses) throws Exception {
            GuestBuffer req = wasm.allocate(request);
            GuestBuffer s = wasm.allocate(seed);
            GuestBuffer out = wasm.allocate(statuses.length);
            int result = wasm.call(BulletproofsAbi.VERIFY_BATCH, req.pointer(), req.length(), s.pointer(), out.pointer());
            byte[] codes = wasm.read(out);
            System.arraycopy(codes, 0, statuses, 0, statuses.length);
            wasm.free(out);
            wasm.free(s);
            wasm.free(req);
            return result;
        }

        @Override
        public byte[] prove(byte[] request, byte[] seed) throws Exception {
            GuestBuffer req = wasm.allocate(request);
            GuestBuffer s = wasm.allocate(seed);
            GuestBuffer out = wasm.allocate(OUT_CAPACITY);
            int len = wasm.call(BulletproofsAbi.PROVE, req.pointer(), req.length(), s.pointer(), out.pointer(), OUT_CAPACITY);
            if (len < 0) {
                throw new IllegalStateException("zk_prove answered " + len);
            }
            byte[] output = wasm.read(out, len);
            wasm.free(out);
            wasm.free(s);
            wasm.free(req);
            return output;
        }
    }

    /** Through Chicory's {@link Instance} API with its default (interpreter) machine. */
    final class Interpreted implements Engine {
        private final Memory memory;
        private final ExportFunction alloc;
        private final ExportFunction free;
        private final ExportFunction verifyBatch;

        Interpreted(Instance instance) {
            this.memory = instance.memory();
            this.alloc = instance.export("zk_alloc");
            this.free = instance.export("zk_free");
            this.verifyBatch = instance.export("zk_verify_batch");
        }

        private int allocate(byte[] contents) {
            int ptr = (int) alloc.apply(contents.length)[0];
            if (ptr == 0) {
                throw new IllegalStateException("zk_alloc failed");
            }
            memory.write(ptr, contents);
            return ptr;
        }

        @Override
        public int verify(byte[] request, byte[] seed, byte[] statuses) {
            int req = allocate(request);
            int s = allocate(seed);
            int out = allocate(new byte[statuses.length]);
            int result = (int) verifyBatch.apply(req, request.length, s, out)[0];
            System.arraycopy(memory.readBytes(out, statuses.length), 0, statuses, 0, statuses.length);
            free.apply(out, statuses.length);
            free.apply(s, seed.length);
            free.apply(req, request.length);
            return result;
        }

        @Override
        public byte[] prove(byte[] request, byte[] seed) {
            throw new UnsupportedOperationException("the interpreter engine only verifies");
        }
    }
}
