package dev.dataproduct.samples.signals;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.feature.FeatureValue;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.compose.MeshOutcome;
import dev.dataproduct.core.feature.AsOfJoin;
import dev.dataproduct.core.feature.FeatureLookup;
import dev.dataproduct.core.feature.FeatureServing;
import dev.dataproduct.core.feature.InMemoryOnlineStore;
import dev.dataproduct.core.feature.Watermark;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.samples.attendance.AttendanceEvents;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs Attendance Events and Early-Support Signals as a mesh, then uses the features both ways: a
 * training set (each student as of every fourth Monday, an as-of join of both feature tables) and an
 * online store materialised from the product's snapshot, looked up at the present time. Both are
 * scored by {@link DisengagementRisk#score}; the rows of the training set as of the present equal the
 * online lookups, value for value.
 */
public final class SignalsApp {
    /** The present of the sample: the Monday after the last school day. */
    public static final Instant NOW = Instant.parse("2026-06-08T12:00:00Z");
    /** The first time of the training set. */
    public static final Instant FIRST = Instant.parse("2025-09-29T12:00:00Z");
    static final Schema ENTITY_ROWS = Schema.of(Field.of("student_id", LogicalType.STRING, true),
            Field.of("as_of", LogicalType.TIMESTAMP_TZ, true));

    private SignalsApp() {
    }

    /**
     * What one run showed.
     *
     * @param outcomes the mesh's outcomes, in run order
     * @param trainingRows rows of the training set
     * @param offline the score of each student in the training set as of {@link #NOW}
     * @param online the score of each student looked up online at {@link #NOW}
     * @param watermarks the online store's watermark of each view
     */
    public record Result(List<MeshOutcome> outcomes, long trainingRows, Map<String, DisengagementRisk.Score> offline,
                         Map<String, DisengagementRisk.Score> online, List<Watermark> watermarks) {
    }

    /**
     * @param args optionally, the working directory (default {@code target/signals})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "target/signals").toAbsolutePath(), System.out);
    }

    /**
     * @param work where the snapshots are written
     * @param out where the report is printed
     * @return what the run showed
     */
    public static Result run(Path work, PrintStream out) {
        DataProduct attendance = AttendanceEvents.define();
        DataProduct signals = EarlySupportSignals.define();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(work.resolve("snapshots"))).clock(clock).build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(signals).product(attendance).build()) {
            out.println("Early-Support Signals (" + signals.address() + "), a feature product over "
                    + attendance.address() + ":");
            List<MeshOutcome> outcomes = host.runMesh();
            outcomes.forEach(o -> out.println("  " + o));
            ProductReader reader = ProductReader.builder(runtime.store(), signals).allocator(allocator).build();
            Principal store = Principal.of("online-feature-store", EarlySupportSignals.STORE_ROLE);
            Principal support = Principal.of("sam", EarlySupportSignals.SUPPORT_ROLE);
            out.println("  feature set " + EarlySupportSignals.RISK_FEATURES.name() + " "
                    + EarlySupportSignals.RISK_FEATURES.version() + " used by "
                    + EarlySupportSignals.RISK_FEATURES.modelVersion().orElse("-") + ": "
                    + EarlySupportSignals.RISK_FEATURES.qualifiedNames());

            // offline: a training set of every student as of every fourth Monday, the present included
            Set<String> students = students(reader, store);
            List<VectorSchemaRoot> owned = new ArrayList<>();
            Map<String, DisengagementRisk.Score> offline = new LinkedHashMap<>();
            long rows = 0;
            double total = 0;
            try {
                Dataset entityRows = entityRows(students, allocator, owned);
                Dataset joined = AsOfJoin.of(EarlySupportSignals.SUBMISSIONS).join(
                        AsOfJoin.of(EarlySupportSignals.ATTENDANCE).join(entityRows, "as_of",
                                table(reader, store, EarlySupportSignals.ATTENDANCE), allocator),
                        "as_of", table(reader, store, EarlySupportSignals.SUBMISSIONS), allocator);
                long[] counted = {0};
                double[] sum = {0};
                joined.forEachRow(row -> {
                    Map<String, FeatureValue> features = new LinkedHashMap<>(
                            AsOfJoin.values(row, EarlySupportSignals.ATTENDANCE));
                    features.putAll(AsOfJoin.values(row, EarlySupportSignals.SUBMISSIONS));
                    DisengagementRisk.Score score = DisengagementRisk.score(features);
                    counted[0]++;
                    sum[0] += score.points();
                    if (row.getInstant("as_of").equals(NOW)) {
                        offline.put(row.getString("student_id"), score);
                    }
                });
                rows = counted[0];
                total = sum[0];
            } finally {
                owned.forEach(VectorSchemaRoot::close);
            }
            out.printf(Locale.ROOT, "  training set: %,d rows (%,d students as of every fourth Monday from %s), mean "
                    + "risk %.1f%n", rows, students.size(), FIRST, rows == 0 ? 0 : total / rows);

            // online: the store materialised from the product's snapshot, looked up now by support staff
            Map<String, DisengagementRisk.Score> online = new LinkedHashMap<>();
            List<Watermark> marks = new ArrayList<>();
            List<FeatureServing> servings = new ArrayList<>();
            for (FeatureView view : List.of(EarlySupportSignals.ATTENDANCE, EarlySupportSignals.SUBMISSIONS)) {
                FeatureServing serving = FeatureServing.builder(view, reader, new InMemoryOnlineStore())
                        .materializeAs(store).allocator(allocator).clock(clock).build();
                marks.add(serving.materialize());
                servings.add(serving);
            }
            marks.forEach(m -> out.println("  online store at snapshot " + m.snapshotId() + ": " + m.rowsApplied()
                    + " latest rows of " + m.rowsRead() + " read, " + m.lag().toMinutes() + " min after the commit"));
            List<List<?>> keys = students.stream().<List<?>>map(List::of).toList();
            List<FeatureLookup> attendanceNow = servings.get(0).lookup(support, keys);
            List<FeatureLookup> submissionsNow = servings.get(1).lookup(support, keys);
            for (int i = 0; i < keys.size(); i++) {
                Map<String, FeatureValue> features = new LinkedHashMap<>(attendanceNow.get(i).features());
                features.putAll(submissionsNow.get(i).features());
                online.put((String) keys.get(i).get(0), DisengagementRisk.score(features));
            }
            long same = online.keySet().stream().filter(s -> online.get(s).equals(offline.get(s))).count();
            out.println("  online lookups at " + NOW + ": " + same + " of " + online.size()
                    + " students score exactly as in the training set as of the same time");
            online.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue().points(), a.getValue().points()))
                    .limit(3).forEach(e -> out.printf(Locale.ROOT, "  %s risk %.1f: %s%n", e.getKey(),
                            e.getValue().points(), String.join("; ", e.getValue().reasons())));
            return new Result(outcomes, rows, offline, online, marks);
        }
    }

    private static Set<String> students(ProductReader reader, Principal principal) {
        Set<String> out = new LinkedHashSet<>();
        table(reader, principal, EarlySupportSignals.ATTENDANCE).forEachRow(r -> out.add(r.getString("student_id")));
        return out;
    }

    private static Dataset entityRows(Set<String> students, BufferAllocator allocator, List<VectorSchemaRoot> owned) {
        List<Instant> times = new ArrayList<>();
        for (Instant t = FIRST; t.isBefore(NOW); t = t.plus(java.time.Duration.ofDays(28))) {
            times.add(t);
        }
        times.add(NOW);
        try (BatchBuilder b = BatchBuilder.create(ENTITY_ROWS, allocator)) {
            for (String s : students) {
                for (Instant t : times) {
                    b.addRow(s, t);
                }
            }
            owned.add(b.build());
        }
        return Dataset.of("students-as-of", ENTITY_ROWS, owned);
    }

    /** A feature table read through the product's read path, as a dataset each pass reads anew. */
    private static Dataset table(ProductReader reader, Principal principal, FeatureView view) {
        Schema schema = Schema.fromArrow(reader.schema(principal, view.name()));
        return new Dataset() {
            @Override
            public String name() {
                return view.name();
            }

            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public BatchCursor open() {
                return reader.read(principal, ReadRequest.of(view.name()).via("training").build());
            }
        };
    }
}
