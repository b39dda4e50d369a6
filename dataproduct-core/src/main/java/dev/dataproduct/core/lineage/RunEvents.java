package dev.dataproduct.core.lineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.runtime.DatasetStats;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.runtime.RunStart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds OpenLineage {@code RunEvent}s from runs, as Jackson trees. */
final class RunEvents {
    static final String EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String SCHEMA_FACET =
            "https://openlineage.io/spec/facets/1-0-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    static final String VERSION_FACET =
            "https://openlineage.io/spec/facets/1-0-0/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
    static final String DATASOURCE_FACET =
            "https://openlineage.io/spec/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet";
    static final String METRICS_FACET = "https://openlineage.io/spec/facets/1-0-0/DataQualityMetricsDatasetFacet.json"
            + "#/$defs/DataQualityMetricsDatasetFacet";
    static final String ASSERTIONS_FACET = "https://openlineage.io/spec/1-0-1/DataQualityAssertionsDatasetFacet.json"
            + "#/$defs/DataQualityAssertionsDatasetFacet";
    static final String STATISTICS_FACET = "https://openlineage.io/spec/1-0-1/OutputStatisticsOutputDatasetFacet.json"
            + "#/$defs/OutputStatisticsOutputDatasetFacet";
    static final String ERROR_FACET =
            "https://openlineage.io/spec/facets/1-0-0/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";

    private final ObjectMapper json = new ObjectMapper();
    private final String producer;

    RunEvents(String producer) {
        this.producer = producer;
    }

    /** The job's namespace: the product's domain, so that namespace + ":" + name is the product's address. */
    static String jobNamespace(ProductAddress address) {
        return ProductAddress.PREFIX + address.domain();
    }

    /** The job's name within its namespace: the product's name and major version. */
    static String jobName(ProductAddress address) {
        return address.name() + ":v" + address.major();
    }

    ObjectNode start(RunStart run) {
        ObjectNode event = base("START", run, run.startedAt());
        inputs(event, run.product(), Map.of());
        ArrayNode outputs = event.putArray("outputs");
        for (DatasetSpec d : run.product().outputs()) {
            outputs.add(output(run.product(), d));
        }
        return event;
    }

    ObjectNode complete(RunStart run, RunResult result) {
        ObjectNode event = base("COMPLETE", run, result.snapshot().committedAt());
        inputs(event, run.product(), upstreamRead(run, result));
        ArrayNode outputs = event.putArray("outputs");
        for (DatasetSpec d : run.product().outputs()) {
            ObjectNode out = output(run.product(), d);
            ObjectNode facets = (ObjectNode) out.get("facets");
            facet(facets, "version", VERSION_FACET).put("datasetVersion", result.snapshot().id());
            Optional<DatasetStats> stats = result.datasets().stream().filter(s -> s.name().equals(d.name())).findFirst();
            Optional<QualityReport> report = result.quality().stream().filter(q -> q.dataset().equals(d.name()))
                    .findFirst();
            report.ifPresent(r -> quality(facets, d, r));
            stats.ifPresent(s -> facet(out.putObject("outputFacets"), "outputStatistics", STATISTICS_FACET)
                    .put("rowCount", s.published()));
            outputs.add(out);
        }
        return event;
    }

