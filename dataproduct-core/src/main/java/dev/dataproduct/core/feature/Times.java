package dev.dataproduct.core.feature;

import dev.dataproduct.api.data.VectorValues;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Reads a date or timestamp column as microseconds since the epoch, UTC, without boxing where it can. */
final class Times {
    private final FieldVector vector;
    private final TimeStampVector micros;

    Times(FieldVector vector) {
        this.vector = vector;
        this.micros = vector instanceof TimeStampVector t
                && ((ArrowType.Timestamp) t.getField().getType()).getUnit() == TimeUnit.MICROSECOND ? t : null;
    }

    /** @return the time of a row in microseconds, or {@link AsOfRule#NO_TIME} if it is null */
    long at(int row) {
        if (vector.isNull(row)) {
            return AsOfRule.NO_TIME;
        }
        return micros != null ? micros.get(row) : AsOfRule.micros(VectorValues.get(vector, row));
    }
}
