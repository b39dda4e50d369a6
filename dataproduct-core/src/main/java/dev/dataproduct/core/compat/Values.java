package dev.dataproduct.core.compat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads and orders the loosely typed values of a contract: numbers, numeric text, dates and times. */
final class Values {
    private Values() {
    }

    /** @return the value as a number, if it is one or is text that reads as one */
    static Optional<BigDecimal> decimal(Object value) {
        if (value instanceof BigDecimal) {
            return Optional.of((BigDecimal) value);
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return Optional.of(new BigDecimal(value.toString().strip()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Orders two values: numbers numerically, ISO dates, date-times, instants and times in time.
     *
     * @return negative, zero or positive as {@code a} is before, equal to or after {@code b}; empty
     *     if they cannot be compared
     */
    static Optional<Integer> compare(Object a, Object b) {
        Optional<BigDecimal> x = decimal(a);
        Optional<BigDecimal> y = decimal(b);
        if (x.isPresent() && y.isPresent()) {
            return Optional.of(x.get().compareTo(y.get()));
        }
        if (a == null || b == null) {
            return Optional.empty();
        }
        for (Function<String, Comparable<?>> reader : TEMPORAL) {
            Optional<Integer> c = compareAs(reader, a.toString().strip(), b.toString().strip());
            if (c.isPresent()) {
                return c;
            }
        }
        return a.toString().equals(b.toString()) ? Optional.of(0) : Optional.empty();
    }

    /** @return the value as text for comparing sets of values: numbers without trailing zeros */
    static String canonical(Object value) {
        return decimal(value).map(d -> d.stripTrailingZeros().toPlainString()).orElse(String.valueOf(value));
    }

    private static final List<Function<String, Comparable<?>>> TEMPORAL = List.of(LocalDate::parse,
            LocalDateTime::parse, s -> OffsetDateTime.parse(s).toInstant(), LocalTime::parse);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<Integer> compareAs(Function<String, Comparable<?>> reader, String a, String b) {
        try {
            Comparable x = reader.apply(a);
            Comparable y = reader.apply(b);
            return Optional.of(x.compareTo(y));
        } catch (DateTimeParseException notThisKind) {
            return Optional.empty();
        }
    }
}
