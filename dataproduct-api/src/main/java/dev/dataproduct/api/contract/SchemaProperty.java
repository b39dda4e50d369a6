package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A property (column, field) of a schema object, possibly nested ({@code properties} in ODCS).
 *
 * @param id a stable id; empty if none
 * @param name the property name (empty only for the {@code items} of an array)
 * @param physicalName the name in the physical store; empty if the same
 * @param physicalType the type in the physical store, such as {@code VARCHAR(18)}; empty if none
 * @param logicalType {@code string}, {@code date}, {@code timestamp}, {@code time}, {@code number},
 *     {@code integer}, {@code object}, {@code array} or {@code boolean}; empty if not given
 * @param logicalTypeOptions the options of the logical type, such as {@code maxLength},
 *     {@code pattern}, {@code minimum} or {@code format}, as read
 * @param required whether every row has a value
 * @param unique whether values are unique
 * @param primaryKey whether the property is part of the primary key
 * @param primaryKeyPosition its 1-based position in the key, or -1
 * @param partitioned whether the data is partitioned by this property
 * @param partitionKeyPosition its 1-based position in the partition key, or -1
 * @param classification how sensitive the values are, such as {@code restricted}; empty if none
 * @param criticalDataElement whether the property is a critical data element
 * @param encryptedName the name of the encrypted copy of the property; empty if none
 * @param transformSourceObjects the objects the property is derived from
 * @param transformLogic how it is derived, as code; empty if none
 * @param transformDescription how it is derived, in words; empty if none
 * @param examples example values
 * @param description what the property means
 * @param businessName its name in business terms; empty if none
 * @param tags free keywords
 * @param items the element of an array property
 * @param properties the fields of an object property
 * @param quality quality rules of the property
 * @param relationships foreign keys from this property
 * @param authoritativeDefinitions links to definitions
 * @param customProperties further properties
 * @param extensions fields ODCS does not define, kept and written back
 * @param writtenDefaults the flags and key positions the source wrote with their default value
 *     ({@code required: false}, {@code primaryKeyPosition: -1}), by ODCS key, so that a contract
 *     read and written back keeps them; empty for a property built in code
 */
public record SchemaProperty(String id, String name, String physicalName, String physicalType, String logicalType,
                             Map<String, Object> logicalTypeOptions, boolean required, boolean unique,
                             boolean primaryKey, int primaryKeyPosition, boolean partitioned, int partitionKeyPosition,
                             String classification, boolean criticalDataElement, String encryptedName,
                             List<String> transformSourceObjects, String transformLogic, String transformDescription,
                             List<Object> examples, String description, String businessName, List<String> tags,
                             Optional<SchemaProperty> items, List<SchemaProperty> properties,
                             List<QualityRule> quality, List<Relationship> relationships,
                             List<AuthoritativeDefinition> authoritativeDefinitions,
                             List<CustomProperty> customProperties, Map<String, Object> extensions,
                             Set<String> writtenDefaults) {

    /** The logical types of ODCS v3.1. */
    public static final List<String> LOGICAL_TYPES = List.of("string", "date", "timestamp", "time", "number",
            "integer", "object", "array", "boolean");

    /** The keys whose default value a source may write, and {@link #writtenDefaults()} remembers. */
    public static final List<String> DEFAULTED_KEYS = List.of("required", "unique", "primaryKey",
            "primaryKeyPosition", "partitioned", "partitionKeyPosition", "criticalDataElement");

    /**
     * Normalises absent components to empty ones; a key position below 1 becomes -1.
     *
     * @throws IllegalArgumentException if {@code writtenDefaults} names a key not in
     *     {@link #DEFAULTED_KEYS}
     */
    public SchemaProperty {
        id = Texts.text(id);
        name = Texts.text(name);
        physicalName = Texts.text(physicalName);
        physicalType = Texts.text(physicalType);
        logicalType = Texts.text(logicalType);
        logicalTypeOptions = Texts.map(logicalTypeOptions);
        primaryKeyPosition = primaryKeyPosition < 1 ? -1 : primaryKeyPosition;
        partitionKeyPosition = partitionKeyPosition < 1 ? -1 : partitionKeyPosition;
        classification = Texts.text(classification);
        encryptedName = Texts.text(encryptedName);
        transformSourceObjects = Texts.list(transformSourceObjects);
        transformLogic = Texts.text(transformLogic);
        transformDescription = Texts.text(transformDescription);
        examples = examples == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(examples));
        description = Texts.text(description);
        businessName = Texts.text(businessName);
        tags = Texts.list(tags);
        items = items == null ? Optional.empty() : items;
        properties = Texts.list(properties);
        quality = Texts.list(quality);
        relationships = Texts.list(relationships);
        authoritativeDefinitions = Texts.list(authoritativeDefinitions);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
        writtenDefaults = writtenDefaults == null ? Set.of() : Set.copyOf(writtenDefaults);
        for (String key : writtenDefaults) {
            if (!DEFAULTED_KEYS.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is not a key with a default; use one of "
                        + DEFAULTED_KEYS);
            }
        }
    }

    /**
     * A property without written defaults, as built in code.
     *
     * @see #SchemaProperty(String, String, String, String, String, Map, boolean, boolean, boolean, int,
     *     boolean, int, String, boolean, String, List, String, String, List, String, String, List,
     *     Optional, List, List, List, List, List, Map, Set)
     */
    public SchemaProperty(String id, String name, String physicalName, String physicalType, String logicalType,
                          Map<String, Object> logicalTypeOptions, boolean required, boolean unique,
                          boolean primaryKey, int primaryKeyPosition, boolean partitioned, int partitionKeyPosition,
                          String classification, boolean criticalDataElement, String encryptedName,
                          List<String> transformSourceObjects, String transformLogic, String transformDescription,
                          List<Object> examples, String description, String businessName, List<String> tags,
                          Optional<SchemaProperty> items, List<SchemaProperty> properties,
                          List<QualityRule> quality, List<Relationship> relationships,
                          List<AuthoritativeDefinition> authoritativeDefinitions,
                          List<CustomProperty> customProperties, Map<String, Object> extensions) {
        this(id, name, physicalName, physicalType, logicalType, logicalTypeOptions, required, unique, primaryKey,
                primaryKeyPosition, partitioned, partitionKeyPosition, classification, criticalDataElement,
                encryptedName, transformSourceObjects, transformLogic, transformDescription, examples, description,
                businessName, tags, items, properties, quality, relationships, authoritativeDefinitions,
                customProperties, extensions, Set.of());
    }

    /**
     * @param name the property name
     * @param logicalType the ODCS logical type
     * @return a property with nothing else declared
     */
    public static SchemaProperty of(String name, String logicalType) {
        return new SchemaProperty("", name, "", "", logicalType, Map.of(), false, false, false, -1, false, -1, "",
                false, "", List.of(), "", "", List.of(), "", "", List.of(), Optional.empty(), List.of(), List.of(),
                List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * @param option a logical type option, such as {@code maxLength}
     * @return its value
     */
    public Optional<Object> option(String option) {
        return Optional.ofNullable(logicalTypeOptions.get(option));
    }
}