    ObjectNode failure(String type, RunStart run, Instant at, RuntimeException error) {
        ObjectNode event = base(type, run, at);
        // the message only: SDK messages name fields, never classified values; a stack trace could carry anything
        ObjectNode facet = facet(((ObjectNode) event.get("run")).putObject("facets"), "errorMessage", ERROR_FACET);
        facet.put("message", error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        facet.put("programmingLanguage", "JAVA");
        inputs(event, run.product(), Map.of());
        ArrayNode outputs = event.putArray("outputs");
        for (DatasetSpec d : run.product().outputs()) {
            outputs.add(output(run.product(), d));
        }
        return event;
    }

    private ObjectNode base(String type, RunStart run, Instant at) {
        ObjectNode event = json.createObjectNode();
        event.put("eventType", type);
        event.put("eventTime", at.toString());
        event.put("producer", producer);
        event.put("schemaURL", EVENT_SCHEMA);
        event.putObject("run").put("runId", run.runId().toString());
        ProductAddress address = run.product().address();
        ObjectNode job = event.putObject("job");
        job.put("namespace", jobNamespace(address));
        job.put("name", jobName(address));
        return event;
    }

    /** The snapshot each product input read, by input name, as the committed manifest records it. */
    private static Map<String, String> upstreamRead(RunStart run, RunResult result) {
        Map<String, String> read = new HashMap<>();
        run.store().history(run.product().address()).stream().filter(m -> m.id().equals(result.snapshot().id()))
                .findFirst().ifPresent(m -> m.upstreamSnapshots().forEach(u -> read.put(u.input(), u.snapshotId())));
        return read;
    }

    private void inputs(ObjectNode event, DataProduct product, Map<String, String> upstreamRead) {
        ArrayNode inputs = event.putArray("inputs");
        for (InputPort port : product.inputs()) {
            inputs.add(input(product, port, upstreamRead));
        }
    }

    /**
     * Another product's dataset by that product's address and the dataset's name, with the
     * snapshot read as its version once known (a pinned one from the start); a file by the
     * namespace {@code file} and its absolute path; anything else by the consuming product's
     * address and the input's name.
     */
    private ObjectNode input(DataProduct product, InputPort port, Map<String, String> upstreamRead) {
        ObjectNode in = json.createObjectNode();
        PortDescriptor d = port.descriptor();
        ObjectNode facets = json.createObjectNode();
        if (port instanceof ProductInput p) {
            in.put("namespace", p.product().urn());
            in.put("name", p.dataset());
            Optional.ofNullable(upstreamRead.get(p.name())).or(p::snapshot)
                    .ifPresent(id -> facet(facets, "version", VERSION_FACET).put("datasetVersion", id));
        } else if (port instanceof SnapshotInput s) {
            in.put("namespace", s.readProduct().urn());
            in.put("name", s.readDataset());
            s.readSnapshot().ifPresent(id -> facet(facets, "version", VERSION_FACET).put("datasetVersion", id));
        } else if (port.upstream().isPresent()) {
            Upstream up = port.upstream().get();
            in.put("namespace", up.productId());
            in.put("name", d.location().isEmpty() ? d.name() : d.location());
        } else if ("file".equals(d.kind()) && !d.location().isEmpty()) {
            Path path = Path.of(d.location()).toAbsolutePath().normalize();
            in.put("namespace", "file");
            in.put("name", path.toString());
            ObjectNode source = facet(facets, "dataSource", DATASOURCE_FACET);
            source.put("name", "file");
            source.put("uri", path.toUri().toString());
        } else {
            in.put("namespace", product.address().urn());
            in.put("name", "input:" + d.name());
        }
        if (!facets.isEmpty()) {
            in.set("facets", facets);
        }
        return in;
    }

    private ObjectNode output(DataProduct product, DatasetSpec dataset) {
        ObjectNode out = json.createObjectNode();
        out.put("namespace", product.address().urn());
        out.put("name", dataset.name());
        ObjectNode facets = out.putObject("facets");
        ArrayNode fields = facet(facets, "schema", SCHEMA_FACET).putArray("fields");
        for (Field f : dataset.schema().fields()) {
            ObjectNode field = fields.addObject();
            field.put("name", f.name());
            field.put("type", f.type().typeName());
            if (!f.description().isEmpty()) {
                field.put("description", f.description());
            }
        }
        return out;
    }

    /**
     * The metrics the checks computed, by column, and one assertion per check. Values of
     * confidential or restricted columns (min, max, sum, quantiles) stay out: only counts of them
     * are published.
     */
    private void quality(ObjectNode facets, DatasetSpec dataset, QualityReport report) {
        ObjectNode metrics = facet(facets, "dataQualityMetrics", METRICS_FACET);
        metrics.put("rowCount", report.rows());
        ObjectNode columns = metrics.putObject("columnMetrics");
        ArrayNode assertions = facet(facets, "dataQualityAssertions", ASSERTIONS_FACET).putArray("assertions");
        for (CheckResult r : report.results()) {
            ObjectNode a = assertions.addObject();
            a.put("assertion", r.name());
            a.put("success", r.outcome() == Outcome.PASS);
            if (r.check().metric().columns().size() == 1) {
                a.put("column", r.check().metric().columns().get(0));
            }
            a.put("severity", r.check().severity().name().toLowerCase(Locale.ROOT));
            columnMetric(columns, dataset, r);
        }
    }

    private static void columnMetric(ObjectNode columns, DatasetSpec dataset, CheckResult r) {
        double v = r.metricValue();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return;
        }
        Metric m = r.check().metric();
        if (m instanceof Metric.NullCount n) {
            column(columns, n.column()).put("nullCount", Math.round(v));
        } else if (m instanceof Metric.ApproxDistinct a) {
            column(columns, a.column()).put("distinctCount", Math.round(v));
        } else if (m instanceof Metric.Stat s && !sensitive(dataset, s.column())) {
            switch (s.statistic()) {
                case MIN -> column(columns, s.column()).put("min", v);
                case MAX -> column(columns, s.column()).put("max", v);
                case SUM -> column(columns, s.column()).put("sum", v);
                default -> { }
            }
        } else if (m instanceof Metric.Quantile q && !sensitive(dataset, q.column())) {
            ObjectNode c = column(columns, q.column());
            ObjectNode quantiles = c.has("quantiles") ? (ObjectNode) c.get("quantiles") : c.putObject("quantiles");
            quantiles.put(Double.toString(q.rank()), v);
        }
    }

    private static ObjectNode column(ObjectNode columns, String name) {
        return columns.has(name) ? (ObjectNode) columns.get(name) : columns.putObject(name);
    }

    private static boolean sensitive(DatasetSpec dataset, String column) {
        return dataset.schema().field(column).map(f -> f.classification().isSensitive()).orElse(true);
    }

    private ObjectNode facet(ObjectNode facets, String name, String schemaUrl) {
        ObjectNode facet = facets.putObject(name);
        facet.put("_producer", producer);
        facet.put("_schemaURL", schemaUrl);
        return facet;
    }
}
