package dev.dataproduct.samples.signals;

import dev.dataproduct.api.feature.FeatureStatus;
import dev.dataproduct.api.feature.FeatureValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A transparent score of disengagement risk, 0 to 100, from the features of
 * {@link EarlySupportSignals#RISK_FEATURES}; each point comes with its reason. The same function
 * scores a row of the training set and an online lookup, so the two cannot drift apart.
 *
 * <ul>
 *   <li>up to 50 points for the 10-day absence rate (50 × rate);</li>
 *   <li>up to 20 points for a rising trend: 10-day rate above the 30-day rate (100 × the rise, capped);</li>
 *   <li>6 points per late or missing submission over 14 days, up to 30.</li>
 * </ul>
 * A feature without a value (not found, expired, null) adds nothing and is named in the reasons.
 */
public final class DisengagementRisk {
    /** The model version the feature set is pinned for. */
    public static final String MODEL = "disengagement-risk-score:1";

    private DisengagementRisk() {
    }

    /**
     * A score with its reasons.
     *
     * @param points 0 to 100
     * @param reasons what each part added, or why it could not
     */
    public record Score(double points, List<String> reasons) {
        /** Copies the reasons. */
        public Score {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param features the features by name, offline or online
     * @return the score
     */
    public static Score score(Map<String, FeatureValue> features) {
        List<String> reasons = new ArrayList<>();
        double points = 0;
        Double rate10 = number(features, "absence_rate_10d", reasons);
        Double rate30 = number(features, "absence_rate_30d", reasons);
        Double late = number(features, "late_submissions_14d", reasons);
        if (rate10 != null) {
            double p = 50 * rate10;
            points += p;
            reasons.add(String.format(Locale.ROOT, "absent %.0f%% of the last 10 days: +%.1f", 100 * rate10, p));
        }
        if (rate10 != null && rate30 != null && rate10 > rate30) {
            double p = Math.min(20, 100 * (rate10 - rate30));
            points += p;
            reasons.add(String.format(Locale.ROOT, "absences rising (%.0f%% over 30 days): +%.1f", 100 * rate30, p));
        }
        if (late != null && late > 0) {
            double p = Math.min(30, 6 * late);
            points += p;
            reasons.add(String.format(Locale.ROOT, "%.0f late or missing submissions in 14 days: +%.1f", late, p));
        }
        return new Score(Math.min(100, points), reasons);
    }

    private static Double number(Map<String, FeatureValue> features, String name, List<String> reasons) {
        FeatureValue v = features.get(name);
        if (v == null) {
            reasons.add(name + " not visible: +0");
            return null;
        }
        if (v.status() != FeatureStatus.PRESENT) {
            reasons.add(name + " " + v.status() + ": +0");
            return null;
        }
        return ((Number) v.value().orElseThrow()).doubleValue();
    }
}
