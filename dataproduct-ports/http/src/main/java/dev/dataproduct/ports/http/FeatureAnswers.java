package dev.dataproduct.ports.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.feature.FeatureValue;
import dev.dataproduct.core.feature.FeatureLookup;
import dev.dataproduct.core.feature.FeatureServing;
import dev.dataproduct.core.feature.MaskedKeyException;
import dev.dataproduct.core.io.JsonValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code GET .../features?keys=k1,k2}: the online features of each entity at the present
 * time, through the product's access policy. A key of a composite entity is its parts joined by
 * {@code |}; a comma or bar within a key or part is sent percent-encoded ({@code %2C},
 * {@code %7C}), as the query is split before it is decoded. At most {@value #MAX_KEYS} keys a request. A caller for whom the policy masks or hides
 * a join key is refused (403, the problem naming the key columns), as the Java lookup is.
 */
final class FeatureAnswers {
    static final int MAX_KEYS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeatureAnswers() {
    }

    static JsonNode lookup(FeatureServing serving, Principal principal, String rawQuery) {
        List<List<?>> keys = keys(rawQuery, serving.online().view().entity().keyColumns().size());
        List<FeatureLookup> found;
        try {
            found = serving.lookup(principal, keys);
        } catch (MaskedKeyException e) {
            // the caller's own view of the key, no policy content: said so as Java says it
            throw new BadRequest(403, "Forbidden", e.getMessage(), "keys");
        } catch (AccessDeniedException e) {
            // the policy's reasons stay on the server
            throw BadRequest.forbidden("the features of " + serving.product().urn(), principal);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("view", serving.online().view().name());
        body.put("at", found.isEmpty() ? "" : found.get(0).at().toString());
        ArrayNode entities = body.putArray("entities");
        for (FeatureLookup l : found) {
            ObjectNode e = entities.addObject();
            ArrayNode key = e.putArray("key");
            l.key().forEach(k -> key.add(String.valueOf(k)));
            ObjectNode features = e.putObject("features");
            for (Map.Entry<String, FeatureValue> f : l.features().entrySet()) {
                ObjectNode v = features.putObject(f.getKey());
                v.set("value", value(f.getValue().value().orElse(null)));
                v.put("status", f.getValue().status().name());
                f.getValue().eventTime().ifPresent(t -> v.put("eventTime", t.toString()));
            }
        }
        return body;
    }

    /** A value as every JSON port writes it. */
    private static JsonNode value(Object v) {
        try (TokenBuffer buffer = new TokenBuffer(JSON, false)) {
            JsonValues.write(buffer, v);
            return JSON.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<?>> keys(String rawQuery, int parts) {
        String keys = null;
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!name.equals("keys")) {
                throw BadRequest.query(name, "the features resource takes one parameter, keys=k1,k2,...; not '"
                        + name + "'");
            }
            if (keys != null) {
                throw BadRequest.query("keys", "give keys once, separated by commas");
            }
            // split before decoding: a comma or bar inside a key comes percent-encoded (%2C, %7C)
            keys = eq < 0 ? "" : pair.substring(eq + 1);
        }
        if (keys == null || decode(keys).isBlank()) {
            throw BadRequest.query("keys", "name the entities to look up: keys=k1,k2,...");
        }
        List<List<?>> out = new ArrayList<>();
        for (String raw : keys.split(",", -1)) {
            List<String> key = Arrays.stream(raw.split("\\|", -1))
                    .map(FeatureAnswers::decode).toList();
            String k = String.join("|", key);
            if (key.size() != parts) {
                throw BadRequest.query("keys", "a key of this entity has " + parts + " part" + (parts == 1 ? "" : "s")
                        + (parts == 1 ? "" : ", joined by '|'") + "; '" + k + "' has " + key.size());
            }
            out.add(key);
        }
        if (out.size() > MAX_KEYS) {
            throw BadRequest.query("keys", "at most " + MAX_KEYS + " keys a request, not " + out.size());
        }
        return out;
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
