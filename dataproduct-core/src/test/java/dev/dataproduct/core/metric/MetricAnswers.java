package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dataproduct.api.data.BatchCursor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What the metric tests against DuckDB share: the answers of both engines as rows of plain values,
 * compared value by value (numbers within a relative 1e-9, NaN equal to NaN), and a cursor over
 * batches the test holds.
 */
final class MetricAnswers {
    private MetricAnswers() {
    }

    /** @return the rows DuckDB answers, dates as {@link LocalDate} */
    static List<List<Object>> ofSql(Connection duck, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= cols; c++) {
                    Object v = rs.getObject(c);
                    row.add(v instanceof java.sql.Date d ? d.toLocalDate() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** @return the rows of the engine's answer, dates as {@link LocalDate}, text as strings */
    static List<List<Object>> ofAnswer(VectorSchemaRoot answer) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < answer.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : answer.getFieldVectors()) {
                Object x = v.getObject(r);
                row.add(v instanceof DateDayVector && x != null ? LocalDate.ofEpochDay(((Number) x).longValue())
                        : x instanceof org.apache.arrow.vector.util.Text t ? t.toString() : x);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Fails naming the first row and column where the engine differs from DuckDB, and {@code where}. */
    static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual, String where) {
        assertEquals(expected.size(), actual.size(), "rows of " + where);
        for (int r = 0; r < expected.size(); r++) {
            List<Object> e = expected.get(r);
            List<Object> a = actual.get(r);
            for (int c = 0; c < e.size(); c++) {
                if (!same(e.get(c), a.get(c))) {
                    fail("row " + r + " column " + (c + 1) + ": DuckDB " + e + " but engine " + a + " in " + where);
                }
            }
        }
    }

    private static boolean same(Object e, Object a) {
        if (e == null || a == null) {
            return e == a;
        }
        if (e instanceof Number x && a instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            if (Double.isNaN(dx) || Double.isNaN(dy)) {
                return Double.isNaN(dx) && Double.isNaN(dy);
            }
            return dx == dy || Math.abs(dx - dy) <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy));
        }
        if (a instanceof Boolean b) {
            return e.equals(b);
        }
        return e.toString().equals(a.toString());
    }

    /** @return a cursor over the batches, which stay the caller's to close */
    static BatchCursor over(List<VectorSchemaRoot> batches) {
        return new BatchCursor() {
            private int at = -1;

            @Override
            public boolean next() {
                return ++at < batches.size();
            }

            @Override
            public VectorSchemaRoot batch() {
                return batches.get(at);
            }

            @Override
            public void close() {
                // the batches are the caller's
            }
        };
    }
}
