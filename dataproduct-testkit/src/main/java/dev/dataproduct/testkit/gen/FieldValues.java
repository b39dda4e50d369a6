package dev.dataproduct.testkit.gen;

import dev.dataproduct.api.schema.Constraints;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TextValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Values of one field within its type and constraints, and values just outside its range. Bounds
 * and allowed values are read with {@link TextValues}, as the contract gate reads them.
 */
final class FieldValues {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    private static final int ATTEMPTS = 200;
    /** The share of values drawn from a field's examples, when it has examples within its constraints. */
    static final double EXAMPLE_SHARE = 0.2;

    private FieldValues() {
    }

    /**
     * @return a value of the field's type meeting its constraints (never null)
     * @throws IllegalArgumentException if no value was found, saying why
     */
    static Object valid(Field f, Random random) {
        // examples are what the data looks like: a share of values from them exercises the cases the
        // author thought typical; the random draw is skipped when there are none, keeping old seeds
        List<Object> examples = examples(f);
        if (!examples.isEmpty() && random.nextDouble() < EXAMPLE_SHARE) {
            return examples.get(random.nextInt(examples.size()));
        }
        Constraints c = f.constraints();
        LogicalType type = f.type();
        if (!c.allowedValues().isEmpty()) {
            return TextValues.parse(type, c.allowedValues().get(random.nextInt(c.allowedValues().size())));
        }
        if (type instanceof LogicalType.StringType) {
            return string(f, random);
        }
        Optional<Object> min = c.minimum().map(v -> TextValues.parse(type, v));
        Optional<Object> max = c.maximum().map(v -> TextValues.parse(type, v));
        if (min.isEmpty() && max.isEmpty()) {
            return Values.value(type, random);
        }
        if (type instanceof LogicalType.IntegerType t) {
            // a one-sided range gets a second side a thousand away, within the type
            long lo = min.map(v -> (Long) v).orElseGet(() -> Math.max(t.minValue(), Math.subtractExact(
                    Math.max((Long) max.get(), Long.MIN_VALUE + 1000), 1000)));
            long hi = max.map(v -> (Long) v).orElse(Math.min(t.maxValue(), Math.min(lo, Long.MAX_VALUE - 1000) + 1000));
            return lo + (long) Math.floor(random.nextDouble() * ((double) hi - (double) lo + 1));
        } else if (type instanceof LogicalType.DecimalType t) {
            BigDecimal limit = BigDecimal.TEN.pow(t.precision() - t.scale()).subtract(BigDecimal.ONE.movePointLeft(t.scale()));
            BigDecimal lo = min.map(v -> (BigDecimal) v).orElse(limit.negate());
            BigDecimal hi = max.map(v -> (BigDecimal) v).orElse(limit);
            BigDecimal v = lo.add(hi.subtract(lo).multiply(BigDecimal.valueOf(random.nextDouble())))
                    .setScale(t.scale(), RoundingMode.DOWN);
            return v.compareTo(lo) < 0 ? lo.setScale(t.scale(), RoundingMode.UP) : v;
        } else if (type instanceof LogicalType.FloatingType t) {
            double lo = min.map(v -> (Double) v).orElse(max.map(v -> (Double) v).orElse(0.0) - 1000);
            double hi = max.map(v -> (Double) v).orElse(lo + 1000);
            double v = lo + (hi - lo) * random.nextDouble();
            if (t.bitWidth() == 32) {
                v = (float) v;
            }
            return Math.max(lo, Math.min(hi, v));
        } else if (type instanceof LogicalType.DateType) {
            long lo = min.map(v -> ((LocalDate) v).toEpochDay()).orElse(max.map(v -> ((LocalDate) v).toEpochDay()).orElse(0L) - 3650);
            long hi = max.map(v -> ((LocalDate) v).toEpochDay()).orElse(lo + 3650);
            return LocalDate.ofEpochDay(lo + (long) (random.nextDouble() * (hi - lo + 1)));
        } else if (type instanceof LogicalType.TimeType) {
            long lo = min.map(v -> ((LocalTime) v).toNanoOfDay()).orElse(0L);
            long hi = max.map(v -> ((LocalTime) v).toNanoOfDay()).orElse(LocalTime.MAX.toNanoOfDay());
            long micros = (lo + 999) / 1000 + (long) (random.nextDouble() * (hi / 1000 - (lo + 999) / 1000));
            return LocalTime.ofNanoOfDay(micros * 1000);
        } else if (type instanceof LogicalType.TimestampType t) {
            ChronoUnit unit = t.precision().unit();
            Instant lo = min.map(FieldValues::instant).orElse(max.map(FieldValues::instant).orElse(Instant.EPOCH)
                    .minus(3650, ChronoUnit.DAYS));
            Instant hi = max.map(FieldValues::instant).orElse(lo.plus(3650, ChronoUnit.DAYS));
            long span = hi.getEpochSecond() - lo.getEpochSecond();
            Instant v = lo.plusSeconds((long) (random.nextDouble() * span)).truncatedTo(unit);
            if (v.isBefore(lo)) {
                v = v.plus(1, unit);
            }
            return t.withZone() ? v : LocalDateTime.ofInstant(v, ZoneOffset.UTC);
        }
        return Values.value(type, random);
    }

