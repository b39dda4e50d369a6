package dev.dataproduct.samples.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentDirectoryAppTest {
    @TempDir
    static Path dir;
    static String printed;
    static List<StudentDirectoryApp.View> views;
    /** Every student of Student Master in the clear, read by a data steward. */
    static List<Map<String, Object>> master;

    @BeforeAll
    static void runTheSample() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        views = StudentDirectoryApp.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        printed = bytes.toString(StandardCharsets.UTF_8);
        DataProduct product = StudentMaster.master(StudentDirectoryApp.STUDENTS, StudentDirectoryApp.SEED);
        master = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            ProductReader steward = ProductReader.builder(DirectorySnapshotStore.at(dir.resolve("snapshots")), product)
                    .allocator(allocator).build();
            try (ReadResult r = steward.read(Principal.of("steward", "data_steward"),
                    ReadRequest.of(StudentMaster.STUDENTS).build())) {
                while (r.next()) {
                    RowView v = RowView.over(r.batch());
                    for (int i = 0; i < r.batch().getRowCount(); i++) {
                        master.add(v.at(i).toMap());
                    }
                }
            }
        }
    }

    /** The ids a reader should see among the shown students, and the count in all, computed in plain Java. */
    static void assertSees(StudentDirectoryApp.View view, Predicate<Map<String, Object>> admitted) {
        Predicate<Map<String, Object>> active = r -> r.get("enrollment_status").equals("active");
        List<Object> shown = master.stream().filter(active.and(admitted))
                .filter(r -> StudentDirectoryApp.SHOWN.contains(r.get("student_id")))
                .map(r -> r.get("student_id")).toList();
        assertEquals(shown, view.rows().orElseThrow().stream().map(r -> r.get("student_id")).toList(),
                view.reader().id());
        assertEquals(master.stream().filter(active.and(admitted)).count(), view.total(), view.reader().id());
    }

    static Map<String, Object> clear(Object studentId) {
        return master.stream().filter(r -> r.get("student_id").equals(studentId)).findFirst().orElseThrow();
    }

    @Test
    void aSchoolPrincipalSeesTheActiveStudentsOfOwnSchoolWithNamesButNoContactsOrBirthDates() {
        StudentDirectoryApp.View v = views.get(0);
        assertSees(v, r -> r.get("school_id").equals("lincoln-hs"));
        for (Map<String, Object> row : v.rows().orElseThrow()) {
            Map<String, Object> truth = clear(row.get("student_id"));
            assertEquals(List.of("student_id", "name", "email", "school_id", "grade", "counselor_id"),
                    List.copyOf(row.keySet()));
            assertEquals(truth.get("name"), row.get("name"));
            String email = (String) truth.get("email");
            assertEquals(email.charAt(0) + "***" + email.substring(email.indexOf('@')), row.get("email"));
        }
    }

    @Test
    void aCounselorSeesAssignedStudentsWithContactsInTheClearAndTheBirthYear() {
        StudentDirectoryApp.View v = views.get(1);
        assertSees(v, r -> r.get("counselor_id").equals("C-01"));
        assertTrue(v.rows().orElseThrow().size() > 0);
        for (Map<String, Object> row : v.rows().orElseThrow()) {
            Map<String, Object> truth = clear(row.get("student_id"));
            assertEquals(List.of("student_id", "name", "birth_date", "email", "guardian_phone", "school_id", "grade",
                    "counselor_id"), List.copyOf(row.keySet()));
            assertEquals(truth.get("email"), row.get("email"));
            assertEquals(truth.get("guardian_phone"), row.get("guardian_phone"));
            assertEquals(((java.time.LocalDate) truth.get("birth_date")).withDayOfYear(1), row.get("birth_date"));
        }
    }

    @Test
    void theDistrictOfficeSeesEveryActiveStudentWithPersonalDataMasked() {
        StudentDirectoryApp.View v = views.get(2);
        assertSees(v, r -> true);
        for (Map<String, Object> row : v.rows().orElseThrow()) {
            Map<String, Object> truth = clear(row.get("student_id"));
            String name = (String) truth.get("name");
            assertEquals(name.charAt(0) + "*".repeat(name.length() - 1), row.get("name"));
            String phone = (String) truth.get("guardian_phone");
            assertEquals("*".repeat(phone.length() - 4) + phone.substring(phone.length() - 4), row.get("guardian_phone"));
            assertEquals(truth.get("grade"), row.get("grade"));
        }
        // demographics are projected away for everyone
        assertTrue(v.rows().orElseThrow().stream().noneMatch(r -> r.containsKey("gender") || r.containsKey("free_lunch")));
    }

    @Test
    void aTeacherIsDeniedAndTheDirectoryStoresNoSnapshotOfItsOwn() {
        assertTrue(views.get(3).rows().isEmpty());
        assertTrue(printed.contains("denied"), printed);
        DataProduct directory = StudentMaster.directory(StudentMaster.master(1, 1));
        assertEquals(List.of(), DirectorySnapshotStore.at(dir.resolve("snapshots")).history(directory.address()));
        assertTrue(printed.contains("snapshots of its own: 0"), printed);
    }

    @Test
    void printsEachReadersViewOfTheSameStudents() {
        for (StudentDirectoryApp.View v : views) {
            assertTrue(printed.contains(v.reader().id()), v.reader().id());
        }
        Map<String, Object> first = views.get(1).rows().orElseThrow().get(0);
        assertTrue(printed.contains((String) first.get("email")), printed);
        // what the principal sees in the clear is not printed for the district office's line of that student
        Map<String, Object> d = views.get(2).rows().orElseThrow().stream()
                .filter(r -> r.get("student_id").equals(first.get("student_id"))).findFirst().orElseThrow();
        assertTrue(printed.contains(first.get("student_id") + " | " + d.get("name") + " | "), printed);
    }

    @Test
    void theDistrictsAnalyticsProductsReadEnrollmentOfEveryStudentWithoutPersonalData() {
        DataProduct product = StudentMaster.master(StudentDirectoryApp.STUDENTS, StudentDirectoryApp.SEED);
        try (BufferAllocator allocator = new RootAllocator()) {
            ProductReader reader = ProductReader.builder(DirectorySnapshotStore.at(dir.resolve("snapshots")), product)
                    .allocator(allocator).build();
            long rows = 0;
            try (ReadResult r = reader.read(Principal.of("urn:dataproduct:k12:attendance-insights:v1",
                    StudentMaster.ANALYTICS_ROLE), ReadRequest.of(StudentMaster.STUDENTS).build())) {
                while (r.next()) {
                    assertEquals(StudentMaster.ANALYTICS_COLUMNS, r.batch().getSchema().getFields().stream()
                            .map(f -> f.getName()).toList());
                    rows += r.batch().getRowCount();
                }
            }
            assertEquals(master.size(), rows);
        }
    }
}
