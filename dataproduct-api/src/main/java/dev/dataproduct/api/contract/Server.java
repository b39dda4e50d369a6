package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;

/**
 * Where the data of a contract is served ({@code servers} in ODCS). The fields that depend on the
 * server type (host, port, database, schema, location, format, ...) are kept in
 * {@link #properties()} as read.
 *
 * @param id a stable id; empty if none
 * @param server the server's name
 * @param type the server type, such as {@code postgres}, {@code s3} or {@code duckdb}
 * @param description what it is; empty if none
 * @param environment such as {@code prod}; empty if none
 * @param properties the type-specific fields, in document order
 * @param roles roles that apply on this server
 * @param customProperties further properties
 * @param extensions reserved for fields outside ODCS; type-specific fields go to {@code properties}
 */
public record Server(String id, String server, String type, String description, String environment,
                     Map<String, Object> properties, List<Role> roles, List<CustomProperty> customProperties,
                     Map<String, Object> extensions) {

    /** The server types of ODCS v3.1. */
    public static final List<String> TYPES = List.of("api", "athena", "azure", "bigquery", "clickhouse", "databricks",
            "denodo", "dremio", "duckdb", "glue", "cloudsql", "db2", "hive", "impala", "informix", "kafka", "kinesis",
            "local", "mysql", "oracle", "postgresql", "postgres", "presto", "pubsub", "redshift", "s3", "sftp",
            "snowflake", "sqlserver", "synapse", "trino", "vertica", "zen", "custom");

    /** The type-specific field names of ODCS v3.1 servers. */
    public static final List<String> TYPE_FIELDS = List.of("account", "catalog", "database", "dataset", "delimiter",
            "endpointUrl", "format", "host", "location", "path", "port", "project", "region", "regionName", "schema",
            "serviceName", "stagingDir", "warehouse", "stream");

    /** Normalises absent components to empty ones. */
    public Server {
        id = Texts.text(id);
        server = Texts.text(server);
        type = Texts.text(type);
        description = Texts.text(description);
        environment = Texts.text(environment);
        properties = Texts.map(properties);
        roles = Texts.list(roles);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }
}