    /**
     * Simpler values of the field than {@code value}, most aggressive first, each within the
     * field's constraints: null where allowed, the first allowed value, numbers toward 0 or the
     * nearest bound, shorter strings, false, dates and timestamps toward 1970-01-01 (within a range:
     * its lower bound).
     *
     * @param nullable whether null is a candidate
     */
    static Stream<Object> simpler(Field f, Object value, boolean nullable) {
        if (value == null) {
            return Stream.empty();
        }
        LogicalType type = f.type();
        Constraints c = f.constraints();
        List<Object> out = new ArrayList<>();
        c.allowedValues().stream().findFirst().ifPresent(first -> out.add(TextValues.parse(type, first)));
        if (value instanceof Long v && type instanceof LogicalType.IntegerType t) {
            long lo = c.minimum().map(m -> (Long) TextValues.parse(type, m)).orElse(t.minValue());
            long hi = c.maximum().map(m -> (Long) TextValues.parse(type, m)).orElse(t.maxValue());
            Shrinking.toward(v, Math.max(lo, Math.min(hi, 0L))).forEach(out::add);
        } else if (value instanceof BigDecimal v && type instanceof LogicalType.DecimalType t) {
            out.add(BigDecimal.ZERO.setScale(t.scale()));
            c.minimum().ifPresent(m -> out.add(TextValues.parse(type, m)));
            c.maximum().ifPresent(m -> out.add(TextValues.parse(type, m)));
            out.add(v.setScale(0, RoundingMode.DOWN).setScale(t.scale()));
        } else if (value instanceof Double v) {
            out.add(0.0);
            c.minimum().ifPresent(m -> out.add(TextValues.parse(type, m)));
            c.maximum().ifPresent(m -> out.add(TextValues.parse(type, m)));
            out.add((double) v.longValue());
        } else if (value instanceof String v) {
            int length = v.codePointCount(0, v.length());
            for (int n : new int[] {c.minLength().orElse(0), length / 2, length - 1}) {
                if (n >= 0 && n < length) {
                    out.add(v.substring(0, v.offsetByCodePoints(0, n)));
                }
            }
        } else if (value instanceof Boolean) {
            out.add(false);
        } else if (value instanceof LocalDate v) {
            Shrinking.toward(v.toEpochDay(), 0).forEach(d -> out.add(LocalDate.ofEpochDay(d)));
            c.minimum().ifPresent(m -> out.add(TextValues.parse(type, m)));
        } else if (value instanceof Instant v) {
            Shrinking.toward(v.getEpochSecond(), 0).forEach(sec -> out.add(Instant.ofEpochSecond(sec)));
            c.minimum().ifPresent(m -> out.add(TextValues.parse(type, m)));
        } else if (value instanceof LocalDateTime v) {
            Shrinking.toward(v.toEpochSecond(ZoneOffset.UTC), 0)
                    .forEach(sec -> out.add(LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC)));
            c.minimum().ifPresent(m -> out.add(TextValues.parse(type, m)));
        }
        Stream<Object> valid = out.stream().distinct().filter(o -> !o.equals(value) && satisfies(f, o));
        return nullable ? Stream.concat(Stream.of((Object) null), valid) : valid;
    }

    /** @return the field's examples that are values of its type within its constraints, parsed */
    static List<Object> examples(Field f) {
        List<Object> out = new ArrayList<>();
        for (String text : f.examples()) {
            try {
                Object value = TextValues.parse(f.type(), text);
                if (satisfies(f, value)) {
                    out.add(value);
                }
            } catch (IllegalArgumentException notOfTheType) {
                // an example that is not a value of the type is no hint
            }
        }
        return out;
    }

    /**
     * Whether a non-null value meets the field's constraints, as the contract gate reads them: the
     * one test of validity for example hints and for shrunk values.
     */
    static boolean satisfies(Field f, Object value) {
        Constraints c = f.constraints();
        LogicalType type = f.type();
        if (!c.allowedValues().isEmpty()
                && c.allowedValues().stream().noneMatch(a -> TextValues.parse(type, a).equals(value))) {
            return false;
        }
        if (c.minimum().isPresent() && compare(value, TextValues.parse(type, c.minimum().get())) < 0
                || c.maximum().isPresent() && compare(value, TextValues.parse(type, c.maximum().get())) > 0) {
            return false;
        }
        if (value instanceof String s) {
            int length = s.codePointCount(0, s.length());
            return length >= c.minLength().orElse(0) && length <= c.maxLength().orElse(Integer.MAX_VALUE)
                    && c.pattern().map(p -> Pattern.compile(p).matcher(s).matches()).orElse(true);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object value, Object bound) {
        return ((Comparable<Object>) value).compareTo(bound);
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }

    private static String string(Field f, Random random) {
        Constraints c = f.constraints();
        int minLength = c.minLength().orElse(0);
        // a pattern sets the length itself; only free text gets a made-up upper bound
        int maxLength = c.maxLength().orElse(c.pattern().isPresent() ? Integer.MAX_VALUE : Math.max(minLength, 12));
        if (c.pattern().isEmpty()) {
            int n = minLength + random.nextInt(maxLength - minLength + 1);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return sb.toString();
        }
        Pattern pattern = Pattern.compile(c.pattern().get());
        IllegalArgumentException why = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                String s = RegexStrings.generate(c.pattern().get(), random);
                int length = s.codePointCount(0, s.length());
                if (length >= minLength && length <= maxLength && pattern.matcher(s).matches()) {
                    return s;
                }
            } catch (IllegalArgumentException e) {
                why = e;
                break;
            }
        }
        // the examples stand in for a pattern the generator does not understand
        List<Object> examples = examples(f);
        if (!examples.isEmpty()) {
            return (String) examples.get(random.nextInt(examples.size()));
        }
        throw why != null ? new IllegalArgumentException("field '" + f.name() + "': " + why.getMessage(), why)
                : new IllegalArgumentException("field '" + f.name() + "': no string of length " + minLength + " to "
                        + (maxLength == Integer.MAX_VALUE ? "any" : maxLength) + " matching '" + c.pattern().get() + "' found; give the field examples that match");
    }

    /**
     * @return a value of the field's type just beyond its maximum (or, where that does not fit the
     *     type, below its minimum), and the rule it breaks
     * @throws IllegalArgumentException if the field has no bound a value of its type can cross
     */
    static Broken outOfRange(Field f) {
        LogicalType type = f.type();
        Constraints c = f.constraints();
        for (String rule : List.of("maximum", "minimum")) {
            Optional<String> bound = rule.equals("maximum") ? c.maximum() : c.minimum();
            if (bound.isEmpty()) {
                continue;
            }
            Object value = beyond(type, TextValues.parse(type, bound.get()), rule.equals("maximum") ? 1 : -1);
            if (value != null) {
                return new Broken(value, f.name() + ":" + rule);
            }
        }
        throw new IllegalArgumentException("field '" + f.name() + "' has no minimum or maximum that a value of "
                + type.typeName() + " can cross");
    }

    /** A value and the rule it breaks. */
    record Broken(Object value, String rule) {
    }

    /** @return the next value of the type past {@code bound} in direction {@code sign}, or null if none fits */
    private static Object beyond(LogicalType type, Object bound, int sign) {
        if (type instanceof LogicalType.IntegerType t) {
            long b = (Long) bound;
            return sign > 0 ? (b < t.maxValue() ? b + 1 : null) : (b > t.minValue() ? b - 1 : null);
        } else if (type instanceof LogicalType.DecimalType t) {
            BigDecimal v = ((BigDecimal) bound).add(BigDecimal.ONE.movePointLeft(t.scale()).multiply(BigDecimal.valueOf(sign)))
                    .setScale(t.scale(), RoundingMode.UNNECESSARY);
            return v.precision() - v.scale() <= t.precision() - t.scale() ? v : null;
        } else if (type instanceof LogicalType.FloatingType t) {
            double b = (Double) bound;
            double v = b + sign * Math.max(1, Math.abs(b) * 1e-3);
            return t.bitWidth() == 32 ? (double) (float) v : v;
        } else if (type instanceof LogicalType.DateType) {
            return ((LocalDate) bound).plusDays(sign);
        } else if (type instanceof LogicalType.TimeType) {
            LocalTime b = (LocalTime) bound;
            return sign > 0 ? (b.isBefore(LocalTime.of(23, 59)) ? b.plusMinutes(1) : null)
                    : (b.isAfter(LocalTime.of(0, 1)) ? b.minusMinutes(1) : null);
        } else if (type instanceof LogicalType.TimestampType t) {
            Instant v = instant(bound).plus(sign, ChronoUnit.DAYS);
            return t.withZone() ? v : LocalDateTime.ofInstant(v, ZoneOffset.UTC);
        }
        return null;
    }
}
