package dev.dataproduct.ports.http;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.core.catalog.Catalog;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.quality.history.InMemoryMetricsHistory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.slo.InMemorySliHistory;
import dev.dataproduct.core.slo.ServiceLevels;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.ports.http.page.Pages;
import dev.dataproduct.testkit.fixture.Students;
import dev.dataproduct.testkit.port.RowsInput;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A mesh for the pages: the school directory (k12), with objectives, a quality check and three
 * runs a day apart, and an attendance report (district) that reads it, both served by a host whose
 * REST port renders the pages with service levels and quality history; and a budget (finance) that
 * reads the directory too, known only from its ODPS document in the pages' catalog.
 */
final class SheetMesh implements AutoCloseable {
    static final int RUNS = 3;
    static final DatasetSpec ATTENDANCE = DatasetSpec.named("attendance")
            .description("One row per school.")
            .field("school", LogicalType.STRING, f -> f.required().primaryKey().description("School <code>"))
            .field("students", LogicalType.INT64, f -> f.required().description("Students enrolled"))
            .build();

    final BufferAllocator allocator = new RootAllocator();
    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final MovingClock clock = new MovingClock(Instant.parse("2026-10-01T06:00:00Z"));
    final InMemorySliHistory sli = new InMemorySliHistory();
    final InMemoryMetricsHistory quality = new InMemoryMetricsHistory();
    final ServiceLevels levels = ServiceLevels.builder().history(sli).clock(clock).build();
    final ProductRuntime runtime;
    final ProductHost host;
    final RestPort rest;
    final DataProduct directory;
    final DataProduct attendance;
    final Pages pages;

    SheetMesh() {
        directory = DataProduct.builder("directory").domain("k12").version("1.2.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Who studies where.")
                .description("Students of the district's schools, with a <b>masked</b> e-mail.")
                .tags("students", "schools")
                .input(RowsInput.of("students", Directory.STUDENTS.schema(), Directory.rows(40)))
                .output(Directory.STUDENTS)
                .access(Directory.POLICY)
                .check(Check.completeness("grade").atLeast(0.5))
                .objective(Objective.freshness(Duration.ofHours(25)), Objective.completeness(0.9))
                .transform(ctx -> ctx.input("students"))
                .build();
        List<Map<String, Object>> counts = new ArrayList<>();
        for (String school : List.of("A", "B", "C")) {
            counts.add(Map.of("school", school, "students", 13L));
        }
        attendance = DataProduct.builder("attendance").domain("district").version("0.3.0")
                .owner(Owner.person("Dan Oyelaran", "dan@example.com")).purpose("Students per school.")
                .input(new ReadsProduct(RowsInput.of("directory", ATTENDANCE.schema(), counts),
                        directory.address().urn()))
                .output(ATTENDANCE)
                .access(Policy.forDataset("attendance")
                        .grant(Grant.to(Audience.role("admin")).allColumns())
                        .grant(Grant.to(Audience.role("counselor")).allColumns()).build())
                .transform(ctx -> ctx.input("directory"))
                .build();
        runtime = ProductRuntime.builder().allocator(allocator).store(store).clock(clock).observer(levels)
                .history(quality).build();
        // a product of another team, known here only from its ODPS document
        DataProduct budget = DataProduct.builder("budget").domain("finance").version("4.0.0")
                .owner(Owner.person("Fay Ng", "fay@example.com")).purpose("Spending per student.")
                .input(new ReadsProduct(RowsInput.of("directory", ATTENDANCE.schema(), counts),
                        directory.address().urn()))
                .output(ATTENDANCE).transform(ctx -> ctx.input("directory")).build();
        Catalog catalog = new Catalog();
        catalog.register(OdpsCodec.document(budget));
        pages = Pages.builder().serviceLevels(levels, sli).qualityHistory(quality).clock(clock).catalog(catalog)
                .build();
        StaticTokens tokens = StaticTokens.builder().token(Directory.COUNSELOR_TOKEN, Directory.COUNSELOR)
                .token(Directory.ADMIN_TOKEN, Directory.ADMIN).token(Directory.NOBODY_TOKEN, Directory.NOBODY).build();
        rest = RestPort.builder().authenticator(tokens).pages(pages).build();
        host = ProductHost.builder(runtime, allocator).product(directory).product(attendance).serve(rest)
                .clock(clock).build();
        for (int i = 0; i < RUNS; i++) {
            host.runAll();
            clock.advance(Duration.ofDays(1));
        }
        host.start();
    }

    URI base() {
        return rest.baseUri();
    }

    @Override
    public void close() {
        Students.closeInOrder(host, runtime, allocator);
    }

    /** An input that says it reads another product, as lineage and the pages see it. */
    static final class ReadsProduct implements InputPort {
        private final RowsInput rows;
        private final String product;

        ReadsProduct(RowsInput rows, String product) {
            this.rows = rows;
            this.product = product;
        }

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor(rows.descriptor().name(), "product", "arrow", product);
        }

        @Override
        public Dataset open(InputContext context) {
            return rows.open(context);
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /** A clock the test moves on. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
