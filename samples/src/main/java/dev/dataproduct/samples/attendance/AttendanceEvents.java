package dev.dataproduct.samples.attendance;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.ports.stream.EventStream;
import dev.dataproduct.ports.stream.StreamInput;
import dev.dataproduct.samples.rows.RowBatches;
import dev.dataproduct.samples.students.StudentDirectoryApp;
import dev.dataproduct.samples.students.StudentMaster;
import java.time.Duration;

/**
 * <em>Attendance Events</em>: the K-12 foundational product of daily attendance and of work
 * submitted, one record per enrolled student and school day and one per assignment due, for the
 * students of Student Master. Generated from seeds (a stand-in for the attendance and
 * learning-management systems' feeds) over the school year of {@link SchoolCalendar}.
 *
 * <p>Both datasets carry the conformed key {@code student} ({@code student_id}), by which products
 * downstream join them to Student Master. Data stewards and the district's analytics products
 * (role {@code district_analytics}) read every row and column.
 */
public final class AttendanceEvents {
    /** The address of the product, without its major version. */
    public static final String ADDRESS = "urn:dataproduct:k12:attendance-events";
    /** The daily attendance records. */
    public static final String ATTENDANCE = "attendance";
    /** The work submitted, or not, per assignment due. */
    public static final String SUBMISSIONS = "submissions";
    /** The role of the district's analytics products, which read attendance to build on it. */
    public static final String ANALYTICS_ROLE = StudentMaster.ANALYTICS_ROLE;
    /** The topic the schools' attendance records arrive on, for {@link #eventDriven}. */
    public static final String RECORDS_TOPIC = "k12.attendance-records";
    /** The seed of the sample's attendance. */
    public static final long SEED = 20250825L;
    /** The name of the rule that a tardy record has its minutes late and no other record has any. */
    public static final String MINUTES_LATE_RULE = "minutes-late-only-when-tardy";

    /** Who owns the attendance products. */
    static final Owner OWNER = Owner.person("Marcus Bell", "marcus.bell@district.example");

    private AttendanceEvents() {
    }

    /** @return the attendance dataset: one record per enrolled student and school day */
    public static DatasetSpec.Builder attendance() {
        return DatasetSpec.named(ATTENDANCE)
                .description("One record per enrolled student and school day: present, absent, tardy or excused.")
                .field("event_id", LogicalType.STRING, f -> f.primaryKey()
                        .description("The record: att-<yyyymmdd>-<student_id>.").examples("att-20250825-S00001"))
                .field("student_id", LogicalType.STRING, f -> f.required().conformedKey(StudentMaster.STUDENT.name())
                        .description("The student, as Student Master knows them.").examples("S00001"))
                .field("school_id", LogicalType.STRING, f -> f.required()
                        .description("The school the student attended that day."))
                .field("date", LogicalType.DATE, f -> f.required().description("The school day, local time."))
                .field("status", LogicalType.STRING, f -> f.required()
                        .allowedValues("PRESENT", "ABSENT", "TARDY", "EXCUSED")
                        .description("ABSENT and EXCUSED are both absences; TARDY arrived late."))
                .field("minutes_late", LogicalType.INT32, f -> f.range(1, 480)
                        .description("How late a TARDY student arrived; null for every other status."))
                .field("recorded_at", LogicalType.TIMESTAMP_TZ, f -> f.required()
                        .description("When the school recorded it, in UTC; days after the date for a late correction."));
    }

    /** @return the submissions dataset: one record per student and assignment due */
    public static DatasetSpec.Builder submissions() {
        return DatasetSpec.named(SUBMISSIONS)
                .description("One record per student and assignment due in grades 6 to 12, submitted or not.")
                .field("submission_id", LogicalType.STRING, f -> f.primaryKey()
                        .description("The record: sub-<student_id>-<course_id>-w<week>."))
                .field("student_id", LogicalType.STRING, f -> f.conformedKey(StudentMaster.STUDENT.name())
                        .description("The student, as Student Master knows them."))
                .field("course_id", LogicalType.STRING, f -> f.description("The course: <school>-g<grade>-<subject>."))
                .field("due_at", LogicalType.TIMESTAMP_TZ, f -> f.description("When the work was due, in UTC."))
                .field("submitted_at", LogicalType.TIMESTAMP_TZ, f -> f
                        .description("When it was submitted, in UTC; null if it was never submitted."))
                .field("recorded_at", LogicalType.TIMESTAMP_TZ, f -> f
                        .description("When the learning-management system recorded it, in UTC."));
    }

    /** @return the product over the K-12 sample's students ({@link StudentDirectoryApp}) and {@link #SEED} */
    public static DataProduct define() {
        return define(StudentDirectoryApp.STUDENTS, StudentDirectoryApp.SEED, SEED);
    }

