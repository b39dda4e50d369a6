package dev.dataproduct.ports.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.runtime.PortOutcome;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.ports.arrow.ArrowFileOutput;
import dev.dataproduct.ports.csv.CsvFileOutput;
import dev.dataproduct.ports.jsonl.JsonLinesFileOutput;
import dev.dataproduct.testkit.conformance.ConformanceReport;
import dev.dataproduct.testkit.conformance.PortConformance;
import dev.dataproduct.testkit.gen.DatasetGen;
import dev.dataproduct.testkit.gen.Gen;
import dev.dataproduct.testkit.gen.Schemas;
import dev.dataproduct.testkit.property.PropertyRunner;
import dev.dataproduct.testkit.port.RowsInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file port delivers exactly what the read path returns to its audience: for generated
 * schemas, rows, policies (grants by role, column subsets, row filters, masks) and principals,
 * each principal gets an Arrow, a CSV and a JSON Lines port, and what each wrote is read back and
 * checked by the testkit's {@link PortConformance} against the read path, denials included.
 */
class FilePortsConformancePropertyTest {
    private static final List<String> ROLES = List.of("analyst", "auditor", "support");
    private static final int PRINCIPALS = 4;

    @TempDir
    Path dir;

    /** One generated product: its dataset, rows, policy and the principals its ports deliver for. */
    record Case(Schema schema, List<Map<String, Object>> rows, Policy policy, List<Principal> principals) {
        @Override
        public String toString() {
            return "schema " + schema + ", " + rows.size() + " rows, policy grants " + policy.grants()
                    + ", principals " + principals;
        }
    }

    private static final Gen<Case> CASES = new Gen<>() {
        @Override
        public Case generate(Random random) {
            Schema schema = Schemas.schemas(5).generate(random);
            List<Map<String, Object>> rows = DatasetGen.of(schema).nullShare(0.2).generate(random.nextInt(25), random)
                    .rows();
            List<Principal> principals = new ArrayList<>();
            for (int i = 0; i < PRINCIPALS; i++) {
                Set<String> roles = new HashSet<>();
                ROLES.stream().filter(r -> random.nextInt(3) == 0).forEach(roles::add);
                principals.add(new Principal("reader-" + i, roles, Map.of()));
            }
            return new Case(schema, rows, policy(schema, rows, random), principals);
        }
    };

