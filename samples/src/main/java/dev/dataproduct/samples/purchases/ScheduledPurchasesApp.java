package dev.dataproduct.samples.purchases;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.schedule.Schedule;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.host.ScheduledRun;
import dev.dataproduct.core.host.Scheduling;
import dev.dataproduct.core.host.VirtualTimeline;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Historical Purchases product run by a product host on a schedule, in virtual time: every
 * day at 06:00 Berlin time, with up to 15 minutes of jitter, for a week that passes in moments.
 * A new day of generated orders lands in the input file before each morning's slot. Each slot's
 * outcome is printed as the host's scheduler reports it.
 *
 * <p>Run it with {@code mvn -q -pl samples -am compile exec:exec
 * -Dsample.main=dev.dataproduct.samples.purchases.ScheduledPurchasesApp}; the optional argument is
 * the working directory (default {@code target/historical-purchases}, whose {@code scheduled/}
 * folder it writes).
 */
public final class ScheduledPurchasesApp {
    /** The schedule of the sample: daily at 06:00 in Berlin, started up to 15 minutes late. */
    public static final Schedule DAILY = Schedule.cron("0 6 * * *", ZoneId.of("Europe/Berlin"))
            .withJitter(Duration.ofMinutes(15));

    private ScheduledPurchasesApp() {
    }

    /**
     * @param args optionally, the working directory
     * @throws java.io.UncheckedIOException if the orders cannot be written
     */
    public static void main(String[] args) {
        Path work = Path.of(args.length > 0 ? args[0] : "target/historical-purchases").toAbsolutePath();
        run(work.resolve("scheduled"), 7, System.out);
    }

    /**
     * Runs the product on {@link #DAILY} for some days of virtual time from
     * {@link HistoricalPurchasesApp#NOW}.
     *
     * @param work the working directory: the orders and the snapshots go there
     * @param days how many days of virtual time pass
     * @param out where each slot's outcome is printed
     * @return what became of each slot, in order
     * @throws java.io.UncheckedIOException if the orders cannot be written
     */
    public static List<ScheduledRun> run(Path work, int days, PrintStream out) {
        Path orders = work.resolve("orders.csv");
        writeOrders(orders, HistoricalPurchasesApp.SEED, HistoricalPurchasesApp.NOW);
        DataProduct purchases = HistoricalPurchases.scheduled(
                HistoricalPurchases.contract(HistoricalPurchases.CONTRACT), orders, DAILY);
        VirtualTimeline time = VirtualTimeline.startingAt(HistoricalPurchasesApp.NOW);
        List<ScheduledRun> runs = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(work.resolve("snapshots"))).clock(time.clock()).build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(purchases)
                     .scheduling(Scheduling.builder().timeline(time).executor(Runnable::run)
                             .listener(run -> {
                                 runs.add(run);
                                 out.println(line(run));
                             }).build())
                     .build()) {
            out.println("Data product " + purchases.address() + " on schedule '0 6 * * *' Europe/Berlin, jitter "
                    + "offset " + host.scheduler().jitterOffset(purchases.address()) + ", " + days + " days from "
                    + HistoricalPurchasesApp.NOW);
            for (int day = 0; day < days; day++) {
                // each day's orders land at 04:30 UTC, before the 06:00 Berlin slot reads them
                long seed = HistoricalPurchasesApp.SEED + day;
                time.wakeAt(HistoricalPurchasesApp.NOW.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(270)),
                        () -> writeOrders(orders, seed, time.now()));
            }
            host.start();
            time.advance(Duration.ofDays(days));
        }
        return runs;
    }

    private static void writeOrders(Path orders, long seed, java.time.Instant now) {
        try {
            OrdersCsv.write(orders, HistoricalPurchasesApp.ORDERS, seed, now);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(ScheduledRun run) {
        String what = run.result().map(r -> "snapshot " + r.snapshot().id() + ", " + r.published() + " published, "
                + r.quarantined() + " quarantined").orElse(run.detail());
        return "  slot " + run.slot() + " started " + run.startedAt() + ": " + run.outcome().name().toLowerCase(
                java.util.Locale.ROOT) + " (" + what + ")";
    }
}
