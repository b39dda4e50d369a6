package dev.dataproduct.samples.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.samples.students.StudentMaster;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.TestRun;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AttendanceInsightsTest {
    static final LocalDate SEPT = LocalDate.of(2025, 9, 1);
    static final LocalDate OCT = LocalDate.of(2025, 10, 1);

    static Map<String, Object> student(String id, String school, int grade) {
        Map<String, Object> m = new HashMap<>();
        m.put("student_id", id);
        m.put("name", "Ava Smith");
        m.put("school_id", school);
        m.put("grade", grade);
        m.put("counselor_id", "C-01");
        m.put("enrollment_status", "active");
        return m;
    }

    /** Records of a student for days 1..n of a month, the first {@code absent} of them absent or excused. */
    static List<Map<String, Object>> days(String student, String school, LocalDate month, int n, int absent) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int d = 1; d <= n; d++) {
            LocalDate date = month.withDayOfMonth(d);
            Map<String, Object> m = new HashMap<>();
            m.put("event_id", "att-" + date + "-" + student);
            m.put("student_id", student);
            m.put("school_id", school);
            m.put("date", date);
            m.put("status", d <= absent ? (d % 2 == 0 ? "EXCUSED" : "ABSENT") : d == n ? "TARDY" : "PRESENT");
            m.put("minutes_late", d == n && d > absent ? 5 : null);
            m.put("recorded_at", Instant.parse(date + "T14:00:00Z"));
            out.add(m);
        }
        return out;
    }

    @Test
    void joinsEachRecordToItsStudentAndCountsChronicAbsenceBySchoolAndMonth() {
        try (var driver = ProductTestDriver.of(AttendanceInsights.define())) {
            driver.input(StudentMaster.STUDENTS, StudentMaster.SPEC.schema()).pipeRows(List.of(
                    student("S00001", "lincoln-hs", 9), student("S00002", "lincoln-hs", 10),
                    student("S00003", "jefferson-es", 2)));
            List<Map<String, Object>> records = new ArrayList<>();
            // the record's school is stale for S00003: Student Master's school counts
            records.addAll(days("S00001", "lincoln-hs", SEPT, 20, 2));   // 10%: chronic
            records.addAll(days("S00001", "lincoln-hs", OCT, 20, 1));    // 5%
            records.addAll(days("S00002", "lincoln-hs", SEPT, 20, 0));
            records.addAll(days("S00003", "roosevelt-ms", SEPT, 10, 3)); // 30%: chronic
            records.addAll(days("S90001", "lincoln-hs", SEPT, 4, 4));    // not in Student Master: orphans
            driver.input(AttendanceEvents.ATTENDANCE, AttendanceEvents.attendance().build().schema()).pipeRows(records);
            TestRun run = driver.run();
            assertEquals(run.rowsIn(), run.published() + run.quarantined());

            Map<String, Map<String, Object>> students = run.rows(AttendanceInsights.STUDENT_MONTHS).stream()
                    .collect(Collectors.toMap(r -> r.get("student_id") + " " + r.get("month"), r -> r));
            assertEquals(4, students.size(), students.toString());
            Map<String, Object> s1 = students.get("S00001 " + SEPT);
            assertEquals(List.of(20L, 2L, 1L, true), List.of(s1.get("enrolled_days"), s1.get("absent_days"),
                    s1.get("tardy_days"), s1.get("chronically_absent")));
            assertEquals(false, students.get("S00001 " + OCT).get("chronically_absent"));
            assertEquals("jefferson-es", students.get("S00003 " + SEPT).get("school_id"));
            assertEquals(2L, students.get("S00003 " + SEPT).get("grade"));

            Map<String, Map<String, Object>> schools = run.rows(AttendanceInsights.SCHOOL_MONTHS).stream()
                    .collect(Collectors.toMap(r -> r.get("school_id") + " " + r.get("month"), r -> r));
            assertEquals(3, schools.size(), schools.toString());
            Map<String, Object> lincolnSept = schools.get("lincoln-hs " + SEPT);
            assertEquals(2L, lincolnSept.get("students"));
            assertEquals(1L, lincolnSept.get("chronically_absent_students"));
            assertEquals(0.5, (double) lincolnSept.get("chronic_absenteeism_rate"), 1e-12);
            assertEquals(2.0 / 40, (double) lincolnSept.get("absence_rate"), 1e-12);
            assertEquals(0.0, (double) schools.get("lincoln-hs " + OCT).get("chronic_absenteeism_rate"), 1e-12);
            assertEquals(1.0, (double) schools.get("jefferson-es " + SEPT).get("chronic_absenteeism_rate"), 1e-12);

            JoinReport join = run.result().joins().get(0);
            assertEquals(4, join.leftSide().orphans(), join.summary());
            assertEquals(70, join.leftSide().matched(), join.summary());
            assertEquals(3, join.rightSide().matched(), join.summary());
        }
    }
}
