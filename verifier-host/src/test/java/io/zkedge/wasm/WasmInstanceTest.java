package io.zkedge.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.testutils.TestModules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WasmInstanceTest {

    private static final AbiFunction INVERT = AbiFunction.of("invert", 2, 1);
    private static final AbiFunction SPIN = AbiFunction.of("spin", 0, 1);
    private static final AbiFunction RECURSE = AbiFunction.of("recurse", 1, 1);
    private static final AbiFunction TRAP_UNREACHABLE = AbiFunction.of("trap_unreachable", 0, 1);
    private static final AbiFunction TRAP_OUT_OF_BOUNDS = AbiFunction.of("trap_out_of_bounds", 0, 1);
    private static final AbiFunction GROW = AbiFunction.of("grow", 1, 1);

    private static WasmModule fixture;

    @BeforeAll
    static void loadFixture() throws Exception {
        fixture = TestModules.load("host_fixture");
    }

    @Test
    void writesAndReadsGuestMemory() throws Exception {
        WasmInstance instance = fixture.newInstance();
        GuestBuffer buffer = instance.allocate(new byte[] {0x00, 0x0f, (byte) 0xf0, 0x55});

        int length = instance.call(INVERT, buffer.pointer(), buffer.length());

        assertThat(length).isEqualTo(4);
        assertThat(instance.read(buffer)).containsExactly(0xff, 0xf0, 0x0f, 0xaa);
        instance.free(buffer);
    }

    @Test
    void instancesDoNotShareMemory() throws Exception {
        WasmInstance first = fixture.newInstance();
        WasmInstance second = fixture.newInstance();
        GuestBuffer inFirst = first.allocate(new byte[] {1, 2, 3});
        GuestBuffer inSecond = second.allocate(3);

        assertThat(inSecond.pointer()).isEqualTo(inFirst.pointer());
        assertThat(second.read(inSecond)).containsExactly(0, 0, 0);
    }

    @Test
    void instancesOfOneModuleRunOnSeveralThreadsAtOnce() throws Exception {
        // One compiled module shared by all threads, one instance per thread: the Flink layout.
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte value = (byte) t;
                results.add(pool.submit(() -> {
                    WasmInstance own = fixture.newInstance();
                    int correct = 0;
                    for (int round = 0; round < 500; round++) {
                        GuestBuffer buffer = own.allocate(new byte[] {value, value});
                        own.call(INVERT, buffer.pointer(), buffer.length());
                        byte[] inverted = own.read(buffer);
                        own.free(buffer);
                        if (inverted[0] == (byte) ~value && inverted[1] == (byte) ~value) {
                            correct++;
                        }
                    }
                    return correct;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void trapMarksInstanceBroken() throws Exception {
        WasmInstance instance = fixture.newInstance();

        assertThatThrownBy(() -> instance.call(TRAP_UNREACHABLE))
                .isInstanceOf(WasmTrapException.class)
                .hasMessageContaining("trap_unreachable trapped")
                .satisfies(e -> assertThat(((WasmTrapException) e).function()).isEqualTo("trap_unreachable"));
        assertThat(instance.isBroken()).isTrue();
        assertThatThrownBy(() -> instance.call(ZkAbi.ABI_VERSION))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("create a new one");
        assertThat(fixture.newInstance().call(ZkAbi.ABI_VERSION)).isEqualTo(1);
    }

    @Test
    void outOfBoundsAccessIsATrap() {
        WasmInstance instance = fixture.newInstance();

        assertThatThrownBy(() -> instance.call(TRAP_OUT_OF_BOUNDS))
                .isInstanceOf(WasmTrapException.class)
                .hasMessageContaining("out of bounds");
        assertThat(instance.isBroken()).isTrue();
    }

    @Test
    void unboundedRecursionIsATrap() {
        WasmInstance instance = fixture.newInstance();

        assertThatThrownBy(() -> instance.call(RECURSE, 0))
                .isInstanceOf(WasmTrapException.class)
                .hasMessageContaining("call stack exhausted");
        assertThat(instance.isBroken()).isTrue();
    }

    @Test
    void memoryGrowPastTheCapReturnsMinusOne() throws Exception {
        WasmInstance instance = TestModules.builder("host_fixture").setMaxMemoryPages(4).build().newInstance();

        assertThat(instance.call(GROW, 1)).isEqualTo(2); // old size: 2 pages, now 3
        assertThat(instance.call(GROW, 2)).isEqualTo(-1); // 5 > 4: refused, as for a declared maximum
        assertThat(instance.memoryPages()).isEqualTo(3);
        assertThat(instance.call(GROW, 1)).isEqualTo(3);
        assertThat(instance.memoryPages()).isEqualTo(4);
        assertThat(instance.isBroken()).isFalse();
    }

    @Test
    void allocationBeyondTheCapIsATrap() throws Exception {
        WasmInstance instance = TestModules.builder("host_fixture").setMaxMemoryPages(4).build().newInstance();

        assertThatThrownBy(() -> instance.allocate(4 * WasmModuleBuilder.PAGE_BYTES))
                .isInstanceOf(WasmTrapException.class)
                .hasMessageContaining("guest memory exhausted (cap 4 pages)");
        assertThat(instance.isBroken()).isTrue();
    }

    @Test
    void allocationOutsideGuestMemoryIsATrap() throws Exception {
        WasmInstance instance = TestModules.load("bogus_alloc").newInstance();

        assertThatThrownBy(() -> instance.allocate(5_000))
                .isInstanceOf(WasmTrapException.class)
                .hasMessageContaining("lies outside the guest's 65536 bytes of memory");
        assertThat(instance.isBroken()).isTrue();
    }

    @Test
    void interruptedCallStops() throws Exception {
        WasmInstance instance = fixture.newInstance();
        CountDownLatch calling = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfterwards = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            calling.countDown();
            try {
                instance.call(SPIN);
            } catch (Throwable t) {
                thrown.set(t);
                flagAfterwards.set(Thread.currentThread().isInterrupted());
            }
        }, "spinning-guest");
        worker.start();
        assertThat(calling.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200); // well inside the loop by now

        long interruptedAt = System.nanoTime();
        worker.interrupt();
        worker.join(1_000);
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);

        assertThat(worker.isAlive()).as("still spinning after 1 s").isFalse();
        assertThat(stopMillis).isLessThan(1_000);
        assertThat(thrown.get())
                .isInstanceOf(InterruptedException.class)
                .hasMessageContaining("interrupted during host_fixture: spin");
        assertThat(flagAfterwards.get()).as("interrupt flag after InterruptedException").isFalse();
        assertThat(instance.isBroken()).isTrue();
    }

    @Test
    void callOnAnInterruptedThreadDoesNotStart() throws Exception {
        WasmInstance instance = fixture.newInstance();

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> instance.call(SPIN))
                .isInstanceOf(InterruptedException.class)
                .hasMessageContaining("before calling spin");

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(instance.isBroken()).isFalse();
        assertThat(instance.call(ZkAbi.ABI_VERSION)).isEqualTo(1);
    }

    @Test
    void refusesUseByASecondThreadDuringACall() throws Exception {
        WasmInstance instance = fixture.newInstance();
        CountDownLatch calling = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            calling.countDown();
            try {
                instance.call(SPIN);
            } catch (Exception expected) {
                // interrupted below
            }
        });
        worker.start();
        calling.await(5, TimeUnit.SECONDS);
        Thread.sleep(100);
        try {
            assertThatThrownBy(() -> instance.call(ZkAbi.ABI_VERSION))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("used by two threads at once");
        } finally {
            worker.interrupt();
            worker.join(5_000);
        }
    }

    @Test
    void refusesWrongNumberOfArguments() {
        WasmInstance instance = fixture.newInstance();

        assertThatThrownBy(() -> instance.call(INVERT, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes 2 arguments, got 1");
        assertThat(instance.isBroken()).isFalse();
    }
}
