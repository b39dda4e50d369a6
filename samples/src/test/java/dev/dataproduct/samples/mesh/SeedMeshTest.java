package dev.dataproduct.samples.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.core.compose.MeshOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.samples.attendance.AttendanceEvents;
import dev.dataproduct.samples.attendance.AttendanceInsights;
import dev.dataproduct.samples.attendance.AttendanceMetrics;
import dev.dataproduct.samples.purchases.HistoricalPurchasesApp;
import dev.dataproduct.samples.purchases.OrdersCsv;
import dev.dataproduct.samples.retail.CustomerFacts;
import dev.dataproduct.samples.retail.CustomerLifetimeValue;
import dev.dataproduct.samples.retail.CustomerMarketing360;
import dev.dataproduct.samples.retail.SalesMetrics;
import dev.dataproduct.samples.students.StudentDirectoryApp;
import dev.dataproduct.samples.students.StudentMaster;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import dev.dataproduct.core.runtime.DatasetStats;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.ports.stream.InMemoryStream;
import dev.dataproduct.samples.attendance.AttendanceFeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedMeshTest {
    @TempDir
    static Path dir;
    static List<MeshOutcome> outcomes;
    static String printed;

    @BeforeAll
    static void runTheMesh() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        outcomes = SeedMesh.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        printed = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsEachProductAfterTheProductsItReadsAndPrintsWhoReadsWhom() {
        List<String> order = outcomes.stream().map(o -> o.product().name()).toList();
        assertTrue(order.indexOf("customer-lifetime-value") > order.indexOf("historical-purchases"), order.toString());
        assertTrue(order.indexOf("customer-lifetime-value") > order.indexOf("returns"), order.toString());
        assertTrue(order.indexOf("customer-lifetime-value") > order.indexOf("customer-marketing-360"), order.toString());
        assertTrue(order.indexOf("student-directory-masked") > order.indexOf("student-master"), order.toString());
        assertTrue(order.indexOf("attendance-insights") > order.indexOf("student-master"), order.toString());
        assertTrue(order.indexOf("attendance-insights") > order.indexOf("attendance-events"), order.toString());
        assertTrue(printed.contains("reads urn:dataproduct:education:student-master:v1 dataset 'students' as input "
                + "'students'"), printed);
        assertTrue(printed.contains("reads urn:dataproduct:k12:attendance-events:v1 dataset 'attendance' as input "
                + "'attendance'"), printed);
        assertTrue(order.indexOf("attendance-metrics") > order.indexOf("attendance-insights"), order.toString());
        assertTrue(order.indexOf("sales-metrics") > order.indexOf("historical-purchases"), order.toString());
        assertTrue(order.indexOf("early-support-signals") > order.indexOf("attendance-events"), order.toString());
        assertTrue(printed.contains("reads urn:dataproduct:k12:attendance-insights:v1 dataset 'student_months' as "
                + "input 'student_months'"), printed);
        assertEquals(SeedMesh.products(dir.resolve("orders.csv"), InMemoryStream.create()).size(), outcomes.size());
        assertTrue(printed.contains("urn:dataproduct:retail:customer-lifetime-value:v1\n"
                .replace("\n", System.lineSeparator())), printed);
        for (String upstream : List.of("historical-purchases:v1 dataset 'purchases' as input 'purchases'",
                "returns:v1 dataset 'returns' as input 'returns'",
                "customer-marketing-360:v1 dataset 'customers' as input 'customers'")) {
            assertTrue(printed.contains("reads urn:dataproduct:retail:" + upstream), upstream + "\n" + printed);
        }
        assertTrue(printed.contains("read by urn:dataproduct:retail:customer-lifetime-value:v1 (dataset 'returns')"),
                printed);
    }

    @Test
    void everyProductCommitsOrIsAViewPassesItsChecksAndPublishesOrQuarantinesEveryRow() {
        for (MeshOutcome o : outcomes) {
            assertTrue(o.status().usable(), o + "\n" + printed);
            o.result().ifPresent(r -> {
                assertEquals(r.rowsIn(), r.published() + r.quarantined(), o.toString());
                assertTrue(r.quality().stream().allMatch(q -> q.passed()), o + ": " + r.quality());
            });
            assertTrue(printed.contains(SeedMesh.summary(o)), printed);
        }
    }

    /** The rows of a dataset of a product of the mesh, as an analyst reads them. */
    static List<Map<String, Object>> read(DataProduct product, String dataset) {
        return read(product, dataset, "analyst");
    }

    static List<Map<String, Object>> read(DataProduct product, String dataset, String role) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            ProductReader reader = ProductReader.builder(DirectorySnapshotStore.at(dir.resolve("snapshots")), product)
                    .allocator(allocator).build();
            try (ReadResult r = reader.read(Principal.of("a", role), ReadRequest.of(dataset).build())) {
                while (r.next()) {
                    RowView v = RowView.over(r.batch());
                    for (int i = 0; i < r.batch().getRowCount(); i++) {
                        rows.add(v.at(i).toMap());
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void attendanceInsightsCountsChronicAbsenceBySchoolAndMonthAsPlainJavaDoesOverThePublishedAttendance() {
        Map<String, StudentMaster.Student> students = new HashMap<>();
        StudentMaster.generated(StudentDirectoryApp.STUDENTS, StudentDirectoryApp.SEED)
                .forEach(s -> students.put(s.id(), s));
        // student and month -> enrolled, absent; the attendance read is what Attendance Events published
        Map<List<Object>, int[]> days = new HashMap<>();
        for (Map<String, Object> r : read(AttendanceEvents.define(), AttendanceEvents.ATTENDANCE, "district_analytics")) {
            StudentMaster.Student s = students.get((String) r.get("student_id"));
            if (s == null) {
                continue; // an orphan of the join
            }
            int[] c = days.computeIfAbsent(List.of(s.schoolId(), ((LocalDate) r.get("date")).withDayOfMonth(1), s.id()),
                    k -> new int[2]);
            c[0]++;
            c[1] += r.get("status").equals("ABSENT") || r.get("status").equals("EXCUSED") ? 1 : 0;
        }
        Map<List<Object>, long[]> expected = new HashMap<>(); // school and month -> students, chronic
        days.forEach((k, c) -> {
            long[] e = expected.computeIfAbsent(k.subList(0, 2), x -> new long[2]);
            e[0]++;
            e[1] += c[1] * 10 >= c[0] ? 1 : 0;
        });
        List<Map<String, Object>> schools = read(AttendanceInsights.define(), AttendanceInsights.SCHOOL_MONTHS,
                "district_analytics");
        assertEquals(expected.size(), schools.size());
        long chronic = 0;
        for (Map<String, Object> r : schools) {
            long[] e = expected.get(List.of(r.get("school_id"), r.get("month")));
            assertEquals(List.of(e[0], e[1]), List.of(r.get("students"), r.get("chronically_absent_students")),
                    r.toString());
            assertEquals((double) e[1] / e[0], (double) r.get("chronic_absenteeism_rate"), 1e-12, r.toString());
            chronic += e[1];
        }
        assertTrue(chronic > 0);
        MeshOutcome insights = outcomes.stream().filter(o -> o.product().name().equals("attendance-insights"))
                .findFirst().orElseThrow();
        assertTrue(printed.contains(SeedMesh.summary(insights)) && SeedMesh.summary(insights)
                .contains("joined attendance x students on student: 15 + 23 orphans"), printed);
    }

    @Test
    void attendanceMetricsChronicAbsenteeismRateIsTheRateAttendanceInsightsPublishesForEachSchoolAndMonth() {
        Map<List<Object>, Map<String, Object>> insights = new HashMap<>();
        read(AttendanceInsights.define(), AttendanceInsights.SCHOOL_MONTHS, "district_analytics")
                .forEach(r -> insights.put(List.of(r.get("school_id"), r.get("month")), r));
        List<Map<String, Object>> metrics = read(AttendanceMetrics.define(), AttendanceMetrics.BY_SCHOOL_AND_MONTH,
                "district_analytics");
        assertEquals(insights.size(), metrics.size());
        for (Map<String, Object> m : metrics) {
            Map<String, Object> i = insights.get(List.of(m.get("school_id"), m.get("month__month")));
            assertEquals((double) i.get("chronic_absenteeism_rate"), (double) m.get("chronic_absenteeism_rate"), 1e-12,
                    m + " " + i);
            assertEquals((double) i.get("absence_rate"), (double) m.get("absence_rate"), 1e-12, m + " " + i);
            assertEquals(i.get("students"), m.get("active_students"), m + " " + i);
            assertEquals(i.get("chronically_absent_students"), m.get("chronically_absent_students"), m + " " + i);
        }
    }

    @Test
    void writesTheMetricDefinitionsOfTheMeshOnceAsYaml() throws Exception {
        String yaml = java.nio.file.Files.readString(dir.resolve(SeedMesh.METRIC_DEFINITIONS));
        for (String metric : List.of("gross_revenue", "chronic_absenteeism_rate", "active_students")) {
            assertEquals(1, yaml.split("name: " + metric + "\\b", -1).length - 1, metric + " in\n" + yaml);
        }
        assertTrue(printed.contains("Metric definitions of the mesh (YAML), each defined once: "), printed);
    }

    @Test
    void salesMetricsGrossRevenueIsTheSumOfThePublishedOrderLinesByMonthAndChannel() {
        Map<List<Object>, BigDecimal> expected = new HashMap<>();
        OrdersCsv.orders(HistoricalPurchasesApp.ORDERS, HistoricalPurchasesApp.SEED, HistoricalPurchasesApp.NOW)
                .forEach(o -> expected.merge(List.of(o.purchasedAt().atOffset(ZoneOffset.UTC).toLocalDate()
                        .withDayOfMonth(1), o.channel()), o.total(), BigDecimal::add));
        List<Map<String, Object>> metrics = read(SalesMetrics.define(), SalesMetrics.BY_MONTH_AND_CHANNEL);
        assertEquals(expected.size(), metrics.size(), metrics.toString());
        for (Map<String, Object> m : metrics) {
            BigDecimal e = expected.get(List.of(m.get("purchased_at__month"), m.get("channel")));
            assertEquals(e.doubleValue(), ((Number) m.get("gross_revenue")).doubleValue(), 0.005, m.toString());
        }
    }

    @Test
    void customerLifetimeValueValuesEveryCustomerOfCustomerMarketing360FromThePurchasesAndReturnsItRead() {
        List<Map<String, Object>> clv = read(CustomerLifetimeValue.define(), CustomerLifetimeValue.DATASET);
        List<Map<String, Object>> customers = read(CustomerMarketing360.define(), CustomerMarketing360.CUSTOMERS);
        assertEquals(customers.stream().map(c -> c.get("customer_id")).sorted().toList(),
                clv.stream().map(c -> c.get("customer_id")).sorted().toList());
        Set<Object> known = customers.stream().map(c -> c.get("customer_id")).collect(Collectors.toSet());
        BigDecimal gross = OrdersCsv.orders(HistoricalPurchasesApp.ORDERS, HistoricalPurchasesApp.SEED,
                HistoricalPurchasesApp.NOW).stream().filter(o -> known.contains(o.customerId()))
                .map(OrdersCsv.Order::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, gross.compareTo(clv.stream().map(r -> (BigDecimal) r.get("gross"))
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
        Map<Object, Long> bands = clv.stream().collect(Collectors.groupingBy(r -> r.get("value_band"),
                Collectors.counting()));
        Map<Object, Long> actions = clv.stream().collect(Collectors.groupingBy(r -> r.get("next_best_action"),
                Collectors.counting()));
        // the purchases of the customers Customer-Marketing 360 quarantined are orphans of its join
        String line = SeedMesh.summary(outcomes.stream().filter(o -> o.product().name().equals("customer-lifetime-value"))
                .findFirst().orElseThrow());
        assertTrue(line.contains("joined customers x purchases on customer: ") && line.contains(
                "joined customers x returns on customer: "), line);
        // the sample shows every band and every action of the rule table
        assertEquals(CustomerFacts.BANDS.size(), bands.size(), bands.toString());
        assertEquals(CustomerFacts.NEXT_BEST_ACTIONS.size(), actions.size(), actions.toString());
    }

    @Test
    void attendanceEventsIsFedFromTheStreamAndAttendanceInsightsReadsTheSnapshotItPublished() {
        long sent = AttendanceFeed.publish(InMemoryStream.create());
        assertTrue(printed.contains("The schools sent " + sent + " attendance records on stream topic '"
                + AttendanceEvents.RECORDS_TOPIC + "'"), printed);
        RunResult events = outcomes.stream().filter(o -> o.product().name().equals("attendance-events")).findFirst()
                .orElseThrow().result().orElseThrow();
        DatasetStats attendance = events.dataset(AttendanceEvents.ATTENDANCE);
        assertEquals(sent, attendance.rowsIn() + events.inputs().stream().mapToLong(i -> i.rejected()).sum(),
                "every record on the stream reaches the product: " + events.summary());
        assertEquals(0, events.duplicates());

        DirectorySnapshotStore store = DirectorySnapshotStore.at(dir.resolve("snapshots"));
        DataProduct eventDriven = AttendanceEvents.eventDriven(InMemoryStream.create(), SeedMesh.ATTENDANCE_LATENESS);
        SnapshotManifest published = store.current(eventDriven.address()).orElseThrow();
        assertEquals(SnapshotManifest.Operation.APPEND, published.operation(), "an increment of events");
        assertTrue(published.inputPositions().containsKey("records"),
                "the stream offsets the run read are committed with the snapshot: " + published.inputPositions());
        assertEquals(attendance.published(), read(eventDriven, AttendanceEvents.ATTENDANCE, "district_analytics")
                .size(), "Attendance Events' readers read what it published from the stream");

        SnapshotManifest insights = store.current(AttendanceInsights.define().address()).orElseThrow();
        assertTrue(insights.upstreamSnapshots().stream().anyMatch(u -> u.productAddress().startsWith(
                        AttendanceEvents.ADDRESS) && u.dataset().equals(AttendanceEvents.ATTENDANCE)
                        && u.snapshotId().equals(published.id())),
                "Attendance Insights read the snapshot event-driven Attendance Events published: "
                        + insights.upstreamSnapshots());
    }
}
