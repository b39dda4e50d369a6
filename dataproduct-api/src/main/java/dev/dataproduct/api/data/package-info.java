/**
 * Data in motion: a {@link dev.dataproduct.api.data.Dataset} is a schema plus a stream of Arrow
 * record batches read through a {@link dev.dataproduct.api.data.BatchCursor}. Row views and batch
 * builders serve code that prefers rows; {@link dev.dataproduct.api.data.VectorValues} reads and
 * writes single values in the SDK's value model.
 *
 * <p>Each row of a cursor's batch may know its {@linkplain dev.dataproduct.api.data.BatchCursor#origin
 * origin} (a file and line), which a {@link dev.dataproduct.api.data.RowView} made over the cursor
 * passes on. A value of the right kind that its column cannot hold is a
 * {@link dev.dataproduct.api.data.ValueOutOfRangeException}; a
 * {@linkplain dev.dataproduct.api.data.BatchBuilder#quarantining quarantining} batch builder, which a
 * run gives its transforms, quarantines its row with that origin instead of failing.
 */
package dev.dataproduct.api.data;
