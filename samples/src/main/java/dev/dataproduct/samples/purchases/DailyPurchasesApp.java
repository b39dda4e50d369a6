package dev.dataproduct.samples.purchases;

import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schedule.Schedule;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.host.ScheduledRun;
import dev.dataproduct.core.host.Scheduling;
import dev.dataproduct.core.host.VirtualTimeline;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.RetentionPolicy;
import dev.dataproduct.core.snapshot.RetentionResult;
import dev.dataproduct.core.snapshot.SnapshotEntry;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.ports.csv.CsvInput;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Historical Purchases run daily, in virtual time: a month of generated orders, one CSV a day,
 * each run appending the day's purchases to the previous snapshot (which it shares, not copies).
 * Then it prints the snapshot history, reads the version of a past day, rolls back a bad day and
 * applies retention.
 *
 * <p>Run it with {@code mvn -q -pl samples -am compile exec:exec
 * -Dsample.main=dev.dataproduct.samples.purchases.DailyPurchasesApp}; the optional argument is the
 * working directory. The days are driven by the schedule engine: a product host runs the product
 * on {@link #DAILY} in a virtual timeline ({@link #runDaily}).
 */
public final class DailyPurchasesApp {
    /** The first day's "now". */
    public static final Instant START = Instant.parse("2026-11-01T06:00:00Z");
    /** How many days the sample runs. */
    public static final int DAYS = 30;
    /** The order lines generated per day. */
    public static final int ORDERS_PER_DAY = 120;
    /** When the product runs: every day at 06:00 UTC. */
    public static final Schedule DAILY = Schedule.cron("0 6 * * *", ZoneOffset.UTC);
    /** The day whose delivery is bad, and rolled back. */
    public static final int BAD_DAY = 27;

    private DailyPurchasesApp() {
    }

    /**
     * The product: Historical Purchases whose runs append the day's purchases.
     *
     * @param dayCsv the day's orders
     * @return the product
     */
    public static DataProduct product(Path dayCsv) {
        return DataProduct.builder("historical-purchases")
                .domain("retail")
                .version("1.2.0")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("A list of historical purchases (SKUs) for each customer.")
                .alignment(Alignment.SOURCE)
                .qualityTier(QualityTier.SILVER)
                .input(CsvInput.of("orders", dayCsv, HistoricalPurchases.ORDERS))
                .output(HistoricalPurchases.purchases().updateMode(UpdateMode.append()))
                .check(Check.unique("purchase_id"),
                        Check.completeness("email").atLeast(0.9).severity(Severity.WARNING))
                .transform(HistoricalPurchases::transform)
                .schedule(DAILY)
                .build();
    }

    /**
     * @param args optionally, the working directory (default {@code target/daily-purchases})
     * @throws IOException if the orders cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "target/historical-purchases").toAbsolutePath()
                .resolveSibling("daily-purchases");
        run(work, System.out);
    }

    /**
     * Runs the whole sample in a fresh directory.
     *
     * @param work the working directory; emptied first
     * @param out where the history and results are printed
     * @return the store, for tests
     * @throws IOException if the orders cannot be written
     */
    public static SnapshotStore run(Path work, PrintStream out) throws IOException {
        deleteTree(work);
        DirectorySnapshotStore store = DirectorySnapshotStore.at(work.resolve("snapshots"));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<SnapshotManifest> days = runDaily(store, allocator, work, out);
            var address = product(work).address();

            out.println();
            out.println("snapshot history:");
            for (SnapshotEntry e : store.snapshots(address)) {
                SnapshotManifest m = e.manifest();
                out.printf("  %s  %-11s %-8s parent %-8s %s rows  %s%s%n", m.id(), e.state(), m.operation(),
                        m.parent().isEmpty() ? "-" : m.parent(), m.datasets().get("purchases"), m.committedAt(),
                        e.tags().isEmpty() ? "" : "  tags " + e.tags());
            }

            SnapshotManifest day10 = days.get(9);
            long rows = store.open(day10, allocator).dataset("purchases").countRows();
            out.printf("%nas of day 10 (%s): snapshot %s, %d purchases%n", day10.committedAt(), day10.id(), rows);

            SnapshotManifest bad = days.get(BAD_DAY - 1);
            SnapshotManifest before = days.get(BAD_DAY - 2);
            SnapshotManifest back = store.rollback(address, before.id(), "day " + BAD_DAY + " delivered the orders "
                    + "of another shop", bad.committedAt().plus(Duration.ofHours(2)));
            out.printf("rolled back day %d: snapshot %s makes %s current again (%d purchases): %s%n", BAD_DAY,
                    back.id(), before.id(), back.datasets().get("purchases"), back.reason());

            // a tag keeps the mid-month version for the monthly report, whatever retention says
            store.tag(address, "mid-month-2026-11", days.get(14).id());
            RetentionResult kept = store.expire(address, RetentionPolicy.keepLast(7),
                    days.get(DAYS - 1).committedAt().plus(Duration.ofHours(3)));
            out.printf("retention (keep the last 7, tags and current): removed %d snapshots, %d files, %d bytes"
                    + " reclaimed; kept %s%n", kept.removed().size(), kept.filesRemoved(), kept.bytesReclaimed(),
                    kept.kept());
        }
        return store;
    }

    /**
     * Runs the product once a day for {@link #DAYS} days, in virtual time: a product host runs it
     * on {@link #DAILY}, in a timeline that moves from slot to slot in moments (the runs on the
     * calling thread), and each day's orders land in the input CSV half an hour before the day's slot.
     *
     * @return the snapshot each day committed
     */
    static List<SnapshotManifest> runDaily(SnapshotStore store, BufferAllocator allocator, Path work,
                                           PrintStream out) {
        Path csv = work.resolve("orders").resolve("orders.csv");
        DataProduct purchases = product(csv);
        VirtualTimeline time = VirtualTimeline.startingAt(START.minus(Duration.ofHours(1)));
        List<SnapshotManifest> days = new ArrayList<>();
        try (ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).clock(time.clock())
                     .build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(purchases)
                     .scheduling(Scheduling.builder().timeline(time).executor(Runnable::run)
                             .listener(run -> report(run, days, store, out)).build())
                     .build()) {
            for (int day = 1; day <= DAYS; day++) {
                Instant slot = START.plus(Duration.ofDays(day - 1));
                int d = day;
                time.wakeAt(slot.minus(Duration.ofMinutes(30)), () -> writeDay(csv, d, slot));
            }
            host.start();
            time.advanceTo(START.plus(Duration.ofDays(DAYS - 1)).plus(Duration.ofMinutes(30)));
        }
        return days;
    }

    /** Prints what became of a day's slot and keeps the snapshot it committed. */
    private static void report(ScheduledRun run, List<SnapshotManifest> days, SnapshotStore store, PrintStream out) {
        int day = days.size() + 1;
        if (run.result().isEmpty()) {
            out.printf("day %2d: %s (%s)%n", day, run.outcome(), run.detail());
            return;
        }
        RunResult result = run.result().get();
        out.printf("day %2d: slot %s, snapshot %s, %d rows in, %d appended, %d quarantined%n", day, run.slot(),
                result.snapshot().id(), result.rowsIn(), result.published(), result.quarantined());
        days.add(store.current(run.product()).orElseThrow());
    }

    /** The day's orders: order ids unique across days; on the bad day, twice as many. */
    private static void writeDay(Path csv, int day, Instant now) {
        try {
            Files.createDirectories(csv.getParent());
            int n = day == BAD_DAY ? ORDERS_PER_DAY * 2 : ORDERS_PER_DAY;
            StringBuilder text = new StringBuilder(OrdersCsv.HEADER).append('\n');
            for (String line : OrdersCsv.lines(n, HistoricalPurchasesApp.SEED + day, now)) {
                text.append(line.replaceFirst("^ord-", "ord-d" + day + "-")).append('\n');
            }
            Files.writeString(csv, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the orders of day " + day + " to " + csv, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
