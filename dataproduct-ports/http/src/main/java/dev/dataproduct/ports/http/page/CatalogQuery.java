package dev.dataproduct.ports.http.page;

import dev.dataproduct.api.descriptor.DatasetDescriptor;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.schema.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A search of the catalog: every criterion given must hold; none given finds every product.
 * Matching ignores case. {@snippet :
 * CatalogQuery q = CatalogQuery.parse("q=purchase&domain=retail&classification=restricted");
 * boolean found = q.matches(product.describe());
 * }
 *
 * @param text words found in the name, domain, purpose, description, owner, tags, or a field's
 *     name or description ({@code q})
 * @param domain the product's domain, exactly
 * @param owner the owner's name or e-mail, exactly
 * @param tag one of the product's tags, exactly
 * @param field the name of a field of one of its datasets, exactly
 * @param classification the classification of one of its fields, such as {@code restricted}
 * @param status the product's status, such as {@code active}
 */
public record CatalogQuery(Optional<String> text, Optional<String> domain, Optional<String> owner,
                           Optional<String> tag, Optional<String> field, Optional<String> classification,
                           Optional<String> status) {
    /** The parameters {@link #parse} reads. */
    public static final List<String> PARAMETERS = List.of("q", "domain", "owner", "tag", "field", "classification",
            "status");

    /** A query that finds every product. */
    public static final CatalogQuery ALL = new CatalogQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Validates the components; blank criteria are taken as absent. */
    public CatalogQuery {
        text = blankless(text, "text");
        domain = blankless(domain, "domain");
        owner = blankless(owner, "owner");
        tag = blankless(tag, "tag");
        field = blankless(field, "field");
        classification = blankless(classification, "classification");
        status = blankless(status, "status");
    }

    private static Optional<String> blankless(Optional<String> value, String name) {
        return Objects.requireNonNull(value, name).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * Reads a query string such as {@code q=orders&domain=retail}.
     *
     * @param rawQuery the raw (percent-encoded) query string, or null for none
     * @return the query
     * @throws IllegalArgumentException naming the parameter, if one is unknown, repeated or not
     *     validly percent-encoded
     */
    public static CatalogQuery parse(String rawQuery) {
        String[] values = new String[PARAMETERS.size()];
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
                int i = PARAMETERS.indexOf(name);
                if (i < 0) {
                    throw new IllegalArgumentException("unknown catalog parameter '" + name + "'; the catalog is "
                            + "searched by " + PARAMETERS);
                }
                if (values[i] != null) {
                    throw new IllegalArgumentException("the catalog parameter '" + name + "' is given twice; give "
                            + "it once");
                }
                values[i] = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter '" + name + "'");
            }
        }
        return new CatalogQuery(Optional.ofNullable(values[0]), Optional.ofNullable(values[1]),
                Optional.ofNullable(values[2]), Optional.ofNullable(values[3]), Optional.ofNullable(values[4]),
                Optional.ofNullable(values[5]), Optional.ofNullable(values[6]));
    }

    private static String decode(String raw, String what) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not validly percent-encoded: '" + raw + "'");
        }
    }

    /**
     * @param d a product's descriptor
     * @return whether the product meets every criterion
     */
    public boolean matches(ProductDescriptor d) {
        Objects.requireNonNull(d, "descriptor");
        List<Field> fields = d.datasets().stream().flatMap(s -> s.fields().stream()).toList();
        return domain.map(v -> v.equalsIgnoreCase(d.domain())).orElse(true)
                && owner.map(v -> v.equalsIgnoreCase(d.owner().name()) || v.equalsIgnoreCase(d.owner().email()))
                        .orElse(true)
                && tag.map(v -> d.tags().stream().anyMatch(v::equalsIgnoreCase)).orElse(true)
                && field.map(v -> fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(v))).orElse(true)
                && classification.map(v -> fields.stream().anyMatch(f -> f.classification().name()
                        .equalsIgnoreCase(v))).orElse(true)
                && status.map(v -> d.status().name().equalsIgnoreCase(v)).orElse(true)
                && text.map(v -> matchesText(d, v)).orElse(true);
    }

    /** Every word of the text must occur somewhere in what a person reads of the product. */
    private static boolean matchesText(ProductDescriptor d, String text) {
        List<String> haystack = new ArrayList<>(List.of(d.name(), d.domain(), d.purpose(), d.description(),
                d.owner().name(), d.address()));
        haystack.addAll(d.tags());
        for (DatasetDescriptor s : d.datasets()) {
            haystack.add(s.name());
            haystack.add(s.description());
            s.fields().forEach(f -> {
                haystack.add(f.name());
                haystack.add(f.description());
            });
        }
        String all = String.join("\n", haystack).toLowerCase(Locale.ROOT);
        return Stream.of(text.toLowerCase(Locale.ROOT).split("\\s+")).allMatch(all::contains);
    }
}
