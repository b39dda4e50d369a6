package dev.dataproduct.samples.attendance;

import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.Composite;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.DerivedPattern;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.ProductKind;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.TransformContext;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.samples.rows.RowBatches;
import dev.dataproduct.samples.students.StudentMaster;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * <em>Attendance Insights</em>: a composite K-12 product joining Attendance Events' attendance
 * with Student Master's students on the conformed key {@code student} (many records to one
 * student), so each school day counts for the school and grade Student Master has the student in;
 * then chronic absenteeism by student and month and by school and month. A student is chronically
 * absent in a month when absent ({@code ABSENT} or {@code EXCUSED}) on 10% or more of the school
 * days they were enrolled that month. Attendance of students Student Master does not know are
 * orphans of the join: counted in the run's join report, not in the figures.
 */
public final class AttendanceInsights {
    /** The address of Student Master, without its major version. */
    public static final String STUDENT_MASTER = "urn:dataproduct:education:student-master";
    /** Each student's month. */
    public static final String STUDENT_MONTHS = "student_months";
    /** Each school's month. */
    public static final String SCHOOL_MONTHS = "school_months";
    private static final String CONSUMER = "attendance-insights";
    /** The join: every attendance record with its student, many records to one student. */
    static final Composite JOIN = Composite.join(AttendanceEvents.ATTENDANCE).with(StudentMaster.STUDENTS).on(StudentMaster.STUDENT)
            .cardinality(Cardinality.MANY_TO_ONE).qualifyCollisions().type(JoinType.INNER);

    private AttendanceInsights() {
    }

    /** @return the attendance read, and the fields relied on */
    public static ProductInput attendance() {
        return ProductInput.of(AttendanceEvents.ADDRESS, 1).dataset(AttendanceEvents.ATTENDANCE)
                .expecting(ConsumerExpectations.of(CONSUMER, AttendanceEvents.ATTENDANCE)
                        .field("student_id", LogicalType.STRING, true)
                        .field("date", LogicalType.DATE, true)
                        .field("status", LogicalType.STRING, true)
                        .build());
    }

    /** @return the students read, and the fields relied on */
    public static ProductInput students() {
        return ProductInput.of(STUDENT_MASTER, 1).dataset(StudentMaster.STUDENTS)
                .expecting(ConsumerExpectations.of(CONSUMER, StudentMaster.STUDENTS)
                        .field("student_id", LogicalType.STRING, true)
                        .field("school_id", LogicalType.STRING, true)
                        .field("grade", LogicalType.INT32, true)
                        .key("student_id")
                        .build());
    }

    /** @return one row per student and month enrolled */
    public static DatasetSpec.Builder studentMonths() {
        return DatasetSpec.named(STUDENT_MONTHS)
                .description("One row per student and month they were enrolled: days enrolled, absent and tardy.")
                .field("student_id", LogicalType.STRING, f -> f.required().conformedKey(StudentMaster.STUDENT.name())
                        .description("The student."))
                .field("school_id", LogicalType.STRING, f -> f.required()
                        .description("The student's school, as Student Master has it."))
                .field("grade", LogicalType.INT32, f -> f.required().description("The student's grade."))
                .field("month", LogicalType.DATE, f -> f.required().description("The first day of the month."))
                .field("enrolled_days", LogicalType.INT32, f -> f.required().range(1, 31)
                        .description("School days with an attendance record."))
                .field("absent_days", LogicalType.INT32, f -> f.required().range(0, 31)
                        .description("Days ABSENT or EXCUSED."))
                .field("tardy_days", LogicalType.INT32, f -> f.required().range(0, 31).description("Days TARDY."))
                .field("chronically_absent", LogicalType.BOOLEAN, f -> f.required()
                        .description("absent_days are 10% or more of enrolled_days."));
    }

    /** @return one row per school and month */
    public static DatasetSpec.Builder schoolMonths() {
        return DatasetSpec.named(SCHOOL_MONTHS)
                .description("Chronic absenteeism of each school, month by month.")
                .field("school_id", LogicalType.STRING, f -> f.required().description("The school."))
                .field("month", LogicalType.DATE, f -> f.required().description("The first day of the month."))
                .field("students", LogicalType.INT32, f -> f.required().description("Students enrolled that month."))
                .field("chronically_absent_students", LogicalType.INT32, f -> f.required()
                        .description("Of them, those chronically absent that month."))
                .field("chronic_absenteeism_rate", LogicalType.FLOAT64, f -> f.required()
                        .description("chronically_absent_students / students, 0 to 1."))
                .field("absence_rate", LogicalType.FLOAT64, f -> f.required()
                        .description("Days absent over days enrolled of all its students, 0 to 1."));
    }

    /** @return the product */
    public static DataProduct define() {
        return DataProduct.builder("attendance-insights")
                .domain("k12")
                .version("1.0.0")
                .owner(AttendanceEvents.OWNER)
                .purpose("Chronic absenteeism by school and month, from attendance joined with enrollment.")
                .description("Attendance Events' attendance joined with Student Master's students on the conformed "
                        + "key student (many records to one student, inner join: attendance of students Student "
                        + "Master does not know is counted as orphans in the join report). A student is chronically "
                        + "absent in a month when absent (ABSENT or EXCUSED) on " + Absenteeism.CHRONIC_PERCENT
                        + "% or more of the school days they were enrolled that month.")
                .kind(ProductKind.derived(DerivedPattern.COMPOSITE))
                .alignment(Alignment.AGGREGATE)
                .qualityTier(QualityTier.SILVER)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("k12", "attendance", "chronic-absenteeism")
                .principalRoles(StudentMaster.ANALYTICS_ROLE)
                .input(attendance())
                .input(students())
                .output(studentMonths())
                .output(schoolMonths())
                .transform(TransformSpec.to(STUDENT_MONTHS).with((ctx, out) -> write(ctx, out, Absenteeism::studentMonths)))
                .transform(TransformSpec.to(SCHOOL_MONTHS).with((ctx, out) -> write(ctx, out, Absenteeism::schoolMonths)))
                .check(Check.unique("student_id", "month").on(STUDENT_MONTHS).named("one-row-per-student-and-month"),
                        Check.unique("school_id", "month").on(SCHOOL_MONTHS).named("one-row-per-school-and-month"),
                        Check.predicate(Expr.col("absent_days").le(Expr.col("enrolled_days"))).noFailures()
                                .on(STUDENT_MONTHS).named("absent-within-enrolled"))
                .objective(Objective.frequency(Duration.ofDays(1)), Objective.freshness(Duration.ofHours(48)),
                        Objective.availability().target(0.99))
                .access(AttendanceEvents.policy(STUDENT_MONTHS), AttendanceEvents.policy(SCHOOL_MONTHS))
                .build();
    }

    /** Joins, counts, and writes one of the two views of the counts. */
    private static void write(TransformContext ctx, BatchSink out, BiConsumer<Absenteeism, Consumer<Object[]>> view) {
        Absenteeism counts = new Absenteeism();
        Dataset joined = ctx.join(JOIN);
        joined.forEachRow(r -> counts.add(r.getString("student_id"), r.getString("students_school_id"),
                r.getInt("grade"), r.getDate("date"), r.getString("status")));
        try (RowBatches rows = RowBatches.of(ctx, out)) {
            view.accept(counts, rows::add);
        }
    }
}
