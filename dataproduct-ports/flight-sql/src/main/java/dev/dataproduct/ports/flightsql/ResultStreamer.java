package dev.dataproduct.ports.flightsql;

import java.io.IOException;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns JDBC results into Arrow batches on a Flight stream, one batch in memory at a time, waiting
 * for a slow client rather than buffering for it. SQL types Arrow's JDBC adapter has no mapping for
 * (lists, structs, UUIDs, huge integers, ...) travel as their text.
 */
final class ResultStreamer {
    private final BufferAllocator allocator;
    private final int batchSize;
    private final Duration clientWait;

    ResultStreamer(BufferAllocator allocator, int batchSize, Duration clientWait) {
        this.allocator = allocator;
        this.batchSize = batchSize;
        this.clientWait = clientWait;
    }

    /** @return the Arrow schema of a result, or an empty schema for a statement without one */
    Schema schema(ResultSetMetaData metadata) throws SQLException {
        if (metadata == null) {
            return new Schema(List.of());
        }
        return JdbcToArrowUtils.jdbcToArrowSchema(metadata, config());
    }

    /** @return the Arrow schema of a statement's parameters, as far as the database tells their types */
    Schema parameterSchema(ParameterMetaData metadata) throws SQLException {
        if (metadata == null) {
            return new Schema(List.of());
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= metadata.getParameterCount(); i++) {
            int jdbcType;
            int precision = 0;
            int scale = 0;
            try {
                jdbcType = metadata.getParameterType(i);
                precision = metadata.getPrecision(i);
                scale = metadata.getScale(i);
            } catch (SQLException e) {
                // a driver that cannot tell a parameter's type before it is bound: the client sends text
                jdbcType = Types.VARCHAR;
            }
            ArrowType type = arrowType(new JdbcFieldInfo(jdbcType, precision, scale));
            fields.add(new Field("parameter_" + i, FieldType.nullable(type), null));
        }
        return new Schema(fields);
    }

    /**
     * Streams a result to the client and completes the stream; the caller closes the result set.
     *
     * @return the rows sent, negative (minus one less the rows sent) if the client cancelled the stream
     */
    long stream(ResultSet result, ServerStreamListener listener) throws SQLException, IOException {
        BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
        backpressure.register(listener);
        try (ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(result, config())) {
            if (!batches.hasNext()) {
                try (VectorSchemaRoot empty = VectorSchemaRoot.create(schema(result.getMetaData()), allocator)) {
                    listener.start(empty);
                    listener.putNext();
                }
                listener.completed();
                return 0;
            }
            VectorSchemaRoot root = batches.next();
            long rows = 0;
            try {
                listener.start(root);
                while (true) {
                    if (!await(backpressure)) {
                        return -1 - rows;
                    }
                    listener.putNext();
                    rows += root.getRowCount();
                    if (!batches.hasNext()) {
                        break;
                    }
                    // the iterator refills the same root: one batch in memory whatever the result's size
                    batches.next();
                }
            } finally {
                root.close();
            }
            listener.completed();
            return rows;
        }
    }

    /** Sends rows of text and binary values (the metadata answers) in one batch. */
    void sendRows(Schema schema, List<Object[]> rows, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                for (int c = 0; c < row.length; c++) {
                    set(root.getVector(c), r, row[c]);
                }
            }
            root.setRowCount(rows.size());
            listener.start(root);
            listener.putNext();
        }
        listener.completed();
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(row, value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (vector instanceof VarBinaryVector v) {
            v.setSafe(row, (byte[]) value);
        } else {
            throw new IllegalStateException("metadata column " + vector.getName() + " of type "
                    + vector.getField().getType() + " is not text nor binary");
        }
    }

    private boolean await(BackpressureStrategy backpressure) {
        BackpressureStrategy.WaitResult r = backpressure.waitForListener(clientWait.toMillis());
        switch (r) {
            case READY:
                return true;
            case CANCELLED:
                return false;
            case TIMEOUT:
                throw CallStatus.TIMED_OUT.withDescription("the client read nothing for " + clientWait.toSeconds()
                        + " s; the result is abandoned").toRuntimeException();
            default:
                throw CallStatus.INTERNAL.withDescription("waiting for the client: " + r).toRuntimeException();
        }
    }

    JdbcToArrowConfig config() {
        return new JdbcToArrowConfigBuilder(allocator, null)
                .setTargetBatchSize(batchSize)
                .setReuseVectorSchemaRoot(true)
                .setJdbcToArrowTypeConverter(ResultStreamer::arrowType)
                .build();
    }

    static ArrowType arrowType(JdbcFieldInfo info) {
        switch (info.getJdbcType()) {
            case Types.ARRAY, Types.STRUCT, Types.OTHER, Types.JAVA_OBJECT, Types.SQLXML, Types.ROWID, Types.REF,
                    Types.DATALINK, Types.DISTINCT, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE:
                return ArrowType.Utf8.INSTANCE;
            case Types.DECIMAL, Types.NUMERIC:
                if (info.getPrecision() <= 0 || info.getPrecision() > 38) {
                    return ArrowType.Utf8.INSTANCE;
                }
                break;
            default:
                break;
        }
        try {
            ArrowType type = JdbcToArrowUtils.getArrowTypeFromJdbcType(info, null);
            return type == null ? ArrowType.Utf8.INSTANCE : type;
        } catch (UnsupportedOperationException e) {
            return ArrowType.Utf8.INSTANCE;
        }
    }
}
