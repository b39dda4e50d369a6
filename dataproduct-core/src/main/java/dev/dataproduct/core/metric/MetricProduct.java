package dev.dataproduct.core.metric;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.GroupBy;
import dev.dataproduct.api.metric.MetricDataset;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.DerivedPattern;
import dev.dataproduct.api.product.ProductKind;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Makes a product a metric product: a derived product (pattern {@code METRIC}) that carries a
 * semantic model over one of its inputs and publishes chosen metric datasets, each the answer to a
 * query, recomputed at every run and served by the product's ports like any dataset. Ad hoc queries
 * are answered by {@link MetricEngine#query} through the read path of the product holding the rows.
 *
 * <pre>{@code
 * DataProduct metrics = MetricProduct.publish(DataProduct.builder("sales-metrics")
 *             .domain("retail").version("1.0.0").owner(owner).purpose("Sales metrics, defined once.")
 *             .input(ProductInput.of("urn:dataproduct:retail:historical-purchases", 1).dataset("purchases"))
 *             .access(Policy.forDataset("revenue_by_month").grant(Grant.to(Audience.role("analyst")).allColumns()).build()),
 *         SALES, MetricDataset.of("revenue_by_month", MetricQuery.of("gross_revenue").by("purchased_at__month").build()))
 *     .build();
 * }</pre>
 *
 * <p>A published dataset's contract follows from the definitions: one field per group (its
 * dimension's type; {@code date} for a time grain) and one per metric ({@code int64} for counts,
 * {@code float64} otherwise), every field optional, described by the definitions' descriptions.
 */
public final class MetricProduct {
    private MetricProduct() {
    }

    /**
     * Adds to a product definition the model, the pattern {@code METRIC}, and one output dataset
     * with its transform per metric dataset. The rows come from the product's input named as the
     * model's dataset (and those named by its joins), read through the read path as the product's
     * principal.
     *
     * @param product the product being defined, with its input and its metadata
     * @param model the metric definitions
     * @param datasets the datasets to publish
     * @return the same builder
     * @throws dev.dataproduct.api.error.InvalidRequestException if a dataset's query does not fit the model
     */
    public static DataProduct.Builder publish(DataProduct.Builder product, SemanticModel model,
                                              MetricDataset... datasets) {
        product.kind(ProductKind.derived(DerivedPattern.METRIC)).semanticModel(model);
        for (MetricDataset d : datasets) {
            product.output(dataset(model, d));
            List<String> reads = new ArrayList<>(List.of(model.dataset()));
            model.joins().forEach(j -> reads.add(j.dataset()));
            product.transform(TransformSpec.to(d.name()).reading(reads.toArray(String[]::new))
                    .with(transform(model, d, reads)));
        }
        return product;
    }

    /**
     * @param model the metric definitions
     * @param dataset a dataset to publish
     * @return its contract: a field per group and per metric
     * @throws dev.dataproduct.api.error.InvalidRequestException if the query does not fit the model
     */
    public static DatasetSpec dataset(SemanticModel model, MetricDataset dataset) {
        Map<String, LogicalType> columns = MetricEngine.columns(model, dataset.query());
        DatasetSpec.Builder spec = DatasetSpec.named(dataset.name())
                .description("Metrics " + dataset.query().metrics() + (dataset.query().groupBy().isEmpty() ? ""
                        : " by " + dataset.query().groupBy()) + " of the semantic model '" + model.name() + "'.");
        for (Map.Entry<String, LogicalType> c : columns.entrySet()) {
            String text = description(model, dataset, c.getKey());
            spec.field(c.getKey(), c.getValue(), f -> f.description(text));
        }
        return spec.build();
    }

    private static String description(SemanticModel model, MetricDataset dataset, String column) {
        for (GroupBy g : dataset.query().groupBy()) {
            if (g.column().equals(column)) {
                Dimension d = model.dimension(g.dimension()).orElseThrow();
                String grain = g.grain().map(x -> " (first day of each " + x.label() + ")").orElse("");
                return (d.description().isEmpty() ? d.name() : d.description()) + grain;
            }
        }
        return model.metric(column).map(m -> m.description().isEmpty() ? m.kind() + " metric " + m.name()
                : m.description()).orElse(column);
    }

    /** The rows were read as the product's principal; the metrics' filters read no principal attribute. */
    private static Transform transform(SemanticModel model, MetricDataset dataset, List<String> reads) {
        return (ctx, out) -> {
            Map<String, Dataset> inputs = new LinkedHashMap<>();
            reads.forEach(name -> inputs.put(name, ctx.input(name)));
            try (VectorSchemaRoot answer = MetricEngine.of(model, ctx.allocator()).compute(dataset.query(), inputs,
                    new Principal("metric-product", Set.of(), Map.of()))) {
                out.accept(answer);
            }
        };
    }
}
