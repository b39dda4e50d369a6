package dev.dataproduct.samples.signals;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.feature.Aggregation;
import dev.dataproduct.api.feature.Entity;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureSet;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.DerivedPattern;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.ProductKind;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.transform.TransformSpec;
import dev.dataproduct.core.feature.FeatureTable;
import dev.dataproduct.samples.attendance.AttendanceEvents;

import java.time.Duration;

/**
 * The Early-Support Signals feature product: two feature views of students over Attendance Events,
 * published as feature tables, and the feature set the disengagement-risk score uses.
 */
public final class EarlySupportSignals {
    /** The product's address without version. */
    public static final String ADDRESS = "urn:dataproduct:k12:early-support-signals";
    /** The role of the principal that materialises the online store. */
    public static final String STORE_ROLE = "feature_store";
    /** The role of support staff, who look up signals. */
    public static final String SUPPORT_ROLE = "student_support";
    /** A student, by the conformed key of Student Master and Attendance Events. */
    public static final Entity STUDENT = Entity.of("student", "student_id");

    /** Attendance signals: the share of school days absent over the last 10 and 30 days. */
    public static final FeatureView ATTENDANCE = FeatureView.builder("attendance-signals")
            .source(ProductInput.of(AttendanceEvents.ADDRESS, 1).dataset(AttendanceEvents.ATTENDANCE))
            .entity(STUDENT)
            .eventTime("date").createdTime("recorded_at")
            .feature(Feature.rolling("absence_rate_10d", Aggregation.MEAN, Expr.col("status").eq("ABSENT"),
                    Duration.ofDays(10)))
            .feature(Feature.rolling("absence_rate_30d", Aggregation.MEAN, Expr.col("status").eq("ABSENT"),
                    Duration.ofDays(30)))
            .feature(Feature.rolling("tardies_10d", Aggregation.SUM, Expr.col("status").eq("TARDY"),
                    Duration.ofDays(10)))
            .maxAge(Duration.ofDays(7))
            .build();

    /** Submission signals: work handed in late or never, over the last 14 days of due dates. */
    public static final FeatureView SUBMISSIONS = FeatureView.builder("submission-signals")
            .source(ProductInput.of(AttendanceEvents.ADDRESS, 1).dataset(AttendanceEvents.SUBMISSIONS))
            .entity(STUDENT)
            .eventTime("due_at").createdTime("recorded_at")
            .feature(Feature.rolling("late_submissions_14d", Aggregation.SUM,
                    Expr.col("submitted_at").isNull().or(Expr.col("submitted_at").gt(Expr.col("due_at"))),
                    Duration.ofDays(14)))
            .feature(Feature.rolling("assignments_14d", Aggregation.COUNT, Expr.col("due_at"), Duration.ofDays(14)))
            .maxAge(Duration.ofDays(21))
            .build();

    /** The features the risk score uses, pinned for the model version that uses them. */
    public static final FeatureSet RISK_FEATURES = FeatureSet.builder("disengagement-risk", "1.0.0")
            .features(ATTENDANCE, "absence_rate_10d", "absence_rate_30d")
            .features(SUBMISSIONS, "late_submissions_14d")
            .usedBy(DisengagementRisk.MODEL)
            .build();

    private EarlySupportSignals() {
    }

    /** @return the feature product, reading Attendance Events as a district analytics principal */
    public static DataProduct define() {
        return DataProduct.builder("early-support-signals")
                .domain("k12")
                .version("1.0.0")
                .owner(Owner.person("Priya Natarajan", "priya.natarajan@district.example"))
                .purpose("Signals that a student may need early support: recent absences, their trend and late work, "
                        + "as point-in-time correct features for training and for lookups.")
                .kind(ProductKind.derived(DerivedPattern.FEATURE))
                .alignment(Alignment.CONSUMER)
                .qualityTier(QualityTier.SILVER)
                .tags("k12", "features", "early-support")
                .principalRoles(AttendanceEvents.ANALYTICS_ROLE)
                .input(ATTENDANCE.source())
                .input(SUBMISSIONS.source())
                .output(ATTENDANCE.dataset())
                .output(SUBMISSIONS.dataset())
                .transform(TransformSpec.to(ATTENDANCE.name()).reading(ATTENDANCE.source().name())
                        .with(FeatureTable.transform(ATTENDANCE)))
                .transform(TransformSpec.to(SUBMISSIONS.name()).reading(SUBMISSIONS.source().name())
                        .with(FeatureTable.transform(SUBMISSIONS)))
                .access(policy(ATTENDANCE.name()), policy(SUBMISSIONS.name()))
                .build();
    }

    private static Policy policy(String dataset) {
        return Policy.forDataset(dataset)
                .grant(Grant.to(Audience.role(STORE_ROLE)).allColumns())
                .grant(Grant.to(Audience.role(SUPPORT_ROLE)).allColumns())
                .build();
    }
}