    private static Policy policy(Schema schema, List<Map<String, Object>> rows, Random random) {
        List<String> columns = schema.fieldNames();
        Policy.Builder b = Policy.forDataset("d");
        Set<String> masked = new HashSet<>();
        for (String c : columns) {
            if (random.nextInt(4) == 0) {
                b.mask(Target.field(c), Mask.nullify());
                masked.add(c);
            }
        }
        for (String role : ROLES) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            Grant.Builder g = Grant.to(Audience.role(role));
            if (random.nextBoolean()) {
                g.allColumns();
            } else {
                List<String> some = new ArrayList<>(columns.stream().filter(c -> random.nextBoolean()).toList());
                if (some.isEmpty()) {
                    some.add(columns.get(random.nextInt(columns.size())));
                }
                g.columns(some.toArray(String[]::new));
            }
            filter(schema, rows, random).ifPresent(g::rows);
            if (!masked.isEmpty() && random.nextBoolean()) {
                g.unmask(Target.field(masked.iterator().next()));
            }
            b.grant(g.build());
        }
        return b.build();
    }

    /** A row filter comparing a scalar column to one of its values, or testing it for null. */
    private static java.util.Optional<Expr> filter(Schema schema, List<Map<String, Object>> rows, Random random) {
        List<Field> scalars = schema.fields().stream().filter(f -> TextValues.isTextReadable(f.type())).toList();
        if (scalars.isEmpty() || random.nextInt(3) == 0) {
            return java.util.Optional.empty();
        }
        Field f = scalars.get(random.nextInt(scalars.size()));
        Object value = rows.isEmpty() ? null : rows.get(random.nextInt(rows.size())).get(f.name());
        if (value == null) {
            return java.util.Optional.of(random.nextBoolean() ? Expr.col(f.name()).isNull()
                    : Expr.col(f.name()).isNotNull());
        }
        return java.util.Optional.of(random.nextBoolean() ? Expr.col(f.name()).eq(value)
                : Expr.col(f.name()).ne(value));
    }

    @Test
    void everyFilePortDeliversExactlyWhatTheReadPathReturnsToItsAudience() {
        // 170 products, 4 audiences, 3 formats: 2,040 deliveries, each fsynced, so the count is kept to that
        int trials = Integer.getInteger("conformance.trials", 170);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger denied = new AtomicInteger();
        AtomicInteger trial = new AtomicInteger();
        try (BufferAllocator allocator = new RootAllocator()) {
            PropertyRunner.forAll(CASES).trials(trials).check(c -> {
                Path base = Files.createDirectories(dir.resolve("case-" + trial.incrementAndGet()));
                DatasetSpec.Builder spec = DatasetSpec.named("d").maxQuarantinedShare(1);
                c.schema().fields().forEach(spec::field);
                List<OutputPort> ports = new ArrayList<>();
                for (int i = 0; i < c.principals().size(); i++) {
                    Principal who = c.principals().get(i);
                    ports.add(ArrowFileOutput.at(base.resolve("arrow-" + i)).named("arrow-" + i).audience(who));
                    ports.add(CsvFileOutput.at(base.resolve("csv-" + i)).named("csv-" + i).audience(who));
                    ports.add(JsonLinesFileOutput.at(base.resolve("jsonl-" + i)).named("jsonl-" + i).audience(who));
                }
                DataProduct product = DataProduct.builder("delivered").domain("conformance").version("1.0.0")
                        .owner(Owner.person("Kit Tester", "kit@example.com")).purpose("Generated deliveries.")
                        .input(RowsInput.of("source", c.schema(), c.rows())).output(spec).access(c.policy())
                        .serve(ports.toArray(OutputPort[]::new)).transform(ctx -> ctx.input("source")).build();
                InMemorySnapshotStore store = new InMemorySnapshotStore();
                RunResult run;
                try (ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
                    run = runtime.run(product);
                }
                assertEquals(c.rows().size(), run.published() + run.quarantined(), "rows in = published + quarantined");
                ProductReader reader = ProductReader.builder(store, product).allocator(allocator).build();
                for (int i = 0; i < c.principals().size(); i++) {
                    for (String format : List.of("arrow", "csv", "jsonl")) {
                        PortOutcome outcome = run.delivery(format + "-" + i);
                        Path delivered = base.resolve(format + "-" + i);
                        ConformanceReport report = PortConformance.against(reader).principals(c.principals().get(i))
                                .requests(ReadRequest.of("d").build())
                                .check((principal, request) -> {
                                    if (outcome.withheld().contains("d")) {
                                        denied.incrementAndGet();
                                        throw new AccessDeniedException("withheld from " + principal.id());
                                    }
                                    assertEquals(PortOutcome.Status.DELIVERED, outcome.status(), outcome.toString());
                                    return DeliveredFiles.read(delivered, "d", c.schema());
                                });
                        reads.addAndGet(report.reads());
                        assertTrue(report.mismatches().isEmpty(), format + " port of principal " + i + ": "
                                + report.mismatches());
                    }
                }
                assertTrue(store.pinned(product.address()).isEmpty(), "a delivery left its snapshot pinned");
                return true;
            });
            assertEquals(0, allocator.getAllocatedMemory(), "memory left after " + reads + " reads");
        }
        assertEquals(trials * PRINCIPALS * 3, reads.get());
        System.out.println("file ports conformance: " + reads + " deliveries checked against the read path ("
                + denied + " denied), 0 leaks");
        assertTrue(denied.get() > 0 && denied.get() < reads.get(), "both denied and allowed audiences were generated: "
                + denied + " of " + reads);
    }
}
