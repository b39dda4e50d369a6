package dev.dataproduct.core.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OpenLineage JSON schemas kept under {@code src/test/resources/openlineage} (see the README
 * there), checked by an independent validator. References between the files resolve to the local
 * copies: the network is never asked.
 */
final class OpenLineageSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CORE = Pattern.compile("https://openlineage\\.io/spec/[0-9-]+/OpenLineage\\.json");
    /** The schema file of each facet the SDK emits, by the facet's key. */
    private static final Map<String, String> FACETS = Map.of(
            "schema", "SchemaDatasetFacet.json",
            "version", "DatasetVersionDatasetFacet.json",
            "dataSource", "DatasourceDatasetFacet.json",
            "dataQualityMetrics", "DataQualityMetricsDatasetFacet.json",
            "dataQualityAssertions", "DataQualityAssertionsDatasetFacet.json",
            "outputStatistics", "OutputStatisticsOutputDatasetFacet.json",
            "errorMessage", "ErrorMessageRunFacet.json");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaLoader(l -> l.schemaIdResolvers(r -> r.mappings(OpenLineageSchemas::local))));

    private OpenLineageSchemas() {
    }

    private static String local(String iri) {
        if (CORE.matcher(iri).matches()) {
            return "classpath:openlineage/OpenLineage.json";
        }
        return null;
    }

    private static Schema schema(String file) {
        return REGISTRY.getSchema(SchemaLocation.of("classpath:openlineage/" + file));
    }

    /**
     * @param event one event as JSON
     * @return the violations of the core schema and of each facet's schema, each with where it is;
     *     a facet the resources hold no schema for is a violation too
     */
    static List<String> violations(String event) {
        List<String> out = new ArrayList<>();
        schema("OpenLineage.json").validate(event, InputFormat.JSON).stream().map(Error::toString).forEach(out::add);
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        facets(root.path("run").path("facets"), "run", out);
        facets(root.path("job").path("facets"), "job", out);
        for (String side : List.of("inputs", "outputs")) {
            int i = 0;
            for (JsonNode d : root.path(side)) {
                facets(d.path("facets"), side + "[" + i + "]", out);
                facets(d.path("inputFacets"), side + "[" + i + "].inputFacets", out);
                facets(d.path("outputFacets"), side + "[" + i + "].outputFacets", out);
                i++;
            }
        }
        return out;
    }

    private static void facets(JsonNode facets, String where, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> facet = it.next();
            String file = FACETS.get(facet.getKey());
            if (file == null) {
                out.add(where + ": no schema kept for facet '" + facet.getKey() + "'");
                continue;
            }
            ObjectNode holder = JSON.createObjectNode();
            holder.set(facet.getKey(), facet.getValue());
            schema(file).validate(holder.toString(), InputFormat.JSON).stream()
                    .map(e -> where + "." + facet.getKey() + ": " + e).forEach(out::add);
        }
    }
}
