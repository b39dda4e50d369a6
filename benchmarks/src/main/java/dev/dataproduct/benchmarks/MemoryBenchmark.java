package dev.dataproduct.benchmarks;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.QualityState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Memory of a streamed evaluation: batches are made on the fly, folded into the engine's state and
 * closed, never collected. Each size runs in a fresh JVM (so peaks do not carry over), started
 * with the same flags as this one, and reports its peak heap, its live heap after a full GC with
 * the merged state still held (the JVM's own baseline, about 10 MiB, included), Arrow's peak
 * allocation and the process's peak resident set.
 *
 * <p>Two profiles: the standard profile without the exact duplicate count (every other metric has
 * a state of bounded size), and the full standard profile, whose exact distinct count of
 * {@code id} has to remember every key, in the engine as in any database.
 *
 * <p>System properties: {@code memrows} (default {@code 10000000,50000000}), {@code threads},
 * {@code seed}.
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {
    }

    /** The profile with bounded state: the standard profile without exact duplicate counts. */
    static List<Check> bounded() {
        return CheckProfiles.standard().stream().filter(c -> !(c.metric() instanceof Metric.DuplicateCount)).toList();
    }

    /** Runs each size and profile in a child JVM and prints a table. */
    static void parent(PrintStream out) throws IOException, InterruptedException {
        String[] sizes = System.getProperty("memrows", "10000000,50000000").split(",");
        List<String> jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Drows=") && !a.startsWith("-Dprofile=")).toList();
        List<Map<String, String>> results = new ArrayList<>();
        for (String profile : List.of("bounded", "standard")) {
            for (String size : sizes) {
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(jvmFlags);
                cmd.add("-Drows=" + size.trim());
                cmd.add("-Dprofile=" + profile);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(Bench.class.getName());
                cmd.add("memory-child");
                out.println("$ ... " + Bench.class.getSimpleName() + " memory-child -Drows=" + size.trim()
                        + " -Dprofile=" + profile);
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                Map<String, String> result = null;
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        out.println("  " + line);
                        if (line.startsWith("MEMORY ")) {
                            result = parse(line.substring(7));
                        }
                    }
                }
                if (p.waitFor() != 0 || result == null) {
                    throw new IllegalStateException("the memory run of " + size + " rows failed");
                }
                results.add(result);
            }
        }
        out.println();
        out.println("profile  |       rows | checks | seconds | peak heap MiB | state after GC MiB "
                + "| peak Arrow MiB | peak RSS MiB");
        out.println("---------+------------+--------+---------+---------------+--------------------"
                + "+----------------+-------------");
        for (Map<String, String> m : results) {
            out.printf(Locale.ROOT, "%-8s | %,10d | %6s | %7s | %13s | %18s | %14s | %12s%n", m.get("profile"),
                    Long.parseLong(m.get("rows")), m.get("checks"), m.get("seconds"), m.get("peakHeapMiB"),
                    m.get("liveHeapMiB"), m.get("peakArrowMiB"), m.get("peakRssMiB"));
        }
    }

    /** One streamed evaluation, in this JVM; prints a {@code MEMORY key=value ...} line. */
    static void child(PrintStream out) throws IOException {
        long rows = Long.getLong("rows", 10_000_000L);
        int threads = Integer.getInteger("threads", 2);
        String profile = System.getProperty("profile", "bounded");
        List<Check> checks = profile.equals("bounded") ? bounded() : CheckProfiles.standard();
        OrdersGenerator generator = new OrdersGenerator(Long.getLong("seed", 42L), rows);
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        try (BufferAllocator allocator = new RootAllocator()) {
            long t0 = System.nanoTime();
            QualityPlan plan = QualityPlan.compile(Engine.DATASET, OrdersGenerator.schema(), checks);
            QualityState state = Engine.fold(plan, generator, allocator, threads);
            long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            // the merged state is still referenced: its size is what the pass has to keep
            long liveHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            QualityReport report = QualityEngine.report(plan, state, Engine.context());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rowCount = report.result(checks.get(0).name()).orElseThrow().value();
            if (rowCount != rows) {
                throw new IllegalStateException("streamed row count " + rowCount + " is not " + rows);
            }
            out.printf(Locale.ROOT, "MEMORY profile=%s rows=%d checks=%d seconds=%.1f peakHeapMiB=%d liveHeapMiB=%d "
                            + "peakArrowMiB=%d peakRssMiB=%d%n", profile, rows, checks.size(), seconds, peakHeap >> 20,
                    liveHeap >> 20, allocator.getPeakMemoryAllocation() >> 20, peakRssKiB() >> 10);
        }
    }

    private static long peakRssKiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static Map<String, String> parse(String kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : kv.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return m;
    }
}
