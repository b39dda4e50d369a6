package dev.dataproduct.samples.students;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.audit.JsonLinesAuditSink;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SortKey;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.ports.http.page.StaticSite;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs Student Master, then reads the same students through Student Directory (Masked) as a school
 * principal, a counselor, a district office employee and a teacher (who has no grant), and prints
 * what each of them sees. The directory stores nothing: it reads Student Master's snapshot.
 *
 * <p>Run it on its own with {@code StudentDirectoryApp [work directory]}; the purchases sample's
 * {@code exec:exec} run also runs it.
 */
public final class StudentDirectoryApp {
    /** The number of students generated. */
    public static final int STUDENTS = 400;
    /** The seed of the generated students. */
    public static final long SEED = 20261201L;
    /** The students every reader is shown, by id: the same rows for all. */
    public static final List<String> SHOWN = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("S%05d", i))
            .toList();
    /** The sample's fixed "now". */
    public static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** The readers of the sample, one of each kind, and one with no grant. */
    public static final List<Principal> READERS = List.of(
            new Principal("p.okafor@lincoln-hs.example", Set.of("principal"), Map.of("school_id",
                    "lincoln-hs")),
            new Principal("c.tanaka@lincoln-hs.example", Set.of("counselor"), Map.of("staff_id", "C-01")),
            Principal.of("d.murphy@district.example", "district_office"),
            Principal.of("t.rossi@lincoln-hs.example", "teacher"));

    private StudentDirectoryApp() {
    }

    /**
     * What one reader saw.
     *
     * @param reader who read
     * @param rows the shown students it may see, as column to value; empty if it was denied
     * @param total how many students of the directory it may see in all
     */
    public record View(Principal reader, Optional<List<Map<String, Object>>> rows, long total) {
        /** Validates the components. */
        public View {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(rows, "rows");
        }
    }

    /**
     * @param args optionally, the working directory (default {@code target/student-directory})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "target/student-directory").toAbsolutePath(), System.out);
    }

    /**
     * Runs the sample.
     *
     * @param work where the snapshots and the audit log go
     * @param out where to print
     * @return what each reader saw
     */
    public static List<View> run(Path work, PrintStream out) {
        return run(work, out, null);
    }

    /**
     * Runs the sample and adds its products to a static catalog, whose next writing shows them.
     *
     * @param work where the snapshots and the audit log go
     * @param out where to print
     * @param site the catalog to add the products to, or null for none
     * @return what each reader saw
     */
    public static List<View> run(Path work, PrintStream out, StaticSite site) {
        DataProduct master = StudentMaster.master(STUDENTS, SEED);
        DataProduct directory = StudentMaster.directory(master);
        DirectorySnapshotStore store = DirectorySnapshotStore.at(work.resolve("snapshots"));
        List<View> views = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().store(store).allocator(allocator)
                     .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
            RunResult result = runtime.run(master);
            if (site != null) {
                site.add(master, store);
                site.add(directory, store);
                site.ran(result);
            }
            out.println("Data product " + master.address() + ": " + result.published() + " students published");
            out.println("Restricted product " + directory.address() + " (" + directory.describe().pattern()
                    + ", over " + master.address() + ")");
            out.println("  " + directory.metadata().purpose());
            ProductReader reader = ProductReader.builder(store, directory).allocator(allocator)
                    .audit(JsonLinesAuditSink.at(work.resolve("audit.jsonl"))).build();
            for (Principal p : READERS) {
                views.add(read(reader, p));
            }
            out.println("  snapshots of its own: " + store.history(directory.address()).size()
                    + " (it reads " + master.address() + " snapshot " + store.current(master.address())
                    .orElseThrow().id() + ")");
            out.println();
            out.println("The same students " + SHOWN.get(0) + ".." + SHOWN.get(SHOWN.size() - 1)
                    + ", as each reader sees them:");
            for (View v : views) {
                print(v, out);
            }
        }
        return views;
    }

    private static View read(ProductReader reader, Principal p) {
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ReadResult r = reader.read(p, ReadRequest.of(StudentMaster.STUDENTS)
                    .where(Expr.col("student_id").in(SHOWN.toArray()))
                    .orderBy(SortKey.asc("student_id")).via("sample").build())) {
                while (r.next()) {
                    RowView view = RowView.over(r.batch());
                    for (int i = 0; i < r.batch().getRowCount(); i++) {
                        rows.add(view.at(i).toMap());
                    }
                }
            }
            long total = 0;
            try (ReadResult r = reader.read(p, ReadRequest.of(StudentMaster.STUDENTS).columns("student_id")
                    .via("sample").build())) {
                while (r.next()) {
                    total += r.batch().getRowCount();
                }
            }
            return new View(p, Optional.of(rows), total);
        } catch (AccessDeniedException e) {
            return new View(p, Optional.empty(), 0);
        }
    }

    private static void print(View v, PrintStream out) {
        out.println();
        out.println("  " + v.reader().id() + " " + v.reader().roles() + (v.reader().attributes().isEmpty() ? ""
                : " " + v.reader().attributes()));
        if (v.rows().isEmpty()) {
            out.println("    denied: no grant of the directory is for this reader");
            return;
        }
        List<Map<String, Object>> rows = v.rows().get();
        out.println("    " + rows.size() + " of the " + SHOWN.size() + " students shown; " + v.total()
                + " students of the directory in all");
        for (Map<String, Object> row : rows) {
            out.println("    " + row.values().stream().map(String::valueOf).reduce((a, b) -> a + " | " + b)
                    .orElse(""));
        }
    }
}
