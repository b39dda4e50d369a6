package dev.dataproduct.api.data;

import dev.dataproduct.api.schema.Schema;
import java.util.List;
import java.util.function.Consumer;

/**
 * A named dataset: a schema plus a stream of Arrow record batches. Each {@link #open()} starts a
 * new pass; memory use is bounded by the batch size, not by the size of the data.
 *
 * <pre>{@code
 * try (BatchCursor cursor = dataset.open()) {
 *     while (cursor.next()) {
 *         VectorSchemaRoot batch = cursor.batch();   // valid until the next call to next()
 *     }
 * }
 * dataset.forEachRow(row -> System.out.println(row.getString("sku")));
 * }</pre>
 */
public interface Dataset {

    /** @return the dataset name */
    String name();

    /** @return the schema every batch follows */
    Schema schema();

    /**
     * Starts a pass over the batches.
     *
     * @return a cursor positioned before the first batch; the caller closes it
     * @throws dev.dataproduct.api.error.PortException if the source cannot be opened
     */
    BatchCursor open();

    /**
     * Calls an action for each batch, in order. The batch is only valid during the call.
     *
     * @param action what to do with each batch
     */
    default void forEachBatch(Consumer<org.apache.arrow.vector.VectorSchemaRoot> action) {
        try (BatchCursor cursor = open()) {
            while (cursor.next()) {
                action.accept(cursor.batch());
            }
        }
    }

    /**
     * Calls an action for each row, in order. The row view is reused: read values during the call.
     * It knows each row's {@linkplain RowView#origin() origin} where the source does.
     *
     * @param action what to do with each row
     */
    default void forEachRow(Consumer<RowView> action) {
        try (BatchCursor cursor = open()) {
            while (cursor.next()) {
                RowView row = RowView.overCursor(cursor);
                for (int i = 0; i < cursor.batch().getRowCount(); i++) {
                    action.accept(row.at(i));
                }
            }
        }
    }

    /** @return the number of rows, counted by one pass over the batches */
    default long countRows() {
        long[] n = {0};
        forEachBatch(b -> n[0] += b.getRowCount());
        return n[0];
    }

    /**
     * A dataset over batches held in memory. The dataset borrows the batches: their owner keeps
     * them open while the dataset is read and closes them afterwards.
     *
     * @param name the dataset name
     * @param schema the schema of every batch
     * @param batches the batches, in order
     * @return the dataset; it can be read any number of times
     */
    static Dataset of(String name, Schema schema, List<org.apache.arrow.vector.VectorSchemaRoot> batches) {
        return new InMemoryDataset(name, schema, batches);
    }
}
