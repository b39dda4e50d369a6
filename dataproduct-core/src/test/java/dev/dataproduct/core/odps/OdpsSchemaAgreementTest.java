package dev.dataproduct.core.odps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SDK's own reading of the ODPS schema ({@link OdpsSchema}) agrees with an independent
 * validator running the official schema: documents mutated at random from the valid test
 * documents are valid for one exactly when they are valid for the other.
 */
class OdpsSchemaAgreementTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SEED = Long.getLong("odps.seed", 20261201L);
    private static final int MUTANTS_PER_DOCUMENT = 60;

    @Test
    void theSdkAndTheOfficialSchemaAgreeOnWhichMutatedDocumentsAreValid() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        int invalid = 0;
        for (String name : OdpsForeignDocumentsTest.documents().toList()) {
            String text = OdpsTestDocuments.foreign(name);
            JsonNode original = (name.endsWith(".json") ? JSON : YAML).readTree(text);
            for (int i = 0; i < MUTANTS_PER_DOCUMENT; i++) {
                ObjectNode mutant = original.deepCopy();
                List<String> done = new ArrayList<>();
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    done.add(mutate(mutant, random));
                }
                String json = JSON.writeValueAsString(mutant);
                List<String> official = OfficialOdpsSchema.violations(json, mutant.path("apiVersion").asText());
                List<String> sdk = OdpsSchema.violations(mutant);
                assertEquals(official.isEmpty(), sdk.isEmpty(), "seed " + SEED + ", " + name + ", mutant " + i
                        + " after " + done + ":\n" + json + "\nofficial: " + official + "\nsdk: " + sdk);
                invalid += sdk.isEmpty() ? 0 : 1;
            }
        }
        // the mutations must reach both verdicts, or the agreement proves little
        int total = (int) OdpsForeignDocumentsTest.documents().count() * MUTANTS_PER_DOCUMENT;
        assertEquals(true, invalid > total / 4 && invalid < total, "invalid mutants: " + invalid + " of " + total);
    }

    private static String mutate(ObjectNode root, SplittableRandom random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        switch (random.nextInt(6)) {
            case 0 -> {
                root.put("apiVersion", List.of("v0.9.0", "v1.0.0", "v1.1.0", "1.0.0").get(random.nextInt(4)));
                return "apiVersion=" + root.get("apiVersion").asText();
            }
            case 1 -> {
                root.put("kind", random.nextBoolean() ? "DataProduct" : "Product");
                return "kind=" + root.get("kind").asText();
            }
            case 2 -> {
                if (target instanceof ObjectNode o && o.size() > 0) {
                    String key = keys(o).get(random.nextInt(o.size()));
                    o.remove(key);
                    return "removed " + key;
                }
                return "nothing";
            }
            case 3 -> {
                if (target instanceof ObjectNode o) {
                    o.put("x-extra", "urn:x:t");
                    return "added x-extra";
                }
                ((ArrayNode) target).add(someValue(random, null));
                return "appended to an array";
            }
            default -> {
                if (target instanceof ObjectNode o && o.size() > 0) {
                    String key = keys(o).get(random.nextInt(o.size()));
                    o.set(key, someValue(random, o.get(key)));
                    return "replaced " + key + " by " + o.get(key);
                }
                return "nothing";
            }
        }
    }

    /** A value of a random JSON type; a text only where the value was not one, so no format is broken. */
    private static JsonNode someValue(SplittableRandom random, JsonNode was) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(7);
            case 1 -> NODES.booleanNode(true);
            case 2 -> was != null && was.isTextual() ? was : NODES.textNode("urn:x:t");
            case 3 -> NODES.objectNode();
            case 4 -> NODES.arrayNode();
            default -> NODES.nullNode();
        };
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private static List<String> keys(ObjectNode o) {
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