    /**
     * @param students how many students of Student Master's generator attend
     * @param studentSeed the seed of Student Master's generator, so the records are of its students
     * @param seed the seed of attendance and submissions; the same seeds give the same records
     * @return the product
     */
    public static DataProduct define(int students, long studentSeed, long seed) {
        AttendanceGenerator generator = new AttendanceGenerator(StudentMaster.generated(students, studentSeed), seed);
        return finished(described(DataProduct.builder("attendance-events"))
                .output(attendance())
                .output(submissions())
                .transform(TransformSpec.to(ATTENDANCE).with(RowBatches.writing(generator::attendance))), generator);
    }

    /**
     * The event-driven Attendance Events: the schools' attendance records arrive on the topic
     * {@value #RECORDS_TOPIC} of a stream ({@link AttendanceFeed} publishes the sample's), and each
     * run publishes those committed since the last run as new, immutable events
     * ({@link UpdateMode#events}): a record sent twice is dropped and counted, one recorded more than
     * {@code allowedLateness} before the run is quarantined as late. Submissions are generated as in
     * {@link #define()}. Products downstream read it as usual.
     *
     * @param stream where the records arrive: a Kafka cluster, or memory as in the sample's tests
     * @param allowedLateness how long before a run a record may have been recorded and still be published
     * @return the product
     */
    public static DataProduct eventDriven(EventStream stream, Duration allowedLateness) {
        AttendanceGenerator generator = new AttendanceGenerator(
                StudentMaster.generated(StudentDirectoryApp.STUDENTS, StudentDirectoryApp.SEED), SEED);
        DatasetSpec events = attendance().updateMode(UpdateMode.events("recorded_at", allowedLateness)).build();
        return finished(described(DataProduct.builder("attendance-events"))
                .input(StreamInput.from(stream, RECORDS_TOPIC, events.schema()).named("records"))
                .output(events)
                .output(submissions())
                .transform(TransformSpec.to(ATTENDANCE).reading("records").with((ctx, out) -> ctx.input("records")
                        .forEachBatch(out::accept))), generator);
    }

    /** Submissions, checks, objectives and access: the same for the generated and the event-driven product. */
    private static DataProduct finished(DataProduct.Builder b, AttendanceGenerator generator) {
        return b.transform(TransformSpec.to(SUBMISSIONS).with(RowBatches.writing(generator::submissions)))
                .check(checks())
                .objective(Objective.frequency(Duration.ofDays(1)), Objective.freshness(Duration.ofHours(48)),
                        Objective.availability().target(0.995))
                .access(policy(ATTENDANCE), policy(SUBMISSIONS))
                .build();
    }

    private static DataProduct.Builder described(DataProduct.Builder b) {
        return b.domain("k12")
                .version("1.0.0")
                .owner(OWNER)
                .purpose("Daily attendance and submitted work of every enrolled student, as the schools record them.")
                .description("One attendance record per enrolled student and school day (present, absent, tardy, "
                        + "excused) and one record per assignment due in grades 6 to 12 with when it was submitted. "
                        + "Corrections arrive days late with their recorded_at; a tardy record without its minutes "
                        + "late is kept in the quarantine.")
                .alignment(Alignment.SOURCE)
                .qualityTier(QualityTier.SILVER)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("k12", "attendance", "students", "engagement")
                .link("runbook", "https://district.example/runbooks/attendance-events");
    }

    /**
     * The quality checks, beside the rules of the fields: computed in one pass over each run.
     *
     * @return the checks
     */
    public static Check[] checks() {
        return new Check[] {
            Check.unique("student_id", "date").on(ATTENDANCE).named("one-record-per-student-and-day"),
            Check.predicate(Expr.col("status").eq("TARDY").and(Expr.col("minutes_late").isNotNull())
                            .or(Expr.col("status").ne("TARDY").and(Expr.col("minutes_late").isNull())))
                    .percent().atMost(1).on(ATTENDANCE).named(MINUTES_LATE_RULE)
                    .describedAs("a TARDY record needs minutes_late and no other status has any").quarantineFailingRows(),
            Check.approxDistinct("student_id").atLeast(10).on(ATTENDANCE),
            Check.unique("submission_id").on(SUBMISSIONS),
            Check.completeness("student_id").atLeast(0.99).on(SUBMISSIONS),
            Check.completeness("due_at").atLeast(0.99).on(SUBMISSIONS),
            Check.completeness("submitted_at").recorded().on(SUBMISSIONS).severity(Severity.WARNING),
        };
    }

    /** Data stewards and the district's analytics products read every row and column of a K-12 dataset. */
    static Policy policy(String dataset) {
        return Policy.forDataset(dataset)
                .grant(Grant.to(Audience.role("data_steward")).allColumns())
                .grant(Grant.to(Audience.role(ANALYTICS_ROLE)).allColumns())
                .build();
    }
}
