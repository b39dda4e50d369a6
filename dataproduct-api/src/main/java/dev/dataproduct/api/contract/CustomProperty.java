package dev.dataproduct.api.contract;

import java.util.Map;

/**
 * A free property attached to an element of a contract ({@code customProperties} in ODCS).
 *
 * @param id a stable id, unique within its list; empty if none
 * @param property the property name, in camelCase
 * @param value the value: text, a number, a boolean, a list or a map
 * @param description what the property means; empty if none
 * @param extensions fields ODCS does not define, kept and written back as they were
 */
public record CustomProperty(String id, String property, Object value, String description,
                             Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public CustomProperty {
        id = Texts.text(id);
        property = Texts.text(property);
        description = Texts.text(description);
        extensions = Texts.map(extensions);
    }

    /**
     * @param property the property name
     * @param value the value
     * @return the custom property
     */
    public static CustomProperty of(String property, Object value) {
        return new CustomProperty("", property, value, "", Map.of());
    }
}
