package dev.dataproduct.benchmarks;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.QualityState;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The engine side of a comparison: compile the checks and evaluate them, as a product run does. */
final class Engine {
    static final String DATASET = "orders";

    private Engine() {
    }

    /** @return the evaluation context: a clock fixed at the data's "now", no references, no history */
    static EvaluationContext context() {
        return EvaluationContext.of(Clock.fixed(OrdersGenerator.NOW, ZoneOffset.UTC));
    }

    /**
     * Compiles and evaluates checks over batches held in memory.
     *
     * @param checks the checks
     * @param batches the batches
     * @param threads the engine's threads
     * @return the report
     */
    static QualityReport evaluate(List<Check> checks, List<VectorSchemaRoot> batches, int threads) {
        QualityPlan plan = QualityPlan.compile(DATASET, OrdersGenerator.schema(), checks);
        return QualityEngine.evaluate(plan, batches, threads, context());
    }

    /**
     * Compiles the checks and evaluates them over batches made on the fly and closed right after
     * they are folded into the state: nothing but the states outlives a batch.
     *
     * @param checks the checks
     * @param generator the batches
     * @param allocator where each batch's memory comes from
     * @param threads the threads
     * @return the report
     */
    static QualityReport stream(List<Check> checks, OrdersGenerator generator, BufferAllocator allocator,
                                int threads) {
        QualityPlan plan = QualityPlan.compile(DATASET, OrdersGenerator.schema(), checks);
        return QualityEngine.report(plan, fold(plan, generator, allocator, threads), context());
    }

    /**
     * Folds batches made on the fly into one state per thread, closing each batch right after, and
     * merges the states.
     *
     * @param plan the compiled checks
     * @param generator the batches
     * @param allocator where each batch's memory comes from
     * @param threads the threads, each making and folding every {@code threads}-th batch
     * @return the merged state
     */
    static QualityState fold(QualityPlan plan, OrdersGenerator generator, BufferAllocator allocator, int threads) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<QualityState> states = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            QualityState state = plan.newState();
            states.add(state);
            Thread w = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < generator.batchCount(); i = next.getAndIncrement()) {
                        try (VectorSchemaRoot batch = generator.batch(i, allocator)) {
                            state.update(batch);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "stream-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a streaming worker failed", failure.get());
        }
        QualityState total = states.get(0);
        for (int i = 1; i < states.size(); i++) {
            total.merge(states.get(i));
        }
        return total;
    }
}
