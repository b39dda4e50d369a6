package dev.dataproduct.core.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.slo.Indicator;
import dev.dataproduct.api.slo.Objective;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes a product's objectives as OpenSLO v1 documents: per objective, one {@code SLI} (a ratio
 * of good to all measurements, from the metric source {@code dataproduct}) and one {@code SLO}
 * referring to it, with a rolling time window and occurrence budgeting.
 *
 * <p>Document names follow DNS-1123 labels: {@code <product>-<objective>} for the SLO and
 * {@code <product>-<objective>-sli} for the SLI, cut to 63 characters.
 */
public final class OpenSlo {
    /** The OpenSLO API version written. */
    public static final String API_VERSION = "openslo/v1";
    private static final YAMLMapper YAML = new YAMLMapper();

    private OpenSlo() {
    }

    /**
     * @param product a product
     * @return its objectives ({@link Objectives#of}) as a multi-document YAML stream, SLI then SLO
     *     for each; empty text for a product without objectives
     * @throws dev.dataproduct.api.error.InvalidDefinitionException if its contract's SLA cannot be read
     */
    public static String yaml(DataProduct product) {
        return yaml(product, Objectives.of(product));
    }

    /**
     * @param product a product
     * @param objectives the objectives to write
     * @return them as a multi-document YAML stream, SLI then SLO for each
     */
    public static String yaml(DataProduct product, List<Objective> objectives) {
        StringBuilder out = new StringBuilder();
        for (Objective o : objectives) {
            String slo = name(product.metadata().name() + "-" + o.name());
            String sli = name(product.metadata().name() + "-" + o.name() + "-sli");
            out.append(write(sli(product, o, sli))).append(write(slo(product, o, slo, sli)));
        }
        return out.toString();
    }

    private static ObjectNode sli(DataProduct product, Objective o, String name) {
        ObjectNode doc = head("SLI", name, product, o, "Share of good " + o.indicator().label() + " measurements of "
                + product.metadata().name());
        ObjectNode spec = doc.putObject("spec");
        spec.put("description", describe(o));
        ObjectNode ratio = spec.putObject("ratioMetric");
        ratio.put("counter", true);
        source(ratio.putObject("good"), product, o, "good");
        source(ratio.putObject("total"), product, o, "all");
        return doc;
    }

    private static ObjectNode slo(DataProduct product, Objective o, String name, String sli) {
        ObjectNode doc = head("SLO", name, product, o, o.indicator().label() + " of " + product.metadata().name());
        ObjectNode spec = doc.putObject("spec");
        spec.put("description", describe(o));
        spec.put("service", product.metadata().name());
        spec.put("indicatorRef", sli);
        ObjectNode window = spec.putArray("timeWindow").addObject();
        window.put("duration", o.windowDays() + "d");
        window.put("isRolling", true);
        spec.put("budgetingMethod", "Occurrences");
        ObjectNode objective = spec.putArray("objectives").addObject();
        objective.put("displayName", o.name());
        objective.put("target", o.target());
        return doc;
    }

    private static ObjectNode head(String kind, String name, DataProduct product, Objective o, String display) {
        ObjectNode doc = YAML.createObjectNode();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", kind);
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("name", name);
        metadata.put("displayName", display);
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("dataproduct.dev/product", product.address().urn());
        annotations.put("dataproduct.dev/objective", o.name());
        annotations.put("dataproduct.dev/indicator", o.indicator().label());
        if (!o.scope().isEmpty()) {
            annotations.put(o.indicator() == Indicator.AVAILABILITY ? "dataproduct.dev/port" : "dataproduct.dev/dataset",
                    o.scope());
        }
        return doc;
    }

    private static void source(ObjectNode metric, DataProduct product, Objective o, String events) {
        ObjectNode source = metric.putObject("metricSource");
        source.put("type", "dataproduct");
        ObjectNode spec = source.putObject("spec");
        spec.put("product", product.address().urn());
        spec.put("objective", o.name());
        spec.put("events", events);
    }

    /** One sentence on what counts as a good measurement. */
    static String describe(Objective o) {
        String scope = o.scope().isEmpty() ? "" : " of '" + o.scope() + "'";
        return switch (o.indicator()) {
            case FRESHNESS -> "A new snapshot within " + o.limit().orElseThrow() + " of the previous one.";
            case COMPLETENESS -> "A run" + scope + " publishes at least " + o.minShare() * 100 + "% of its rows in.";
            case REQUIRED_VALUES -> "A run" + scope + " has at least " + o.minShare() * 100
                    + "% of its required values present.";
            case AVAILABILITY -> "A read" + scope + " is answered.";
            case FREQUENCY -> "A run commits within " + o.limit().orElseThrow() + " of the previous run.";
            case RETENTION -> "Snapshots stay readable for " + o.limit().orElseThrow() + ".";
        };
    }

    private static String name(String text) {
        String n = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        n = n.length() > 63 ? n.substring(0, 63) : n;
        return n.replaceAll("^-+|-+$", "");
    }

    private static String write(ObjectNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
