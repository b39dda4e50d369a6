package dev.dataproduct.samples.attendance;

import dev.dataproduct.samples.students.StudentMaster;
import dev.dataproduct.samples.students.StudentMaster.Student;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The seeded stand-in for the district's attendance and learning-management feeds, over the
 * students of {@link StudentMaster#generated}: each student has a profile drawn once (how often
 * absent, tardy, late with work) and a record per enrolled school day and per assignment due.
 * The same seeds give the same rows, in the same order (by day, then student).
 */
final class AttendanceGenerator {
    /** Students whose ids the student information system does not know yet (transfers), on the last days. */
    static final List<String> UNKNOWN_STUDENTS = List.of("S90001", "S90002", "S90003");
    private static final LocalTime ROLL_CALL = LocalTime.of(8, 15);
    private static final LocalTime DUE = LocalTime.of(23, 59);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final List<Student> students;
    private final List<Profile> profiles;
    private final long seed;

    /** What a student is like all year: drawn once, so chronic absence and late work are traits. */
    record Profile(double absent, double excused, double tardy, double late, double missing, int leavesAfterDay) {
    }

    AttendanceGenerator(List<Student> students, long seed) {
        this.students = List.copyOf(students);
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        List<Profile> out = new ArrayList<>(students.size());
        int days = SchoolCalendar.schoolDays().size();
        for (Student s : students) {
            boolean chronic = random.nextInt(100) < 12;
            boolean lateWithWork = random.nextInt(100) < (chronic ? 50 : 12);
            double absent = chronic ? 0.09 + random.nextDouble() * 0.14 : random.nextDouble() * 0.035;
            double excused = chronic ? 0.02 + random.nextDouble() * 0.04 : random.nextDouble() * 0.02;
            double tardy = random.nextInt(10) == 0 ? 0.10 + random.nextDouble() * 0.10 : random.nextDouble() * 0.05;
            double late = lateWithWork ? 0.25 + random.nextDouble() * 0.25 : random.nextDouble() * 0.05;
            double missing = lateWithWork ? 0.05 + random.nextDouble() * 0.10 : random.nextDouble() * 0.03;
            int leaves = switch (s.enrollmentStatus()) {
                case "active" -> days;
                case "withdrawn" -> 20 + random.nextInt(days - 40);
                default -> 0; // graduated before this school year
            };
            out.add(new Profile(absent, excused, tardy, late, missing, leaves));
        }
        this.profiles = List.copyOf(out);
    }

    /** @return each student's profile, in the order of the students */
    List<Profile> profiles() {
        return profiles;
    }

    /**
     * One row per enrolled student and school day, by day: event_id, student_id, school_id, date,
     * status, minutes_late, recorded_at. About one record in a hundred is recorded days late; about
     * one tardy in a hundred and fifty lacks its minutes late (the clerk's omission, which the
     * product quarantines); the students the information system does not know yet attend the last
     * five days.
     */
    void attendance(Consumer<Object[]> rows) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5A17L);
        List<LocalDate> days = SchoolCalendar.schoolDays();
        for (int d = 0; d < days.size(); d++) {
            LocalDate date = days.get(d);
            for (int i = 0; i < students.size(); i++) {
                if (d < profiles.get(i).leavesAfterDay()) {
                    rows.accept(attendance(students.get(i).id(), students.get(i).schoolId(), date,
                            profiles.get(i), random));
                }
            }
            if (d >= days.size() - 5) {
                for (String unknown : UNKNOWN_STUDENTS) {
                    rows.accept(attendance(unknown, StudentMaster.SCHOOLS.get(0), date, profiles.get(0), random));
                }
            }
        }
    }

    private static Object[] attendance(String student, String school, LocalDate date, Profile p,
                                       SplittableRandom random) {
        double r = random.nextDouble();
        String status;
        Integer minutesLate = null;
        if (r < p.absent()) {
            status = "ABSENT";
        } else if (r < p.absent() + p.excused()) {
            status = "EXCUSED";
        } else if (r < p.absent() + p.excused() + p.tardy()) {
            status = "TARDY";
            minutesLate = random.nextInt(150) == 0 ? null : 1 + random.nextInt(45);
        } else {
            status = "PRESENT";
        }
        Instant recorded = date.atTime(ROLL_CALL).atZone(SchoolCalendar.ZONE).toInstant()
                .plus(Duration.ofMinutes((minutesLate == null ? 0 : minutesLate) + random.nextInt(60)));
        if (random.nextInt(100) == 0) {
            recorded = recorded.plus(Duration.ofDays(1 + random.nextInt(10)));
        }
        return new Object[] {"att-" + DAY.format(date) + "-" + student, student, school, date, status, minutesLate,
                recorded};
    }

    /**
     * Work submitted by the students of grades 6 to 12: four courses each, every course due every
     * other week (two courses one week, two the next) on the week's last school day at 23:59 local
     * time, while the student is enrolled: submission_id, student_id, course_id, due_at,
     * submitted_at (null if never submitted), recorded_at. About one record in a hundred is recorded
     * days late.
     */
    void submissions(Consumer<Object[]> rows) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5B3L);
        List<LocalDate> days = SchoolCalendar.schoolDays();
        List<Integer> weekEnds = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            if (d == days.size() - 1 || !monday(days.get(d + 1)).equals(monday(days.get(d)))) {
                weekEnds.add(d);
            }
        }
        for (int w = 0; w < weekEnds.size(); w++) {
            int d = weekEnds.get(w);
            Instant due = days.get(d).atTime(DUE).atZone(SchoolCalendar.ZONE).toInstant();
            for (int i = 0; i < students.size(); i++) {
                Student s = students.get(i);
                Profile p = profiles.get(i);
                if (s.grade() < 6 || d >= p.leavesAfterDay()) {
                    continue;
                }
                List<String> courses = courses(s);
                for (int c = w % 2; c < courses.size(); c += 2) {
                    rows.accept(submission(s.id(), courses.get(c), w + 1, due, p, random));
                }
            }
        }
    }

    private static Object[] submission(String student, String course, int week, Instant due, Profile p,
                                       SplittableRandom random) {
        double r = random.nextDouble();
        Instant submitted;
        Instant recorded;
        if (r < p.missing()) {
            submitted = null;
            recorded = due.plus(Duration.ofHours(1)); // the nightly sync marks the work missing
        } else if (r < p.missing() + p.late()) {
            submitted = due.plus(Duration.ofMinutes(60 + random.nextInt(5 * 24 * 60)));
            recorded = submitted.plus(Duration.ofMinutes(random.nextInt(5)));
        } else {
            submitted = due.minus(Duration.ofMinutes(10 + random.nextInt(72 * 60)));
            recorded = submitted.plus(Duration.ofMinutes(random.nextInt(5)));
        }
        if (random.nextInt(100) == 0) {
            recorded = recorded.plus(Duration.ofDays(2 + random.nextInt(6)));
        }
        return new Object[] {String.format("sub-%s-%s-w%02d", student, course, week), student, course, due,
                submitted, recorded};
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** @return the four courses of a student's school and grade */
    static List<String> courses(Student s) {
        List<String> subjects = s.grade() >= 9 ? List.of("algebra", "biology", "english", "history")
                : List.of("math", "science", "ela", "social-studies");
        return subjects.stream().map(subject -> s.schoolId() + "-g" + s.grade() + "-" + subject).toList();
    }
}
