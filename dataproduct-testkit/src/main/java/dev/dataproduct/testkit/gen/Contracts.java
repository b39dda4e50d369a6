package dev.dataproduct.testkit.gen;

import dev.dataproduct.api.contract.AuthoritativeDefinition;
import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.Price;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.Relationship;
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.Server;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.contract.SupportChannel;
import dev.dataproduct.api.contract.Team;
import dev.dataproduct.api.contract.TeamMember;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Generates random ODCS data contracts. {@link #contracts()} gives contracts that, written by the
 * ODCS codec, validate against the official ODCS v3.1.0 JSON schema: every section of the standard,
 * servers with the fields their type requires (and only fields their type allows), nested object
 * and array properties, logical types with options that fit them, quality rules of every type
 * with one operator (library rules name their metric), SLA properties, custom properties with
 * nested list and map values. {@link #withExtensions()} adds what the SDK reads and writes beyond
 * that schema: ids on elements, extension fields at every level, the v3.0 list form of a team,
 * v3.0 rules named by {@code rule} and boolean exclusive bounds. Free-form values follow the ODCS
 * codec's number rules (integers are {@code Long}, others {@code BigDecimal} with their scale), so
 * a generated contract can be written and read back equal. Shrinks by dropping schema objects,
 * properties and whole sections.
 *
 * <pre>{@code
 * PropertyRunner.forAll(Contracts.contracts())
 *     .check(c -> OdcsCodec.readYaml(OdcsCodec.toYaml(c)).equals(c));
 * }</pre>
 */
public final class Contracts {
    /** Text that trips naive YAML writers: numbers, booleans, nulls, markers, blocks and blanks. */
    private static final List<String> TRICKY = List.of("1E3", "0x1F", "1_000", ".inf", "-.5", "+7", "012", "1.0",
            "yes", "No", "off", "null", "~", "true", "2022-08-02", "09:00-08:00", "2022-11-15T02:59:43+00:00",
            " padded ", "a: b", "- item", "#hash", "'quoted'", "\"double\"", "multi\nline\n", "two\n\n",
            "no newline\nat end", "  indented\nblock", "tab\there", "{curly}", "[square]", "&anchor", "*alias",
            "!tag", "%percent", "@at", "`tick", "Zürich ✓ 東京", "back\\slash", "?", ":", "-", "<<", "=");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz_";
    /**
     * The fields each server type of the official JSON schema allows, the required ones
     * capitalised. Its schema allows no others, so a server of a type never has another's fields.
     */
    private static final Map<String, List<String>> SERVER_FIELDS = serverFields();

    private Contracts() {
    }

    private static Map<String, List<String>> serverFields() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("api", List.of("Location"));
        f.put("athena", List.of("StagingDir", "Schema", "catalog", "regionName"));
        f.put("azure", List.of("Location", "Format", "delimiter"));
        f.put("bigquery", List.of("Project", "Dataset"));
        f.put("clickhouse", List.of("Host", "Port", "Database"));
        f.put("databricks", List.of("Catalog", "Schema", "host"));
        f.put("denodo", List.of("Host", "Port", "database"));
        f.put("dremio", List.of("Host", "Port", "schema"));
        f.put("duckdb", List.of("Database"));
        f.put("glue", List.of("Account", "Database", "location", "format"));
        f.put("cloudsql", List.of("Host", "Port", "Database", "Schema"));
        f.put("db2", List.of("Host", "Port", "Database", "schema"));
        f.put("hive", List.of("Host", "Database", "port"));
        f.put("informix", List.of("Host", "Database", "port"));
        f.put("custom", List.of("account", "catalog", "database", "dataset", "delimiter", "endpointUrl", "format",
                "host", "location", "path", "port", "project", "region", "regionName", "schema", "serviceName",
                "stagingDir", "warehouse"));
        f.put("kafka", List.of("Host", "format"));
        f.put("kinesis", List.of("region", "format"));
        f.put("local", List.of("Path", "Format"));
        f.put("mysql", List.of("Host", "Port", "Database"));
        f.put("oracle", List.of("Host", "Port", "ServiceName"));
        f.put("postgresql", List.of("Host", "Port", "Database", "Schema"));
        f.put("postgres", List.of("Host", "Port", "Database", "Schema"));
        f.put("presto", List.of("Host", "catalog", "schema"));
        f.put("pubsub", List.of("Project"));
        f.put("redshift", List.of("Database", "Schema", "host", "region", "account"));
        f.put("s3", List.of("Location", "endpointUrl", "format", "delimiter"));
        f.put("sftp", List.of("Location", "format", "delimiter"));
        f.put("snowflake", List.of("Account", "Database", "Schema", "host", "port", "warehouse"));
        f.put("sqlserver", List.of("Host", "Database", "Schema", "port"));
        f.put("synapse", List.of("Host", "Port", "Database"));
        f.put("trino", List.of("Host", "Port", "Catalog", "Schema"));
        f.put("vertica", List.of("Host", "Port", "Database", "Schema"));
        return f;
    }

    /** @return v3.1.0 contracts mostly, v3.0.x ones sometimes, valid by the official JSON schema */
    public static Gen<DataContract> contracts() {
        return of(Contracts::someVersion, true);
    }

    /**
     * @return contracts as {@link #contracts()} with ids on elements, extension fields, v3.0 team
     *     lists, rules and exclusive bounds: what the codec round-trips beyond the official schema
     */
    public static Gen<DataContract> withExtensions() {
        return of(Contracts::someVersion, false);
    }

    private static String someVersion(Random random) {
        return random.nextInt(4) == 0
                ? DataContract.API_VERSIONS.get(1 + random.nextInt(DataContract.API_VERSIONS.size() - 1))
                : DataContract.CURRENT_API_VERSION;
    }

    /**
     * @param apiVersion one of {@link DataContract#API_VERSIONS}
     * @return contracts of that version, valid by the official JSON schema
     * @throws IllegalArgumentException for a version the codec does not read
     */
    public static Gen<DataContract> contracts(String apiVersion) {
        if (!DataContract.API_VERSIONS.contains(apiVersion)) {
            throw new IllegalArgumentException("not a readable ODCS version: " + apiVersion);
        }
        return of(random -> apiVersion, true);
    }

    private static Gen<DataContract> of(Function<Random, String> apiVersion, boolean official) {
        return new Gen<>() {
            @Override
            public DataContract generate(Random random) {
                return new Builder(random, apiVersion.apply(random), official).contract();
            }

            @Override
            public Stream<DataContract> shrink(DataContract value) {
                return Contracts.shrink(value);
            }
        };
    }

    /** Builds one contract from one source of randomness. */
    private static final class Builder {
        private final Random r;
        private final String apiVersion;
        private final boolean v31;
        /** Whether to stay within the official JSON schema rather than use all the codec keeps. */
        private final boolean official;

        Builder(Random random, String apiVersion, boolean official) {
            this.r = random;
            this.apiVersion = apiVersion;
            this.v31 = apiVersion.equals(DataContract.CURRENT_API_VERSION);
            this.official = official;
        }

        DataContract contract() {
            return new DataContract(apiVersion, "DataContract", word() + "-" + r.nextInt(1000), semver(),
                    pick("draft", "active", "deprecated", "retired", "proposed"), maybe(this::text), maybe(this::word),
                    maybe(this::text), maybe(this::word), texts(), description(), uniqueNames(0, 3, this::object),
                    list(0, 3, this::server), list(0, 2, this::role), chance(2) ? Optional.of(team()) : Optional.empty(),
                    list(0, 2, this::support), chance(2) ? Optional.of(price()) : Optional.empty(),
                    list(0, 4, this::sla), maybe(() -> "t.c"), customProperties(), definitions(),
                    maybe(() -> "2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T10:00:00Z"), extensions());
        }

        private ContractDescription description() {
            return chance(3) ? ContractDescription.EMPTY : new ContractDescription(maybe(this::text),
                    maybe(this::text), maybe(this::text), definitions(), customProperties(), extensions());
        }

        private SchemaObject object(String name) {
            List<SchemaProperty> properties = uniqueNames(0, 5, n -> property(n, 2));
            List<SchemaProperty> keyed = new ArrayList<>();
            int position = 1;
            for (SchemaProperty p : properties) {
                keyed.add(p.primaryKey() ? withKeyPosition(p, position++) : p);
            }
            return new SchemaObject(id(), name, maybe(this::word), maybe(() -> pick("table", "view", "topic", "file")),
                    chance(2) ? "object" : "", maybe(this::text), maybe(this::text), maybe(this::text), texts(),
                    keyed, list(0, 3, () -> quality(true)), list(0, 2, () -> relationship(true)), definitions(),
                    customProperties(), extensions());
        }

        private SchemaProperty property(String name, int depth) {
            List<String> types = new ArrayList<>(v31 ? SchemaProperty.LOGICAL_TYPES
                    : List.of("string", "date", "number", "integer", "object", "array", "boolean"));
            if (depth == 0) {
                types.removeAll(List.of("object", "array"));
            }
            String type = chance(8) ? "" : types.get(r.nextInt(types.size()));
            boolean key = chance(4);
            Optional<SchemaProperty> items = type.equals("array") && chance(2)
                    ? Optional.of(property("", depth - 1)) : Optional.empty();
            List<SchemaProperty> nested = type.equals("object") ? uniqueNames(0, 3, n -> property(n, depth - 1))
                    : List.of();
            return new SchemaProperty(id(), name, maybe(this::word), maybe(() -> pick("VARCHAR(18)", "INT", "DOUBLE")),
                    type, type.isEmpty() ? Map.of() : options(type), chance(2), chance(4), key, -1, chance(5),
                    chance(5) ? 1 + r.nextInt(3) : -1, maybe(() -> pick("public", "restricted", "confidential")),
                    chance(5), maybe(this::word), texts(), maybe(this::text), maybe(this::text),
                    list(0, 3, () -> value(1)), maybe(this::text), maybe(this::text), texts(), items, nested,
                    list(0, 2, () -> quality(false)), list(0, 1, () -> relationship(false)), definitions(),
                    customProperties(), extensions());
        }

        private static SchemaProperty withKeyPosition(SchemaProperty p, int position) {
            return new SchemaProperty(p.id(), p.name(), p.physicalName(), p.physicalType(), p.logicalType(),
                    p.logicalTypeOptions(), p.required(), p.unique(), true, position, p.partitioned(),
                    p.partitionKeyPosition(), p.classification(), p.criticalDataElement(), p.encryptedName(),
                    p.transformSourceObjects(), p.transformLogic(), p.transformDescription(), p.examples(),
                    p.description(), p.businessName(), p.tags(), p.items(), p.properties(), p.quality(),
                    p.relationships(), p.authoritativeDefinitions(), p.customProperties(), p.extensions());
        }

        /** Options that fit the type, each present or not. */
        private Map<String, Object> options(String type) {
            Map<String, Object> o = new LinkedHashMap<>();
            switch (type) {
                case "string":
                    put(o, "minLength", (long) r.nextInt(3));
                    put(o, "maxLength", 3L + r.nextInt(100));
                    put(o, "pattern", "^[A-Z]{2}-\\d+$");
                    put(o, "format", pick("email", "uuid", "uri"));
                    break;
                case "date":
                case "timestamp":
                case "time":
                    put(o, "format", pick("yyyy-MM-dd", "HH:mm", "yyyy-MM-dd'T'HH:mm:ss"));
                    put(o, "minimum", "2020-01-01");
                    put(o, "maximum", "2030-12-31");
                    if (v31 || !official) {
                        put(o, "exclusiveMinimum", v31 ? "2019-12-31" : r.nextBoolean());
                        put(o, "exclusiveMaximum", v31 ? "2031-01-01" : r.nextBoolean());
                    }
                    if (!type.equals("date")) {
                        put(o, "timezone", r.nextBoolean());
                        put(o, "defaultTimezone", pick("Etc/UTC", "Europe/Paris"));
                    }
                    break;
                case "integer":
                case "number":
                    put(o, "multipleOf", type.equals("integer") ? (Object) (1L + r.nextInt(5)) : fraction().abs());
                    put(o, "minimum", number());
                    put(o, "maximum", number());
                    if (v31 || !official) {
                        put(o, "exclusiveMinimum", v31 ? number() : r.nextBoolean());
                        put(o, "exclusiveMaximum", v31 ? number() : r.nextBoolean());
                    }
                    put(o, "format", type.equals("integer") ? pick("i8", "i32", "i64", "u128") : pick("f32", "f64"));
                    break;
                case "object":
                    put(o, "minProperties", (long) r.nextInt(2));
                    put(o, "maxProperties", 2L + r.nextInt(5));
                    put(o, "required", List.of("a", "b").subList(0, 1 + r.nextInt(2)));
                    break;
                case "array":
                    put(o, "minItems", (long) r.nextInt(2));
                    put(o, "maxItems", 2L + r.nextInt(9));
                    put(o, "uniqueItems", r.nextBoolean());
                    break;
                default:
                    break;
            }
            return o;
        }

        private void put(Map<String, Object> options, String key, Object value) {
            if (chance(3)) {
                options.put(key, value);
            }
        }

        private QualityRule quality(boolean onObject) {
            int kind = r.nextInt(4);
            String type = "";
            String metric = "";
            String rule = "";
            Map<String, Object> arguments = Map.of();
            String query = "";
            String engine = "";
            Optional<Object> implementation = Optional.empty();
            boolean operand = true;
            switch (kind) {
                case 0:
                    type = pick("library", "");
                    if (v31 || official || chance(2)) {
                        metric = onObject ? pick("rowCount", "duplicateValues")
                                : pick("nullValues", "missingValues", "invalidValues", "duplicateValues");
                        arguments = arguments(metric);
                    } else {
                        rule = pick("duplicateCount", "validValues", "rowCount");
                    }
                    break;
                case 1:
                    type = "sql";
                    query = pick("SELECT COUNT(*) FROM {object}", "SELECT COUNT(*) FROM {object}\nWHERE {property} IS NULL\n");
                    break;
                case 2:
                    type = "custom";
                    engine = pick("soda", "great-expectations", "dbt");
                    implementation = Optional.of(chance(2) ? text() : Map.of("check", word(), "limit", number()));
                    operand = false;
                    break;
                default:
                    type = "text";
                    operand = false;
                    break;
            }
            String operator = operand ? QualityRule.OPERATORS.get(r.nextInt(QualityRule.OPERATORS.size())) : "";
            Optional<Object> value = operand ? Optional.ofNullable(operand(operator)) : Optional.empty();
            return new QualityRule(id(), maybe(this::word), type.equals("text") ? text() : maybe(this::text), type,
                    metric, rule, arguments, operator, value, maybe(() -> pick("rows", "percent")), query, engine,
                    implementation, maybe(() -> pick("accuracy", "completeness", "conformity", "consistency",
                            "coverage", "timeliness", "uniqueness")), maybe(() -> pick("error", "warning", "info")),
                    maybe(() -> pick("operational", "regulatory")), maybe(() -> "reconciliation"),
                    maybe(() -> "0 20 * * *"), maybe(() -> "cron"), texts(), definitions(), customProperties(),
                    extensions());
        }

        private Map<String, Object> arguments(String metric) {
            switch (metric) {
                case "missingValues":
                    return Map.of("missingValues", Arrays.asList(null, "", "N/A"));
                case "invalidValues":
                    return chance(2) ? Map.of("validValues", List.of(word(), word())) : Map.of("pattern", "^[a-z]+$");
                case "duplicateValues":
                    return chance(2) ? Map.of("properties", List.of(word(), word())) : Map.of();
                default:
                    return Map.of();
            }
        }

        private Object operand(String operator) {
            if (operator.endsWith("Between")) {
                long low = r.nextInt(100) - 50L;
                return List.of(low, chance(2) ? (Object) (low + 1 + r.nextInt(100)) : new BigDecimal((low + 1) + ".5"));
            }
            return operator.startsWith("mustBe") && !operator.equals("mustBe") ? number() : value(1);
        }

        private Relationship relationship(boolean onObject) {
            int size = onObject ? 1 + r.nextInt(2) : 1;
            List<String> from = onObject ? refs(size) : List.of();
            return new Relationship(id(), maybe(() -> "foreignKey"), from, refs(size), customProperties(),
                    extensions());
        }

        private List<String> refs(int size) {
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                refs.add(word() + "." + word());
            }
            return refs;
        }

        private Server server() {
            List<String> types = new ArrayList<>(SERVER_FIELDS.keySet());
            if (!official && v31) {
                types.addAll(List.of("impala", "zen")); // in the standard's prose, not yet in its schema
            }
            if (!v31) {
                types.removeAll(List.of("hive", "impala", "zen"));
            }
            String type = types.get(r.nextInt(types.size()));
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> fields = SERVER_FIELDS.getOrDefault(type, List.of());
            for (String field : fields) {
                boolean required = Character.isUpperCase(field.charAt(0));
                String key = Character.toLowerCase(field.charAt(0)) + field.substring(1);
                if (required || chance(3)) {
                    properties.put(key, serverValue(type, key));
                }
            }
            return new Server(id(), word(), type, maybe(this::text), maybe(() -> pick("prod", "dev", "uat")),
                    properties, list(0, 1, this::role), customProperties(), extensions());
        }

        /** A value of the field's type; a URL where the schema says uri. */
        private Object serverValue(String type, String field) {
            switch (field) {
                case "port":
                    return 1L + r.nextInt(65535);
                case "location":
                    return switch (type) {
                        case "s3", "glue" -> "s3://" + word() + "/" + word() + "/*.parquet";
                        case "sftp" -> "sftp://10.0.0." + r.nextInt(255) + "/" + word();
                        case "azure" -> "abfss://" + word() + ".dfs.core.windows.net/" + word();
                        default -> "https://" + word() + ".example.com/" + word();
                    };
                case "endpointUrl":
                    return "https://" + word() + ".example.com";
                case "stagingDir":
                    return "s3://" + word() + "/staging";
                default:
                    return text();
            }
        }

        private Role role() {
            return new Role(id(), word(), maybe(this::text), maybe(() -> pick("read", "write")), maybe(this::text),
                    maybe(this::text), customProperties(), extensions());
        }

        private Team team() {
            List<TeamMember> members = list(0, 3, this::member);
            if (!official && chance(3)) {
                return new Team("", "", "", members, List.of(), List.of(), List.of(), true, Map.of());
            }
            return new Team(id(), maybe(this::text), maybe(this::text), members, texts(), definitions(),
                    customProperties(), false, extensions());
        }

        private TeamMember member() {
            return new TeamMember(id(), word(), maybe(this::text), maybe(this::text), maybe(() -> pick("owner", "steward")),
                    maybe(() -> "2022-08-0" + (1 + r.nextInt(9))), maybe(() -> "2023-01-15"), maybe(this::word),
                    texts(), definitions(), customProperties(), extensions());
        }

        private SupportChannel support() {
            return new SupportChannel(id(), word(),
                    v31 ? maybe(() -> "https://help.example.com/" + word()) : "mailto:" + word() + "@example.com",
                    maybe(this::text), maybe(() -> pick("slack", "email", "teams", "googlechat")),
                    maybe(() -> pick("interactive", "announcements", "issues")), maybe(() -> "https://join.example.com"),
                    customProperties(), extensions());
        }

        private Price price() {
            Optional<BigDecimal> amount = chance(4) ? Optional.empty()
                    : Optional.of(chance(2) ? BigDecimal.valueOf(r.nextInt(1000)) : fraction());
            return new Price(id(), amount, maybe(() -> pick("USD", "EUR")), maybe(() -> pick("megabyte", "month")),
                    extensions());
        }

        private SlaProperty sla() {
            return new SlaProperty(id(), pick("latency", "retention", "frequency", "availability", "endOfLife",
                    "timeOfAvailability", "timeToRepair"), Optional.of(scalar()),
                    chance(3) ? Optional.of(scalar()) : Optional.empty(), maybe(() -> pick("d", "y", "h", "percent")),
                    maybe(() -> word() + "." + word()), maybe(() -> pick("regulatory", "analytics", "operational")),
                    maybe(this::text), maybe(() -> "cron"), maybe(() -> "0 0 * * *"), extensions());
        }

        private List<CustomProperty> customProperties() {
            if (!chance(3)) {
                return List.of();
            }
            return list(1, 3, () -> new CustomProperty(id(), word(), value(2), maybe(this::text), extensions()));
        }

        private List<AuthoritativeDefinition> definitions() {
            if (!chance(4)) {
                return List.of();
            }
            return list(1, 2, () -> new AuthoritativeDefinition(id(), pick("businessDefinition", "tutorial",
                    "implementation"), "https://example.com/" + word(), maybe(this::text), extensions()));
        }

        private Map<String, Object> extensions() {
            if (official || !chance(4)) {
                return Map.of();
            }
            Map<String, Object> ext = new LinkedHashMap<>();
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                ext.put("x-" + word(), value(2));
            }
            return ext;
        }

        /** A free-form value: text, numbers, booleans, null, and lists and maps of them. */
        private Object value(int depth) {
            switch (r.nextInt(depth > 0 ? 8 : 6)) {
                case 0: return text();
                case 1: return (long) r.nextInt(2001) - 1000;
                case 2: return chance(4) ? beyondLong() : fraction();
                case 3: return r.nextBoolean();
                case 4: return null;
                case 5: return chance(3) ? Long.MIN_VALUE + r.nextInt(3) : r.nextLong();
                case 6: {
                    List<Object> list = new ArrayList<>();
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth - 1));
                    }
                    return list;
                }
                default: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        map.put(chance(4) ? pick(TRICKY) : word(), value(depth - 1));
                    }
                    return map;
                }
            }
        }

        private Object scalar() {
            switch (r.nextInt(4)) {
                case 0: return text();
                case 1: return (long) r.nextInt(1000);
                case 2: return fraction();
                default: return r.nextBoolean();
            }
        }

        /** An integral number beyond the long range, which the codec keeps as a BigDecimal of scale 0. */
        private BigDecimal beyondLong() {
            BigInteger big = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(1L + r.nextInt(1_000_000)));
            return new BigDecimal(r.nextBoolean() ? big : big.negate().subtract(BigInteger.ONE));
        }

        private Object number() {
            return chance(2) ? (Object) ((long) r.nextInt(2001) - 1000) : fraction();
        }

        /** A decimal with a fraction, which the codec keeps as a BigDecimal of the same scale. */
        private BigDecimal fraction() {
            int scale = 1 + r.nextInt(4);
            long unscaled = (r.nextInt(200_000) - 100_000) * 10L + 1 + r.nextInt(9);
            return BigDecimal.valueOf(unscaled, scale);
        }

        private String semver() {
            return r.nextInt(4) + "." + r.nextInt(20) + "." + r.nextInt(10);
        }

        private String word() {
            int n = 1 + r.nextInt(8);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            return sb.toString();
        }

        private String text() {
            return chance(3) ? pick(TRICKY) : word() + " " + word();
        }

        private List<String> texts() {
            return chance(3) ? list(1, 3, this::text) : List.of();
        }

        /** An id unique within its list, or none. */
        private String id() {
            return !official && chance(4) ? "id_" + Long.toHexString(r.nextLong()) : "";
        }

        private String maybe(Supplier<String> text) {
            return r.nextBoolean() ? text.get() : "";
        }

        private boolean chance(int oneIn) {
            return r.nextInt(oneIn) == 0;
        }

        private String pick(String... choices) {
            return choices[r.nextInt(choices.length)];
        }

        private String pick(List<String> choices) {
            return choices.get(r.nextInt(choices.size()));
        }

        private <T> List<T> list(int min, int max, Supplier<T> element) {
            int n = min + r.nextInt(max - min + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(element.get());
            }
            return out;
        }

        /** Elements named {@code <word>_<index>}, so names never repeat within the list. */
        private <T> List<T> uniqueNames(int min, int max, Function<String, T> element) {
            int n = min + r.nextInt(max - min + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(element.apply(word() + "_" + i));
            }
            return out;
        }
    }

    /** Smaller contracts: fewer schema objects or properties, or one section emptied. */
    private static Stream<DataContract> shrink(DataContract c) {
        Stream<DataContract> schemas = Shrinking.list(c.schema(), 0, Contracts::shrinkObject)
                .map(schema -> copy(c, schema, c.extensions(), c.customProperties(), c.slaProperties()));
        Stream<DataContract> sections = Stream.of(
                        copy(c, c.schema(), Map.of(), c.customProperties(), c.slaProperties()),
                        copy(c, c.schema(), c.extensions(), List.of(), c.slaProperties()),
                        copy(c, c.schema(), c.extensions(), c.customProperties(), List.of()),
                        new DataContract(c.apiVersion(), c.kind(), c.id(), c.version(), c.status(), "", "", "", "",
                                List.of(), ContractDescription.EMPTY, c.schema(), List.of(), List.of(),
                                Optional.empty(), List.of(), Optional.empty(), c.slaProperties(), "",
                                c.customProperties(), List.of(), "", c.extensions()))
                .filter(smaller -> !smaller.equals(c));
        return Stream.concat(schemas, sections);
    }

    private static DataContract copy(DataContract c, List<SchemaObject> schema, Map<String, Object> extensions,
                                     List<CustomProperty> customProperties, List<SlaProperty> sla) {
        return new DataContract(c.apiVersion(), c.kind(), c.id(), c.version(), c.status(), c.name(), c.domain(),
                c.dataProduct(), c.tenant(), c.tags(), c.description(), schema, c.servers(), c.roles(), c.team(),
                c.support(), c.price(), sla, c.slaDefaultElement(), customProperties, c.authoritativeDefinitions(),
                c.contractCreatedTs(), extensions);
    }

    private static Stream<SchemaObject> shrinkObject(SchemaObject o) {
        // dropping a property may leave a gap in the key positions, which the codec allows
        return Shrinking.list(o.properties(), 0, p -> Stream.<SchemaProperty>empty())
                .map(properties -> new SchemaObject(o.id(), o.name(), o.physicalName(), o.physicalType(),
                        o.logicalType(), o.description(), o.businessName(), o.dataGranularityDescription(), o.tags(),
                        properties, List.of(), List.of(), o.authoritativeDefinitions(), o.customProperties(),
                        o.extensions()));
    }
}
