package dev.dataproduct.samples.attendance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.samples.students.StudentDirectoryApp;
import dev.dataproduct.samples.students.StudentMaster;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.QuarantinedRow;
import dev.dataproduct.testkit.driver.TestRun;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttendanceEventsTest {
    static List<Map<String, Object>> attendance;
    static List<Map<String, Object>> submissions;
    static TestRun run;
    static List<QuarantinedRow> quarantined;
    static List<StudentMaster.Student> students = StudentMaster.generated(StudentDirectoryApp.STUDENTS,
            StudentDirectoryApp.SEED);

    @BeforeAll
    static void runTheProduct() {
        try (var driver = ProductTestDriver.of(AttendanceEvents.define())) {
            run = driver.run();
            attendance = run.rows(AttendanceEvents.ATTENDANCE);
            submissions = run.rows(AttendanceEvents.SUBMISSIONS);
            quarantined = run.quarantinedRows();
        }
    }

    /** The rows the generator makes for a dataset, before the run gates them. */
    static long generated(String dataset) {
        AttendanceGenerator g = new AttendanceGenerator(students, AttendanceEvents.SEED);
        long[] n = new long[1];
        if (dataset.equals(AttendanceEvents.ATTENDANCE)) {
            g.attendance(r -> n[0]++);
        } else {
            g.submissions(r -> n[0]++);
        }
        return n[0];
    }

    @Test
    void everyRecordIsPublishedOrQuarantinedAndOnlyTardiesWithoutMinutesLateAreQuarantined() {
        long in = generated(AttendanceEvents.ATTENDANCE) + generated(AttendanceEvents.SUBMISSIONS);
        assertEquals(in, run.rowsIn());
        assertEquals(in, run.published() + run.quarantined());
        assertTrue(run.quarantined() > 0, "the generator leaves some tardies without minutes late");
        assertEquals(run.quarantined(), quarantined.size());
        assertTrue(quarantined.stream().allMatch(q -> q.broke(AttendanceEvents.MINUTES_LATE_RULE)
                && q.values().get("status").equals("TARDY") && q.values().get("minutes_late") == null),
                quarantined.toString());
        assertEquals(generated(AttendanceEvents.SUBMISSIONS), submissions.size());
        assertEquals(generated(AttendanceEvents.ATTENDANCE), attendance.size() + quarantined.size());
        assertTrue(run.quality().stream().allMatch(r -> r.passed()), run.quality().toString());
    }

    @Test
    void aTardyHasMinutesLateAndNoOtherStatusHasAny() {
        for (Map<String, Object> r : attendance) {
            assertEquals(r.get("status").equals("TARDY"), r.get("minutes_late") != null, r.toString());
        }
    }

    @Test
    void theStudentsAreStudentMastersAtTheirSchoolsOnSchoolDaysWhileEnrolled() {
        Map<String, StudentMaster.Student> byId = new HashMap<>();
        students.forEach(s -> byId.put(s.id(), s));
        Set<LocalDate> days = Set.copyOf(SchoolCalendar.schoolDays());
        Set<String> unknown = new HashSet<>();
        for (Map<String, Object> r : attendance) {
            assertTrue(days.contains((LocalDate) r.get("date")), r.toString());
            StudentMaster.Student s = byId.get((String) r.get("student_id"));
            if (s == null) {
                unknown.add((String) r.get("student_id"));
                continue;
            }
            assertEquals(s.schoolId(), r.get("school_id"), r.toString());
            assertTrue(!s.enrollmentStatus().equals("graduated"), r.toString());
        }
        assertEquals(Set.copyOf(AttendanceGenerator.UNKNOWN_STUDENTS), unknown);
        long active = students.stream().filter(s -> s.enrollmentStatus().equals("active")).count();
        assertTrue(attendance.size() > active * days.size() * 99 / 100, "records: " + attendance.size());
        assertEquals(180, days.size());
    }

    @Test
    void someStudentsAreChronicallyAbsentSomeSubmitLateAndSomeRecordsArriveLate() {
        Map<Object, long[]> days = new HashMap<>(); // student -> enrolled days, days absent
        for (Map<String, Object> r : attendance) {
            long[] c = days.computeIfAbsent(r.get("student_id"), k -> new long[2]);
            c[0]++;
            if (r.get("status").equals("ABSENT") || r.get("status").equals("EXCUSED")) {
                c[1]++;
            }
        }
        long chronic = days.values().stream().filter(c -> c[1] * 10 >= c[0]).count();
        assertTrue(chronic >= days.size() / 20 && chronic <= days.size() / 4, "chronically absent: " + chronic
                + " of " + days.size());

        long late = attendance.stream().filter(r -> ((Instant) r.get("recorded_at")).atOffset(ZoneOffset.UTC)
                .toLocalDate().isAfter((LocalDate) r.get("date"))).count();
        assertTrue(late > 0 && late < attendance.size() / 20, "recorded late: " + late);

        Map<Object, long[]> work = new HashMap<>(); // student -> due, late or missing
        for (Map<String, Object> r : submissions) {
            long[] c = work.computeIfAbsent(r.get("student_id"), k -> new long[2]);
            c[0]++;
            Instant submitted = (Instant) r.get("submitted_at");
            if (submitted == null || submitted.isAfter((Instant) r.get("due_at"))) {
                c[1]++;
            }
        }
        long lateSubmitters = work.values().stream().filter(c -> c[1] * 4 >= c[0]).count();
        assertTrue(lateSubmitters > 0 && lateSubmitters < work.size() / 2, "late submitters: " + lateSubmitters);
        assertTrue(submissions.stream().anyMatch(r -> r.get("submitted_at") == null));
    }

    @Test
    void bothDatasetsCarryTheConformedKeyStudentAsStudentMasterDoes() {
        for (DatasetSpec d : List.of(AttendanceEvents.attendance().build(), AttendanceEvents.submissions().build(),
                StudentMaster.SPEC)) {
            assertEquals("student", d.schema().field("student_id").orElseThrow().conformedKey().orElseThrow(),
                    d.name());
        }
    }

    @Test
    void theSameSeedsGiveTheSameRecords() {
        List<Object[]> a = new java.util.ArrayList<>();
        List<Object[]> b = new java.util.ArrayList<>();
        new AttendanceGenerator(students, 7L).attendance(a::add);
        new AttendanceGenerator(students, 7L).attendance(b::add);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
    }
}
