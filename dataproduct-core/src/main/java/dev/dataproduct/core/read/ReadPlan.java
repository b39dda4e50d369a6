package dev.dataproduct.core.read;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A checked request: the columns returned and their schema, where to resume, and the bounds.
 *
 * @param request the request
 * @param columns the columns returned
 * @param schema their Arrow schema
 * @param offset result rows to skip (from the cursor)
 * @param fingerprint of the request and reader, for cursors
 * @param maxSortRows the most rows an ordered read without a limit holds
 * @param batchSize rows per batch of an ordered read
 */
record ReadPlan(ReadRequest request, List<String> columns, Schema schema, long offset, String fingerprint,
                long maxSortRows, int batchSize) {
}
