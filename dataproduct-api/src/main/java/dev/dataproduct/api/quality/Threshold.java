package dev.dataproduct.api.quality;

import java.util.Objects;
import java.util.Optional;

/**
 * The values of a metric that pass a check, and optionally a narrower zone outside of which a
 * passing value still warns. Bounds are inclusive unless said otherwise; ODCS operators map onto
 * them ({@code mustBeBetween} is read as inclusive, as most tools do: the ODCS text is ambiguous).
 *
 * <pre>{@code
 * Threshold.atLeast(0.99).warnBelow(0.995);   // fail below 0.99, warn below 0.995
 * Threshold.between(1000, 2_000_000);
 * Threshold.exactly(0);
 * }</pre>
 *
 * @param pass the values that pass
 * @param warn the values that pass without a warning; empty means the whole pass range
 */
public record Threshold(Range pass, Optional<Range> warn) {

    /** Validates the components. */
    public Threshold {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(warn, "warn");
    }

    /**
     * A range of numbers; a missing end is unbounded.
     *
     * @param min the lower end
     * @param minInclusive whether the lower end itself is in the range
     * @param max the upper end
     * @param maxInclusive whether the upper end itself is in the range
     */
    public record Range(Optional<Double> min, boolean minInclusive, Optional<Double> max, boolean maxInclusive) {
        /** Validates the ends. */
        public Range {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
                throw new IllegalArgumentException("range from " + min.get() + " to " + max.get() + " is empty");
            }
        }

        /**
         * @param value a metric value
         * @return whether the value is in the range; NaN never is
         */
        public boolean contains(double value) {
            if (Double.isNaN(value)) {
                return false;
            }
            boolean aboveMin = min.map(m -> minInclusive ? value >= m : value > m).orElse(true);
            boolean belowMax = max.map(m -> maxInclusive ? value <= m : value < m).orElse(true);
            return aboveMin && belowMax;
        }

        @Override
        public String toString() {
            if (min.isPresent() && max.isPresent() && min.get().equals(max.get())) {
                return "= " + fmt(min.get());
            }
            String lo = min.map(m -> (minInclusive ? ">= " : "> ") + fmt(m)).orElse("");
            String hi = max.map(m -> (maxInclusive ? "<= " : "< ") + fmt(m)).orElse("");
            return lo.isEmpty() ? hi.isEmpty() ? "any" : hi : hi.isEmpty() ? lo : lo + " and " + hi;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /** @param min the smallest passing value @return a threshold of {@code >= min} */
    public static Threshold atLeast(double min) {
        return of(new Range(Optional.of(min), true, Optional.empty(), false));
    }

    /** @param min the value to exceed @return a threshold of {@code > min} */
    public static Threshold greaterThan(double min) {
        return of(new Range(Optional.of(min), false, Optional.empty(), false));
    }

    /** @param max the largest passing value @return a threshold of {@code <= max} */
    public static Threshold atMost(double max) {
        return of(new Range(Optional.empty(), false, Optional.of(max), true));
    }

    /** @param max the value to stay under @return a threshold of {@code < max} */
    public static Threshold lessThan(double max) {
        return of(new Range(Optional.empty(), false, Optional.of(max), false));
    }

    /** @param min the lower end, inclusive @param max the upper end, inclusive @return the threshold */
    public static Threshold between(double min, double max) {
        return of(new Range(Optional.of(min), true, Optional.of(max), true));
    }

    /** @param value the only passing value @return the threshold */
    public static Threshold exactly(double value) {
        return between(value, value);
    }

    /** @return a threshold every value passes: the metric is only recorded */
    public static Threshold any() {
        return of(new Range(Optional.empty(), false, Optional.empty(), false));
    }

    private static Threshold of(Range pass) {
        return new Threshold(pass, Optional.empty());
    }

    /**
     * @param min passing values below this warn
     * @return a copy with a warn zone below {@code min}
     */
    public Threshold warnBelow(double min) {
        Range w = warn.orElse(pass);
        return new Threshold(pass, Optional.of(new Range(Optional.of(min), true, w.max(), w.maxInclusive())));
    }

    /**
     * @param max passing values above this warn
     * @return a copy with a warn zone above {@code max}
     */
    public Threshold warnAbove(double max) {
        Range w = warn.orElse(pass);
        return new Threshold(pass, Optional.of(new Range(w.min(), w.minInclusive(), Optional.of(max), true)));
    }

    /**
     * @param value a metric value
     * @return the outcome: pass, warn (in the pass range but outside the warn zone) or fail
     */
    public Outcome judge(double value) {
        if (!pass.contains(value)) {
            return Outcome.FAIL;
        }
        return warn.map(w -> w.contains(value) ? Outcome.PASS : Outcome.WARN).orElse(Outcome.PASS);
    }

    @Override
    public String toString() {
        return pass + warn.map(w -> " (warn unless " + w + ")").orElse("");
    }
}
