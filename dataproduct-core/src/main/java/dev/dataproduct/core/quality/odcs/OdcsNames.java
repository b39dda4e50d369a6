package dev.dataproduct.core.quality.odcs;

import java.math.BigDecimal;
import java.util.List;

/** The ODCS library metric names, and values as ODCS documents and checks write them. */
final class OdcsNames {
    static final String NULL_VALUES = "nullValues";
    static final String MISSING_VALUES = "missingValues";
    static final String INVALID_VALUES = "invalidValues";
    static final String DUPLICATE_VALUES = "duplicateValues";
    static final String ROW_COUNT = "rowCount";
    static final List<String> METRICS = List.of(NULL_VALUES, MISSING_VALUES, INVALID_VALUES, DUPLICATE_VALUES,
            ROW_COUNT);

    private OdcsNames() {
    }

    /** A value of a document as text, numbers without a needless fraction ({@code 1}, not {@code 1.0}). */
    static String text(Object value) {
        boolean finite = !(value instanceof Double || value instanceof Float)
                || Double.isFinite(((Number) value).doubleValue());
        if (finite && (value instanceof Double || value instanceof Float || value instanceof BigDecimal)) {
            BigDecimal d = value instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) value).doubleValue());
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** A threshold bound as a document number: a long when whole, else a double. */
    static Number number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
    }
}
