package dev.dataproduct.core.expr;

import java.math.BigDecimal;
import java.util.BitSet;

/**
 * The values of one evaluated expression over a batch, column at a time. Longs carry integers,
 * dates (epoch days), times and timestamps (microseconds); objects carry strings, decimals, lists
 * and structs. A constant holds one value and stands for every row.
 */
final class Column {
    final Kind kind;
    final int size;
    final boolean constant;
    /** Set where the row holds no value. */
    final BitSet nulls;
    long[] longs;
    double[] doubles;
    boolean[] bools;
    Object[] objects;

    Column(Kind kind, int size, boolean constant) {
        this.kind = kind;
        this.size = size;
        this.constant = constant;
        this.nulls = new BitSet(constant ? 1 : size);
        int n = constant ? 1 : size;
        switch (kind) {
            case LONG: case DATE: case TIME: case TIMESTAMP: case TIMESTAMP_TZ: longs = new long[n]; break;
            case DOUBLE: doubles = new double[n]; break;
            case BOOL: bools = new boolean[n]; break;
            case NULL: nulls.set(0, n); break;
            default: objects = new Object[n]; break;
        }
    }

    private int at(int row) {
        return constant ? 0 : row;
    }

    boolean isNull(int row) {
        return nulls.get(at(row));
    }

    long longAt(int row) {
        return longs[at(row)];
    }

    double doubleAt(int row) {
        switch (kind) {
            case DOUBLE: return doubles[at(row)];
            case LONG: return longs[at(row)];
            case DECIMAL: return ((BigDecimal) objects[at(row)]).doubleValue();
            default: throw new IllegalStateException(kind.label() + " is not a number");
        }
    }

    BigDecimal decimalAt(int row) {
        switch (kind) {
            case DECIMAL: return (BigDecimal) objects[at(row)];
            case LONG: return BigDecimal.valueOf(longs[at(row)]);
            case DOUBLE: return BigDecimal.valueOf(doubles[at(row)]);
            default: throw new IllegalStateException(kind.label() + " is not a number");
        }
    }

    boolean boolAt(int row) {
        return bools[at(row)];
    }

    Object objectAt(int row) {
        return objects[at(row)];
    }
}
