package dev.dataproduct.core.access;

import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Applies one mask to the chosen rows of a column, a column at a time: the masked values go to
 * the output vector at the same row. A null stays null under every mask.
 */
final class MaskKernels {
    private static final Logger LOG = LoggerFactory.getLogger(MaskKernels.class);
    private final MaskKeys keys;
    private final String where;

    MaskKernels(MaskKeys keys, String where) {
        this.keys = keys;
        this.where = where;
    }

    void apply(Mask mask, FieldVector source, BitSet rows, FieldVector out, VectorSchemaRoot batch,
               ExpressionEvaluator evaluator, BufferAllocator allocator) {
        String column = source.getName();
        if (mask instanceof Mask.Nullify) {
            rows.stream().forEach(out::setNull);
        } else if (mask instanceof Mask.Computed c) {
            computed(c, source, rows, out, batch, evaluator, allocator);
        } else {
            UnaryOperator<Object> f = valueFunction(mask, source, column);
            for (int row = rows.nextSetBit(0); row >= 0; row = rows.nextSetBit(row + 1)) {
                if (source.isNull(row)) {
                    out.setNull(row);
                    continue;
                }
                Object masked;
                try {
                    masked = f.apply(VectorValues.get(source, row));
                } catch (RuntimeException e) {
                    // the exception's message may quote the value: keep it out
                    throw broken(mask, column, "failed with " + e.getClass().getName());
                }
                set(out, row, masked, mask);
            }
        }
    }

    private void computed(Mask.Computed c, FieldVector source, BitSet rows, FieldVector out, VectorSchemaRoot batch,
                          ExpressionEvaluator evaluator, BufferAllocator allocator) {
        try (FieldVector values = evaluator.evaluate(c.expression(), batch, source.getName(), allocator)) {
            for (int row = rows.nextSetBit(0); row >= 0; row = rows.nextSetBit(row + 1)) {
                set(out, row, source.isNull(row) ? null : VectorValues.get(values, row), c);
            }
        } catch (IllegalArgumentException e) {
            throw broken(c, source.getName(), "cannot be evaluated");
        }
    }

    private void set(FieldVector out, int row, Object value, Mask mask) {
        try {
            VectorValues.set(out, row, value);
        } catch (IllegalArgumentException e) {
            throw broken(mask, out.getName(), "yields a value that is not of the column's type "
                    + out.getField().getType() + " (a mask must keep the type)");
        }
    }

    /**
     * A mask that fails is the owner's to fix: the log says which mask and why; the reader learns only
     * which column's mask failed, never the mask itself (an expression or a key name is policy content).
     */
    private DataProductException broken(Mask mask, String column, String why) {
        LOG.error("mask {} of column '{}' in {} {}", mask, column, where, why);
        return new DataProductException("the mask of column '" + column + "' in " + where + " failed; the product's "
                + "owner must fix it (details are in the log)");
    }

    private UnaryOperator<Object> valueFunction(Mask mask, FieldVector source, String column) {
        if (mask instanceof Mask.Redact r) {
            return v -> r.replacement();
        } else if (mask instanceof Mask.ShowFirst s) {
            return v -> showFirst((String) v, s.count());
        } else if (mask instanceof Mask.ShowLast s) {
            return v -> showLast((String) v, s.count());
        } else if (mask instanceof Mask.Email) {
            return v -> email((String) v);
        } else if (mask instanceof Mask.YearOnly) {
            return MaskKernels::yearOnly;
        } else if (mask instanceof Mask.KeyedHash k) {
            Mac mac = mac(k, column);
            return v -> HexFormat.of().formatHex(mac.doFinal(((String) v).getBytes(StandardCharsets.UTF_8)));
        } else if (mask instanceof Mask.TypeDefault) {
            Object zero = zero(source.getField().getType());
            return v -> zero;
        } else if (mask instanceof Mask.Custom c) {
            return c.function();
        }
        throw new AssertionError("unhandled mask " + mask);
    }

    private Mac mac(Mask.KeyedHash k, String column) {
        byte[] key = keys.key(k.keyName()).orElseThrow(() -> missingKey(k, column));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new DataProductException("HMAC-SHA-256 is not available in this JVM: " + e.getMessage(), e);
        }
    }

    DataProductException missingKey(Mask.KeyedHash k, String column) {
        return new DataProductException("mask " + k + " of column '" + column + "' in " + where + " needs hash key '"
                + k.keyName() + "'; give it to the reader with hashKey(\"" + k.keyName() + "\", secret)");
    }

    static String showFirst(String s, int count) {
        int keep = Math.min(count, s.codePointCount(0, s.length()));
        int cut = s.offsetByCodePoints(0, keep);
        return s.substring(0, cut) + "*".repeat(s.codePointCount(cut, s.length()));
    }

    static String showLast(String s, int count) {
        int total = s.codePointCount(0, s.length());
        int hide = Math.max(0, total - count);
        int cut = s.offsetByCodePoints(0, hide);
        return "*".repeat(hide) + s.substring(cut);
    }

    static String email(String s) {
        int at = s.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return s.substring(0, s.offsetByCodePoints(0, 1)) + "***" + s.substring(at);
    }

    static Object yearOnly(Object v) {
        if (v instanceof LocalDate d) {
            return d.withDayOfYear(1);
        } else if (v instanceof LocalDateTime t) {
            return t.toLocalDate().withDayOfYear(1).atStartOfDay();
        }
        Instant i = (Instant) v;
        return i.atZone(ZoneOffset.UTC).toLocalDate().withDayOfYear(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Object zero(ArrowType type) {
        if (type instanceof ArrowType.Utf8) {
            return "";
        } else if (type instanceof ArrowType.Int) {
            return 0L;
        } else if (type instanceof ArrowType.FloatingPoint) {
            return 0.0;
        } else if (type instanceof ArrowType.Decimal d) {
            return BigDecimal.ZERO.setScale(d.getScale());
        } else if (type instanceof ArrowType.Bool) {
            return false;
        } else if (type instanceof ArrowType.Date) {
            return LocalDate.EPOCH;
        } else if (type instanceof ArrowType.Time) {
            return LocalTime.MIDNIGHT;
        } else if (type instanceof ArrowType.Timestamp t) {
            return t.getTimezone() == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : Instant.EPOCH;
        } else if (type instanceof ArrowType.List) {
            return List.of();
        }
        throw new IllegalArgumentException("no default value of type " + type);
    }
}
