package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The closed sets of ODCS v3.1 and v3.0.x, and the logical type options each type allows. */
final class Vocabulary {
    private Vocabulary() {
    }

    static final String KIND = "DataContract";
    static final List<String> LOGICAL_TYPES_V30 = List.of("string", "date", "number", "integer", "object", "array",
            "boolean");
    static final List<String> QUALITY_TYPES = List.of("text", "library", "sql", "custom");
    static final List<String> METRICS = List.of("nullValues", "missingValues", "invalidValues", "duplicateValues",
            "rowCount");
    static final List<String> DIMENSIONS = List.of("accuracy", "completeness", "conformity", "consistency", "coverage",
            "timeliness", "uniqueness");
    static final List<String> RELATIONSHIP_TYPES = List.of("foreignKey");
    /** Server types added in v3.1, unknown to v3.0.x. */
    static final List<String> SERVER_TYPES_NEW_IN_V31 = List.of("hive", "impala", "zen");
    static final List<String> INTEGER_FORMATS = List.of("i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64",
            "u128");
    static final List<String> NUMBER_FORMATS = List.of("f32", "f64");

    /** The fields each server type requires, as the ODCS v3.1.0 JSON schema says; other types need none. */
    static final Map<String, List<String>> SERVER_FIELDS_REQUIRED = Map.ofEntries(
            Map.entry("api", List.of("location")),
            Map.entry("athena", List.of("stagingDir", "schema")),
            Map.entry("azure", List.of("location", "format")),
            Map.entry("bigquery", List.of("project", "dataset")),
            Map.entry("clickhouse", List.of("host", "port", "database")),
            Map.entry("databricks", List.of("catalog", "schema")),
            Map.entry("denodo", List.of("host", "port")),
            Map.entry("dremio", List.of("host", "port")),
            Map.entry("duckdb", List.of("database")),
            Map.entry("glue", List.of("account", "database")),
            Map.entry("cloudsql", List.of("host", "port", "database", "schema")),
            Map.entry("db2", List.of("host", "port", "database")),
            Map.entry("hive", List.of("host", "database")),
            Map.entry("informix", List.of("host", "database")),
            Map.entry("kafka", List.of("host")),
            Map.entry("local", List.of("path", "format")),
            Map.entry("mysql", List.of("host", "port", "database")),
            Map.entry("oracle", List.of("host", "port", "serviceName")),
            Map.entry("postgresql", List.of("host", "port", "database", "schema")),
            Map.entry("postgres", List.of("host", "port", "database", "schema")),
            Map.entry("presto", List.of("host")),
            Map.entry("pubsub", List.of("project")),
            Map.entry("redshift", List.of("database", "schema")),
            Map.entry("s3", List.of("location")),
            Map.entry("sftp", List.of("location")),
            Map.entry("snowflake", List.of("account", "database", "schema")),
            Map.entry("sqlserver", List.of("host", "database", "schema")),
            Map.entry("synapse", List.of("host", "port", "database")),
            Map.entry("trino", List.of("host", "port", "catalog", "schema")),
            Map.entry("vertica", List.of("host", "port", "database", "schema")));

    /** How the value of a logical type option is checked. */
    enum Kind { TEXT, BOOLEAN, COUNT, NUMBER, POSITIVE_NUMBER, UNIQUE_TEXTS, INTEGER_FORMAT, NUMBER_FORMAT }

    static List<String> serverTypes(boolean v31) {
        return v31 ? Server.TYPES
                : Server.TYPES.stream().filter(t -> !SERVER_TYPES_NEW_IN_V31.contains(t)).toList();
    }

    /**
     * @param logicalType a logical type of ODCS
     * @param v31 whether the document is v3.1 (bounds are values) rather than v3.0 (exclusive
     *     bounds are booleans)
     * @return the options the type allows, by name, in the order of the standard
     */
    static Map<String, Kind> options(String logicalType, boolean v31) {
        Map<String, Kind> options = new LinkedHashMap<>();
        switch (logicalType) {
            case "string":
                options.put("minLength", Kind.COUNT);
                options.put("maxLength", Kind.COUNT);
                options.put("pattern", Kind.TEXT);
                options.put("format", Kind.TEXT);
                break;
            case "date":
            case "timestamp":
            case "time":
                options.put("format", Kind.TEXT);
                bounds(options, Kind.TEXT, v31);
                if (!logicalType.equals("date")) {
                    options.put("timezone", Kind.BOOLEAN);
                    options.put("defaultTimezone", Kind.TEXT);
                }
                break;
            case "integer":
            case "number":
                options.put("multipleOf", Kind.POSITIVE_NUMBER);
                bounds(options, Kind.NUMBER, v31);
                options.put("format", logicalType.equals("integer") ? Kind.INTEGER_FORMAT : Kind.NUMBER_FORMAT);
                break;
            case "object":
                options.put("minProperties", Kind.COUNT);
                options.put("maxProperties", Kind.COUNT);
                options.put("required", Kind.UNIQUE_TEXTS);
                break;
            case "array":
                options.put("minItems", Kind.COUNT);
                options.put("maxItems", Kind.COUNT);
                options.put("uniqueItems", Kind.BOOLEAN);
                break;
            default:
                break;
        }
        return options;
    }

    /** Bounds are values of the type; v3.0's exclusive bounds were flags modifying the others. */
    private static void bounds(Map<String, Kind> options, Kind bound, boolean v31) {
        options.put("minimum", bound);
        options.put("maximum", bound);
        options.put("exclusiveMinimum", v31 ? bound : Kind.BOOLEAN);
        options.put("exclusiveMaximum", v31 ? bound : Kind.BOOLEAN);
    }

    /** @return a message of the form {@code 'x' is not one of a, b, c} */
    static String notOneOf(String value, List<String> allowed) {
        return "'" + value + "' is not one of " + String.join(", ", allowed);
    }
}
