package dev.dataproduct.testkit.gen;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates values of a logical type in the SDK's value model (see
 * {@link dev.dataproduct.api.schema.TextValues}), within the type's range and precision, so that
 * they can be written to Arrow and read back equal.
 */
public final class Values {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,é€";
    private static final long DAYS = 365L * 200;

    private Values() {
    }

    /**
     * @param type a logical type
     * @return a generator of values of that type (never null)
     */
    public static Gen<Object> of(LogicalType type) {
        return random -> value(type, random);
    }

    /**
     * @param type a logical type
     * @param random the source of randomness
     * @return a value of that type (never null)
     */
    public static Object value(LogicalType type, Random random) {
        if (type instanceof LogicalType.StringType) {
            int n = random.nextInt(12);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return sb.toString();
        } else if (type instanceof LogicalType.IntegerType t) {
            // mostly small numbers, sometimes the extremes of the width
            switch (random.nextInt(8)) {
                case 0: return t.minValue();
                case 1: return t.maxValue();
                default: return Math.max(t.minValue(), Math.min(t.maxValue(), (long) random.nextInt(2001) - 1000));
            }
        } else if (type instanceof LogicalType.DecimalType t) {
            int digits = 1 + random.nextInt(t.precision());
            BigInteger unscaled = new BigInteger(digits * 3, random).mod(BigInteger.TEN.pow(digits));
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            return new BigDecimal(unscaled, t.scale());
        } else if (type instanceof LogicalType.FloatingType t) {
            double d = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(8));
            return t.bitWidth() == 32 ? (double) (float) d : d;
        } else if (type instanceof LogicalType.BooleanType) {
            return random.nextBoolean();
        } else if (type instanceof LogicalType.DateType) {
            return LocalDate.of(1970, 1, 1).plusDays(random.nextInt((int) DAYS) - DAYS / 2);
        } else if (type instanceof LogicalType.TimeType) {
            return LocalTime.ofNanoOfDay((long) (random.nextDouble() * 86_400_000_000L) * 1000L);
        } else if (type instanceof LogicalType.TimestampType t) {
            Instant instant = Instant.ofEpochSecond((long) ((random.nextDouble() - 0.5) * DAYS * 86_400),
                    random.nextInt(1_000_000_000)).truncatedTo(unit(t.precision()));
            return t.withZone() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        } else if (type instanceof LogicalType.ArrayType a) {
            int n = random.nextInt(4);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(random.nextInt(5) == 0 ? null : value(a.elementType(), random));
            }
            return out;
        } else if (type instanceof LogicalType.StructType s) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Field f : s.fields()) {
                out.put(f.name(), !f.required() && random.nextInt(5) == 0 ? null : value(f.type(), random));
            }
            return out;
        }
        throw new IllegalArgumentException("no generator for " + type);
    }

    private static ChronoUnit unit(TimePrecision p) {
        return p.unit();
    }
}
