package dev.dataproduct.ports.sql;

import dev.dataproduct.testkit.conformance.PortConformance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/** Query results in the SDK's value model, through DuckDB's Arrow export of a JDBC result set. */
final class Rows {
    private Rows() {
    }

    static List<Map<String, Object>> viaArrow(Connection c, String sql, BufferAllocator allocator)
            throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql);
             BufferAllocator child = allocator.newChildAllocator("sql-test-rows", 0, Long.MAX_VALUE);
             ArrowReader reader = (ArrowReader) rs.unwrap(DuckDBResultSet.class).arrowExportStream(child, 1024)) {
            while (reader.loadNextBatch()) {
                out.addAll(PortConformance.rowsOf(reader.getVectorSchemaRoot()));
            }
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        return out;
    }
}
