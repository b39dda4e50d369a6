package dev.dataproduct.samples.attendance;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts attendance by student and month and by school and month: the days a student was enrolled
 * (had a record), absent ({@code ABSENT} or {@code EXCUSED}: an excused absence is an absence) and
 * tardy, and whether they were chronically absent: absent on {@value #CHRONIC_PERCENT}% or more of
 * their enrolled school days of the month. It holds one entry per student and month.
 */
final class Absenteeism {
    /** The share of enrolled days, in percent, from which a student is chronically absent. */
    static final int CHRONIC_PERCENT = 10;

    private final Map<Key, int[]> students = new TreeMap<>();

    /** A student's month, with the school and grade they were in. */
    private record Key(String studentId, LocalDate month, String schoolId, int grade) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = month.compareTo(o.month);
            c = c != 0 ? c : schoolId.compareTo(o.schoolId);
            c = c != 0 ? c : studentId.compareTo(o.studentId);
            return c != 0 ? c : Integer.compare(grade, o.grade);
        }
    }

    /**
     * @param studentId the student
     * @param schoolId the student's school
     * @param grade the student's grade
     * @param date the school day
     * @param status PRESENT, ABSENT, TARDY or EXCUSED
     */
    void add(String studentId, String schoolId, int grade, LocalDate date, String status) {
        Objects.requireNonNull(status, "status");
        int[] c = students.computeIfAbsent(new Key(studentId, date.withDayOfMonth(1), schoolId, grade), k -> new int[3]);
        c[0]++;
        if (status.equals("ABSENT") || status.equals("EXCUSED")) {
            c[1]++;
        } else if (status.equals("TARDY")) {
            c[2]++;
        }
    }

    static boolean chronic(int enrolledDays, int absentDays) {
        return absentDays * 100 >= enrolledDays * CHRONIC_PERCENT;
    }

    /**
     * @param rows receives student_id, school_id, grade, month, enrolled_days, absent_days,
     *     tardy_days, chronically_absent, by month, school and student
     */
    void studentMonths(Consumer<Object[]> rows) {
        students.forEach((k, c) -> rows.accept(new Object[] {k.studentId(), k.schoolId(), k.grade(), k.month(), c[0],
                c[1], c[2], chronic(c[0], c[1])}));
    }

    /**
     * @param rows receives school_id, month, students, chronically_absent_students,
     *     chronic_absenteeism_rate (their share of the students), absence_rate (absent days over
     *     enrolled days), by month and school
     */
    void schoolMonths(Consumer<Object[]> rows) {
        Map<String, long[]> schools = new TreeMap<>(); // "month school" -> students, chronic, enrolled, absent
        Map<String, Object[]> keys = new TreeMap<>();
        students.forEach((k, c) -> {
            String key = k.month() + " " + k.schoolId();
            keys.putIfAbsent(key, new Object[] {k.schoolId(), k.month()});
            long[] s = schools.computeIfAbsent(key, x -> new long[4]);
            s[0]++;
            s[1] += chronic(c[0], c[1]) ? 1 : 0;
            s[2] += c[0];
            s[3] += c[1];
        });
        schools.forEach((key, s) -> rows.accept(new Object[] {keys.get(key)[0], keys.get(key)[1], (int) s[0],
                (int) s[1], (double) s[1] / s[0], (double) s[3] / s[2]}));
    }
}
