package dev.dataproduct.core.metric;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.metric.DimensionJoin;
import dev.dataproduct.core.join.HashJoin;
import dev.dataproduct.core.join.JoinedRows;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.metric.GroupBy;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.read.ProductReader;
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
     * @param reader the reader of the product holding the model's dataset (and any dataset it joins)
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
        Map<String, ProductReader> readers = new LinkedHashMap<>();
        readers.put(model.dataset(), reader);
        model.joins().forEach(j -> readers.put(j.dataset(), reader));
        return query(readers, principal, query, snapshot);
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
     * Answers a query through the read path of several products: the model's dataset and the
     * datasets it joins for dimensions ({@link SemanticModel#joins()}), each read as the principal
     * through its own product's policy. A join is made only when the query uses a column of the
     * joined dataset; it is refused if that dataset repeats a key the model's rows have, so that no
     * measure is counted twice.
     *
     * @param readers the reader of each dataset, by dataset name
     * @param principal who asks
     * @param query the query
     * @param snapshot which snapshot of the model's dataset to read (joined datasets: their current one)
     * @return the answer; the caller closes it
     * @throws InvalidRequestException as {@link #query(ProductReader, Principal, MetricQuery, SnapshotSelector)},
     *     or if no reader is given for a dataset the query needs
     * @throws dev.dataproduct.core.join.JoinRefusedException if a join would fan out
     */
    public VectorSchemaRoot query(Map<String, ProductReader> readers, Principal principal, MetricQuery query,
                                  SnapshotSelector snapshot) {
        QueryPlan plan = QueryPlan.of(model, query);
        Set<String> needed = new LinkedHashSet<>(plan.columns());
        query.filter().ifPresent(f -> needed.addAll(f.columns()));
        Map<String, Dataset> sources = new LinkedHashMap<>();
        List<DimensionJoin> joins = new ArrayList<>();
        for (DimensionJoin j : model.joins()) {
            ProductReader r = reader(readers, j.dataset());
            List<String> there = new ArrayList<>(ReadDataset.visible(r, principal, j.dataset()));
            there.retainAll(needed);
            there.remove(j.key());
            if (!there.isEmpty()) {
                there.add(0, j.key());
                joins.add(j);
                sources.put(j.dataset(), new ReadDataset(r, principal, j.dataset(), there, Optional.empty(),
                        SnapshotSelector.current()));
            }
        }
        ProductReader facts = reader(readers, model.dataset());
        List<String> own = new ArrayList<>(needed);
        if (!joins.isEmpty()) {
            own.retainAll(ReadDataset.visible(facts, principal, model.dataset()));
            joins.stream().map(this::entityColumn).filter(c -> !own.contains(c)).forEach(own::add);
        }
        // without a join the reader applies the query's filter; with one the filter may read joined columns
        Optional<Expr> readFilter = joins.isEmpty() ? query.filter() : Optional.empty();
        sources.put(model.dataset(), new ReadDataset(facts, principal, model.dataset(), own, readFilter, snapshot));
        return answer(plan, sources, joins, joins.isEmpty() ? Optional.empty() : query.filter(), principal);
    }

    /**
     * Answers a query over datasets at hand (a transform's inputs, batches in memory), applying the
     * query's filter itself. Reads of a product's data go through {@link #query} instead.
     *
     * @param query the query
     * @param datasets the model's dataset and any dataset it joins, by name
     * @param principal whose attributes filters may read
     * @return the answer; the caller closes it
     * @throws InvalidRequestException as {@link #query(ProductReader, Principal, MetricQuery)}
     * @throws dev.dataproduct.core.join.JoinRefusedException if a join would fan out
     */
    public VectorSchemaRoot compute(MetricQuery query, Map<String, ? extends Dataset> datasets, Principal principal) {
        QueryPlan plan = QueryPlan.of(model, query);
        Map<String, Dataset> sources = new LinkedHashMap<>();
        List<DimensionJoin> joins = new ArrayList<>();
        Set<String> needed = new LinkedHashSet<>(plan.columns());
        query.filter().ifPresent(f -> needed.addAll(f.columns()));
        sources.put(model.dataset(), dataset(datasets, model.dataset()));
        for (DimensionJoin j : model.joins()) {
            Dataset d = dataset(datasets, j.dataset());
            boolean used = d.schema().fields().stream().anyMatch(f -> !f.name().equals(j.key())
                    && needed.contains(f.name()));
            if (used) {
                joins.add(j);
                sources.put(j.dataset(), d);
            }
        }
        return answer(plan, sources, joins, query.filter(), principal);
    }

    /**
     * Answers a query over rows at hand, applying the query's filter itself (a model without joins).
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

    private VectorSchemaRoot answer(QueryPlan plan, Map<String, Dataset> sources, List<DimensionJoin> joins,
                                    Optional<Expr> filter, Principal principal) {
        List<JoinedRows> joined = new ArrayList<>();
        try {
            Dataset rows = sources.get(model.dataset());
            for (DimensionJoin j : joins) {
                JoinedRows next = HashJoin.builder(rows, sources.get(j.dataset()))
                        .on(List.of(entityColumn(j)), List.of(j.key()))
                        .cardinality(Cardinality.MANY_TO_ONE)
                        .type(JoinType.LEFT)
                        .names(model.dataset(), j.dataset())
                        .subject("semantic model '" + model.name() + "'")
                        .build()
                        .run(allocator);
                joined.add(next);
                rows = next;
            }
            try (BatchCursor cursor = rows.open()) {
                return answer(plan, cursor, filter, principal);
            }
        } finally {
            joined.forEach(JoinedRows::close);
        }
    }

    private String entityColumn(DimensionJoin j) {
        return model.entities().stream().filter(e -> e.name().equals(j.entity())).findFirst().orElseThrow().column();
    }

    private static ProductReader reader(Map<String, ProductReader> readers, String dataset) {
        ProductReader r = readers.get(dataset);
        if (r == null) {
            throw new InvalidRequestException("no reader was given for the dataset '" + dataset
                    + "' the semantic model reads; give one for each of " + readers.keySet() + " and '" + dataset + "'");
        }
        return r;
    }

    private static Dataset dataset(Map<String, ? extends Dataset> datasets, String name) {
        Dataset d = datasets.get(name);
        if (d == null) {
            throw new InvalidRequestException("the semantic model reads the dataset '" + name + "', which is not among "
                    + datasets.keySet());
        }
        return d;
    }

    private VectorSchemaRoot answer(QueryPlan plan, BatchCursor rows, Optional<Expr> filter, Principal principal) {
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
