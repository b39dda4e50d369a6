package dev.dataproduct.api.contract;

import java.util.Map;

/**
 * A link to the authoritative definition of an element: a business glossary entry, an
 * implementation, a tutorial ({@code authoritativeDefinitions} in ODCS).
 *
 * @param id a stable id; empty if none
 * @param type what kind of definition, such as {@code businessDefinition}
 * @param url where it is
 * @param description what it is; empty if none
 * @param extensions fields ODCS does not define, kept and written back
 */
public record AuthoritativeDefinition(String id, String type, String url, String description,
                                      Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public AuthoritativeDefinition {
        id = Texts.text(id);
        type = Texts.text(type);
        url = Texts.text(url);
        description = Texts.text(description);
        extensions = Texts.map(extensions);
    }
}
