package dev.dataproduct.samples.attendance;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Entity;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricDataset;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.core.metric.MetricProduct;
import dev.dataproduct.samples.students.StudentMaster;
import java.time.Duration;

/**
 * <em>Attendance Metrics</em>: the K-12 metric product, where "Active Student" and "chronic
 * absenteeism rate" are defined once, over Attendance Insights' student months, and published by
 * school and month.
 */
public final class AttendanceMetrics {
    /** The address of Attendance Insights, without its major version. */
    public static final String INSIGHTS = "urn:dataproduct:k12:attendance-insights";
    /** The dataset published: the attendance metrics by school and month. */
    public static final String BY_SCHOOL_AND_MONTH = "attendance_by_school_and_month";
    /** The metric definitions: over the student months, one row per student and month enrolled. */
    public static final SemanticModel ATTENDANCE = SemanticModel.builder("attendance", AttendanceInsights.STUDENT_MONTHS)
            .description("Each student's month of school, from Attendance Insights.")
            .entity(Entity.foreign(StudentMaster.STUDENT.name(), "student_id"))
            .dimension(Dimension.categorical("school_id").describedAs("The student's school."))
            .dimension(Dimension.time("month").describedAs("The month."))
            .measure(Measure.count("student_months").describedAs("Students' months of enrollment."),
                    Measure.of("students", Aggregation.COUNT_DISTINCT, Expr.col("student_id"))
                            .describedAs("Distinct students."),
                    Measure.sum("days_absent", Expr.col("absent_days")).describedAs("Days absent or excused."),
                    Measure.sum("days_enrolled", Expr.col("enrolled_days")).describedAs("School days enrolled."))
            .metric(Metric.simple("active_students", "students").describedAs("Active Student: a student with at "
                            + "least one attendance record (one enrolled school day) in the period."),
                    Metric.simple("chronically_absent_students", "student_months")
                            .where(Expr.col("chronically_absent").eq(true))
                            .describedAs("Students absent (ABSENT or EXCUSED) on 10% or more of their enrolled "
                                    + "school days of the month."),
                    Metric.simple("enrolled_students", "student_months").describedAs("Students enrolled in the month."),
                    Metric.ratio("chronic_absenteeism_rate", "chronically_absent_students", "enrolled_students")
                            .describedAs("Chronic absenteeism rate: the share of the students enrolled in a month who "
                                    + "were chronically absent in it, 0 to 1 (over several months, the share of "
                                    + "students' months)."),
                    Metric.ratio("absence_rate", "days_absent_total", "days_enrolled_total")
                            .describedAs("Days absent over days enrolled, 0 to 1."),
                    Metric.simple("days_absent_total", "days_absent").describedAs("Days absent or excused."),
                    Metric.simple("days_enrolled_total", "days_enrolled").describedAs("School days enrolled."))
            .build();

    private AttendanceMetrics() {
    }

    /** @return the product */
    public static DataProduct define() {
        DataProduct.Builder b = DataProduct.builder("attendance-metrics")
                .domain("k12")
                .version("1.0.0")
                .owner(AttendanceEvents.OWNER)
                .purpose("Active students and the chronic absenteeism rate, defined once for every tool and service.")
                .alignment(Alignment.CONSUMER)
                .qualityTier(QualityTier.SILVER)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("k12", "metrics", "attendance", "chronic-absenteeism")
                .principalRoles(StudentMaster.ANALYTICS_ROLE)
                .input(ProductInput.of(INSIGHTS, 1).dataset(AttendanceInsights.STUDENT_MONTHS))
                .objective(Objective.frequency(Duration.ofDays(1)), Objective.freshness(Duration.ofHours(48)),
                        Objective.availability().target(0.99))
                .access(AttendanceEvents.policy(BY_SCHOOL_AND_MONTH));
        return MetricProduct.publish(b, ATTENDANCE, MetricDataset.of(BY_SCHOOL_AND_MONTH,
                MetricQuery.of("active_students", "chronically_absent_students", "chronic_absenteeism_rate",
                        "absence_rate").by("school_id").by("month", TimeGrain.MONTH).build())).build();
    }
}
