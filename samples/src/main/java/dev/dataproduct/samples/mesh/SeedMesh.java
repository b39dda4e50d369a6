package dev.dataproduct.samples.mesh;

import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.compose.MeshOutcome;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.metric.MetricDefinitions;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.ports.stream.EventStream;
import dev.dataproduct.ports.stream.InMemoryStream;
import dev.dataproduct.samples.attendance.AttendanceEvents;
import dev.dataproduct.samples.attendance.AttendanceFeed;
import dev.dataproduct.samples.attendance.AttendanceInsights;
import dev.dataproduct.samples.attendance.AttendanceMetrics;
import dev.dataproduct.samples.composition.CustomerSpend;
import dev.dataproduct.samples.purchases.HistoricalPurchases;
import dev.dataproduct.samples.purchases.HistoricalPurchasesApp;
import dev.dataproduct.samples.purchases.OrdersCsv;
import dev.dataproduct.samples.retail.CustomerLifetimeValue;
import dev.dataproduct.samples.retail.CustomerMarketing360;
import dev.dataproduct.samples.retail.Products;
import dev.dataproduct.samples.retail.Returns;
import dev.dataproduct.samples.retail.SalesMetrics;
import dev.dataproduct.samples.signals.EarlySupportSignals;
import dev.dataproduct.samples.students.StudentDirectoryApp;
import dev.dataproduct.samples.students.StudentMaster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The seed mesh: every sample product of the retail and K-12 domains in one product host, which
 * runs them in dependency order and prints the interaction map (which product reads which) and one
 * line per product of what its run did.
 *
 * <p>Retail: Historical Purchases, Customer-Marketing 360, Returns and Products (foundations),
 * Customer Spend and Customer Lifetime Value (derived, through product inputs), Sales Metrics
 * (the metric product of "Gross Revenue"). K-12: Student Master, Student Directory (Masked) (a
 * restricted view), Attendance Events (event-driven: the schools' records arrive on a stream),
 * Attendance Insights (a composite joining the two on the
 * conformed key {@code student}), Attendance Metrics (the metric product of "Active Student" and
 * "chronic absenteeism rate") and Early-Support Signals (a feature product over Attendance Events).
 * The mesh's clock is
 * the purchases sample's "now", so the purchases are fresh.
 */
public final class SeedMesh {
    /**
     * How long before the mesh's run an attendance record may have been recorded and still be
     * published: the mesh runs once, months after the school year, and takes the whole year's
     * records as they arrive on the stream.
     */
    public static final Duration ATTENDANCE_LATENESS = Duration.ofDays(500);
    /** Where in the working directory the metric definitions of the mesh are written, as YAML. */
    public static final String METRIC_DEFINITIONS = "metric-definitions.yaml";

    private SeedMesh() {
    }

    /**
     * @param args optionally, the working directory (default {@code target/mesh})
     * @throws IOException if the orders or the definitions cannot be written
     */
    public static void main(String[] args) throws IOException {
        run(Path.of(args.length > 0 ? args[0] : "target/mesh").toAbsolutePath(), System.out);
    }

    /**
     * The products of the mesh, in the order they are added (which is not the order they run in).
     *
     * @param ordersCsv the orders Historical Purchases reads
     * @param attendanceRecords the stream the schools' attendance records arrive on
     *     ({@link AttendanceEvents#RECORDS_TOPIC}), which event-driven Attendance Events reads
     * @return the products
     */
    public static List<DataProduct> products(Path ordersCsv, EventStream attendanceRecords) {
        List<DataProduct> products = new ArrayList<>();
        // derived products first: the host finds the order
        products.add(SalesMetrics.define());
        products.add(CustomerLifetimeValue.define());
        products.add(CustomerSpend.define(Duration.ofHours(48)));
        products.add(HistoricalPurchases.withAccess(HistoricalPurchases.contract(HistoricalPurchases.CONTRACT),
                ordersCsv));
        products.add(CustomerMarketing360.define());
        products.add(Returns.define());
        products.add(Products.define());
        // K-12: the composite before what it joins, too
        DataProduct master = StudentMaster.master(StudentDirectoryApp.STUDENTS, StudentDirectoryApp.SEED);
        products.add(StudentMaster.directory(master));
        products.add(master);
        products.add(AttendanceMetrics.define());
        products.add(EarlySupportSignals.define());
        products.add(AttendanceInsights.define());
        products.add(AttendanceEvents.eventDriven(attendanceRecords, ATTENDANCE_LATENESS));
        return products;
    }

    /**
     * Writes the orders, sends the school year's attendance records on an in-memory stream
     * ({@link AttendanceFeed}), runs the mesh, prints its interaction map and a line per product, and
     * writes the metric definitions of its metric products to {@link #METRIC_DEFINITIONS}.
     *
     * @param work where the orders and snapshots are written
     * @param out where the report is printed
     * @return the outcome of each product, in run order
     * @throws IOException if the orders or the definitions cannot be written
     */
    public static List<MeshOutcome> run(Path work, PrintStream out) throws IOException {
        Path orders = work.resolve("orders.csv");
        OrdersCsv.write(orders, HistoricalPurchasesApp.ORDERS, HistoricalPurchasesApp.SEED, HistoricalPurchasesApp.NOW);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(work.resolve("snapshots")))
                     .clock(Clock.fixed(HistoricalPurchasesApp.NOW, ZoneOffset.UTC)).build()) {
            ProductHost.Builder b = ProductHost.builder(runtime, allocator);
            InMemoryStream attendanceRecords = InMemoryStream.create();
            long sent = AttendanceFeed.publish(attendanceRecords);
            out.println("The schools sent " + sent + " attendance records on stream topic '"
                    + AttendanceEvents.RECORDS_TOPIC + "'.");
            products(orders, attendanceRecords).forEach(b::product);
            try (ProductHost host = b.build()) {
                out.println("The seed mesh: " + host.products().size() + " products; interaction map:");
                out.print(host.mesh().interactionMap().indent(2));
                List<MeshOutcome> outcomes = host.runMesh();
                out.println();
                out.println("Runs, in dependency order:");
                outcomes.forEach(o -> out.println("  " + summary(o)));
                Path definitions = work.resolve(METRIC_DEFINITIONS);
                Files.writeString(definitions, MetricDefinitions.toYaml(host.products().stream()
                        .flatMap(h -> h.product().semanticModels().stream()).toList()));
                out.println("Metric definitions of the mesh (YAML), each defined once: " + definitions);
                return outcomes;
            }
        }
    }

    /**
     * @param o what happened to a product of the mesh
     * @return one line: the product, what happened, and for a run its rows in, published and
     *     quarantined and the orphans of each join (left side + right side)
     */
    public static String summary(MeshOutcome o) {
        StringBuilder sb = new StringBuilder(o.product().urn()).append(": ");
        if (o.result().isPresent()) {
            RunResult r = o.result().get();
            sb.append("snapshot ").append(r.snapshot().id()).append(", ").append(r.rowsIn()).append(" rows in = ")
                    .append(r.published()).append(" published + ").append(r.quarantined()).append(" quarantined");
            if (r.datasets().size() > 1) {
                sb.append(" (").append(String.join(", ", r.datasets().stream().map(d -> d.name() + " "
                        + d.published()).toList())).append(")");
            }
            // each output of a composite joins its inputs again: the same join reported once
            for (JoinReport j : r.joins().stream().distinct().toList()) {
                sb.append("; joined ").append(j.left()).append(" x ").append(j.right()).append(" on ").append(j.key())
                        .append(": ").append(j.leftSide().orphans()).append(" + ").append(j.rightSide().orphans())
                        .append(" orphans");
            }
        } else {
            sb.append(o.status().name().toLowerCase(java.util.Locale.ROOT));
            if (o.status() == MeshOutcome.Status.VIEW) {
                sb.append(": a restricted view, stores nothing");
            }
            if (!o.reasons().isEmpty()) {
                sb.append(": ").append(String.join("; ", o.reasons()));
            }
        }
        return sb.toString();
    }
}
