package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table, view, topic or file described by a contract ({@code schema} in ODCS).
 *
 * @param id a stable id; empty if none
 * @param name the object name
 * @param physicalName the name in the physical store; empty if the same
 * @param physicalType such as {@code table}, {@code view}, {@code topic} or {@code file}; empty if none
 * @param logicalType {@code object}, or empty
 * @param description what one row stands for
 * @param businessName its name in business terms; empty if none
 * @param dataGranularityDescription the grain of the data; empty if none
 * @param tags free keywords
 * @param properties the properties (columns)
 * @param quality quality rules of the whole object, such as a row count
 * @param relationships foreign keys between objects
 * @param authoritativeDefinitions links to definitions
 * @param customProperties further properties
 * @param extensions fields ODCS does not define, kept and written back
 */
public record SchemaObject(String id, String name, String physicalName, String physicalType, String logicalType,
                           String description, String businessName, String dataGranularityDescription,
                           List<String> tags, List<SchemaProperty> properties, List<QualityRule> quality,
                           List<Relationship> relationships, List<AuthoritativeDefinition> authoritativeDefinitions,
                           List<CustomProperty> customProperties, Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public SchemaObject {
        id = Texts.text(id);
        name = Texts.text(name);
        physicalName = Texts.text(physicalName);
        physicalType = Texts.text(physicalType);
        logicalType = Texts.text(logicalType);
        description = Texts.text(description);
        businessName = Texts.text(businessName);
        dataGranularityDescription = Texts.text(dataGranularityDescription);
        tags = Texts.list(tags);
        properties = Texts.list(properties);
        quality = Texts.list(quality);
        relationships = Texts.list(relationships);
        authoritativeDefinitions = Texts.list(authoritativeDefinitions);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }

    /**
     * @param name a property name
     * @return the top-level property of that name
     */
    public Optional<SchemaProperty> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
