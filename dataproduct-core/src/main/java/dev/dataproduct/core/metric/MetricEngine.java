package dev.dataproduct.core.metric;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.metric.GroupBy;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Answers metric queries of one {@link SemanticModel} over Arrow batches: one streamed pass that
 * groups rows through primitive hash tables and folds each measure into per-group states, then
 * computes every metric from those states (ratios, derived expressions, time offsets and
 * cumulative windows combine states, never rows).
 *
 * <pre>{@code
 * MetricEngine engine = MetricEngine.of(sales, allocator);
 * try (VectorSchemaRoot answer = engine.query(reader, principal,
 *         MetricQuery.of("gross_revenue").by("region").by("ordered_at", TimeGrain.MONTH).build())) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Results: one column per group ({@code region}, {@code ordered_at__month} as the first day of
 * each bucket, a {@code date}) then one per metric ({@code int64} for counts, {@code float64}
 * otherwise), one row per group of the rows queried, ordered by the groups' values, nulls last.
 * Decimal measures are aggregated as float64. Memory grows with the number of groups (and, for
 * distinct counts, of distinct values per group), not with the rows.
 *
 * <p>An engine is not safe for use by several threads at once; create one per thread (they are
 * cheap).
 */
public final class MetricEngine {
    private final SemanticModel model;
    private final BufferAllocator allocator;

    private MetricEngine(SemanticModel model, BufferAllocator allocator) {
        this.model = Objects.requireNonNull(model, "model");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
    }

    /**
     * @param model the metric definitions
     * @param allocator where results' memory comes from
     * @return an engine
     */
    public static MetricEngine of(SemanticModel model, BufferAllocator allocator) {
        return new MetricEngine(model, allocator);
    }

    /** @return the model queried */
    public SemanticModel model() {
        return model;
    }

    /**
     * Answers a query through the read path: the rows of the model's dataset the principal may
     * read, with its policy's row filter, masks and the query's filter applied by the reader.
     *
     * @param reader the reader of the product holding the model's dataset
     * @param principal who asks
     * @param query the query
     * @param snapshot which snapshot to read
     * @return the answer; the caller closes it
     * @throws InvalidRequestException if the query names an unknown metric or dimension, lacks a
     *     time grouping a metric needs, or the model reads a column the principal cannot see
     * @throws dev.dataproduct.api.error.AccessDeniedException if the principal may not read the dataset
     */
    public VectorSchemaRoot query(ProductReader reader, Principal principal, MetricQuery query,
                                  SnapshotSelector snapshot) {
        QueryPlan plan = QueryPlan.of(model, query);
        ReadRequest.Builder request = ReadRequest.of(model.dataset()).snapshot(snapshot);
        Set<String> columns = plan.columns();
        if (!columns.isEmpty()) {
            request.columns(columns.toArray(String[]::new));
        }
        query.filter().ifPresent(request::where);
        try (ReadResult rows = reader.read(principal, request.build())) {
            return answer(plan, rows, Optional.empty(), principal);
        }
    }

    /**
     * Answers a query over the current snapshot, through the read path.
     *
     * @param reader the reader of the product holding the model's dataset
     * @param principal who asks
     * @param query the query
     * @return the answer; the caller closes it
     * @throws InvalidRequestException as {@link #query(ProductReader, Principal, MetricQuery, SnapshotSelector)}
     */
    public VectorSchemaRoot query(ProductReader reader, Principal principal, MetricQuery query) {
        return query(reader, principal, query, SnapshotSelector.current());
    }

    /**
     * Answers a query over rows at hand (a transform's input, batches in memory), applying the
     * query's filter itself. Reads of a product's data go through {@link #query} instead.
     *
     * @param query the query
     * @param rows the model's rows; read to the end, not closed
     * @param principal whose attributes filters may read
     * @return the answer; the caller closes it
     * @throws InvalidRequestException as {@link #query(ProductReader, Principal, MetricQuery)}
     */
    public VectorSchemaRoot compute(MetricQuery query, BatchCursor rows, Principal principal) {
        return answer(QueryPlan.of(model, query), rows, query.filter(), principal);
    }

    private VectorSchemaRoot answer(QueryPlan plan, BatchCursor rows, Optional<dev.dataproduct.api.expr.Expr> filter,
                                    Principal principal) {
        ExpressionEvaluator evaluator = new ExpressionEvaluator(principal);
        Scan scan = new Scan(plan, evaluator, allocator);
        scan.run(rows, filter);
        return new Answer(scan, evaluator, allocator).build();
    }

    /**
     * The columns of a query's answer and their types, known from the definitions alone: what a
     * metric product publishes before any run.
     *
     * @param model the model
     * @param query a query of it
     * @return column name to type, in order
     * @throws InvalidRequestException if the query does not fit the model
     */
    public static Map<String, LogicalType> columns(SemanticModel model, MetricQuery query) {
        QueryPlan plan = QueryPlan.of(model, query);
        Map<String, LogicalType> out = new LinkedHashMap<>();
        for (int j = 0; j < plan.keys.size(); j++) {
            GroupBy g = plan.keys.get(j);
            out.put(g.column(), plan.keyDimensions.get(j).valueType());
        }
        plan.axis.ifPresent(a -> out.put(a.column(), LogicalType.DATE));
        for (String m : query.metrics()) {
            out.put(m, QueryPlan.typeOf(model, m));
        }
        return out;
    }
}
