package dev.dataproduct.api.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Value constraints of a field, checked on every row by the contract gate. Bounds and allowed
 * values are kept as canonical text ({@code "1"}, {@code "2024-01-31"}) and read by the field's
 * type when the product is built, so that a bound that does not fit the type is a definition error.
 *
 * @param minimum the smallest allowed value (inclusive), for numbers, dates, times and timestamps
 * @param maximum the largest allowed value (inclusive)
 * @param minLength the fewest characters of a string (or elements of an array)
 * @param maxLength the most characters of a string (or elements of an array)
 * @param pattern a regular expression every string value must match as a whole
 * @param allowedValues the only values allowed, as text; empty for no restriction
 */
public record Constraints(Optional<String> minimum, Optional<String> maximum, Optional<Integer> minLength,
                          Optional<Integer> maxLength, Optional<String> pattern, List<String> allowedValues) {

    /** No constraints at all. */
    public static final Constraints NONE = new Constraints(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of());

    /**
     * Validates and copies the components. A {@code null} component is taken as absent (as when
     * read from a document that omits it).
     */
    public Constraints {
        minimum = minimum == null ? Optional.empty() : minimum;
        maximum = maximum == null ? Optional.empty() : maximum;
        minLength = minLength == null ? Optional.empty() : minLength;
        maxLength = maxLength == null ? Optional.empty() : maxLength;
        pattern = pattern == null ? Optional.empty() : pattern;
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        minLength.ifPresent(n -> {
            if (n < 0) {
                throw new IllegalArgumentException("minimum length must not be negative: " + n);
            }
        });
        maxLength.ifPresent(n -> {
            if (n < 0) {
                throw new IllegalArgumentException("maximum length must not be negative: " + n);
            }
        });
    }

    /** @return whether no constraint is set */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * Renders a bound given as a number, date, time or text into the canonical text form.
     *
     * @param value a {@link Number}, a {@code java.time} value or a string
     * @return the canonical text
     */
    static String canonical(Object value) {
        Objects.requireNonNull(value, "bound");
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return java.math.BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
