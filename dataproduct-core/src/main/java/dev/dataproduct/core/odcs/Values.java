package dev.dataproduct.core.odcs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small helpers over the plain Java values of a parsed document. */
final class Values {
    private Values() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object value) {
        return (Map<String, Object>) value;
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return new BigDecimal(n.toString());
    }

    /**
     * @return the value as a long if it is an integer in the long range, written as one
     *     ({@code 5}) or with a zero fraction ({@code 5.0}), which JSON Schema counts as an integer
     */
    static Optional<Long> integral(Object value) {
        if (value instanceof Long l) {
            return Optional.of(l);
        }
        if (value instanceof BigDecimal d && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0)
                && d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return Optional.of(d.longValue());
        }
        return Optional.empty();
    }

    static boolean isScalar(Object value) {
        return !(value instanceof List) && !(value instanceof Map);
    }

    /** @return how a value reads in a message, such as {@code a number} or {@code text 'abc'} */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "text '" + value + "'";
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List) {
            return "a list";
        }
        return "a mapping";
    }
}
