package dev.dataproduct.api.contract;

import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.Constraints;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps between the SDK's dataset schemas and the schema objects of an ODCS contract, both ways, so
 * that a product's schema and its contract are one truth.
 *
 * <p>From a field to a property: the ODCS {@code logicalType} of the field's type, its exact SDK
 * type name as {@code physicalType} ({@code int32}, {@code decimal(12,2)}, {@code timestamp_tz(ms)}),
 * {@code logicalTypeOptions} for integer and float widths ({@code format: i32}, {@code f64}), the
 * zone of timestamps ({@code timezone}), bounds ({@code minimum}, {@code maximum}), lengths
 * ({@code minLength}, {@code maxLength}; {@code minItems}, {@code maxItems} for arrays) and
 * {@code pattern}; allowed values as a library rule {@code invalidValues} with
 * {@code arguments.validValues} and {@code mustBe: 0}; the personal-data flag and the conformed key
 * as custom properties {@code personalData} and {@code conformedKey}.
 *
 * <p>From a property to a field: the {@code physicalType} when it is an SDK type name (a
 * {@code format} that says otherwise is a problem), otherwise the {@code logicalType} with its
 * options: {@code integer} is int8 to int64 by {@code format} as {@link #integerType(String)} says
 * (int32 when absent, the ODCS default), {@code number} is float32 or float64 by {@code format},
 * or a decimal when the physical type says {@code decimal(p,s)} or {@code numeric(p,s)};
 * {@code timestamp} has a zone unless {@code timezone: false}.
 *
 * <p>Integers follow one rule both ways: an SDK intN is {@code logicalType: integer} with
 * {@code format: iN}, and {@code integer} with format iN, or with no format, is intN, or int32.
 * The compatibility checker reads integer types by the same rule.
 */
public final class ContractSchemas {
    /** The custom property that marks personal data. */
    public static final String PERSONAL_DATA = "personalData";
    /** The custom property that names a field's conformed business key. */
    public static final String CONFORMED_KEY = "conformedKey";

    private ContractSchemas() {
    }

    /**
     * @param spec a dataset definition
     * @return the equivalent ODCS schema object
     */
    public static SchemaObject toSchemaObject(DatasetSpec spec) {
        List<SchemaProperty> properties = new ArrayList<>();
        for (Field f : spec.schema().fields()) {
            properties.add(toProperty(f));
        }
        return new SchemaObject("", spec.name(), "", "table", "object", spec.description(), "", "", List.of(),
                properties, List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * @param field a field
     * @return the equivalent ODCS property
     */
    public static SchemaProperty toProperty(Field field) {
        LogicalType type = field.type();
        Constraints c = field.constraints();
        Map<String, Object> options = new LinkedHashMap<>();
        if (type instanceof LogicalType.IntegerType t) {
            options.put("format", "i" + t.bitWidth()); // read back by integerType(format)
        } else if (type instanceof LogicalType.FloatingType t) {
            options.put("format", "f" + t.bitWidth());
        } else if (type instanceof LogicalType.TimestampType t) {
            options.put("timezone", t.withZone());
        }
        c.minimum().ifPresent(v -> options.put("minimum", bound(type, v)));
        c.maximum().ifPresent(v -> options.put("maximum", bound(type, v)));
        boolean array = type instanceof LogicalType.ArrayType;
        c.minLength().ifPresent(v -> options.put(array ? "minItems" : "minLength", v.longValue()));
        c.maxLength().ifPresent(v -> options.put(array ? "maxItems" : "maxLength", v.longValue()));
        c.pattern().ifPresent(v -> options.put("pattern", v));
        List<QualityRule> quality = new ArrayList<>();
        if (!c.allowedValues().isEmpty()) {
            quality.add(allowedValuesRule(c.allowedValues()));
        }
        List<CustomProperty> custom = new ArrayList<>();
        if (field.personalData()) {
            custom.add(CustomProperty.of(PERSONAL_DATA, true));
        }
        field.conformedKey().ifPresent(k -> custom.add(CustomProperty.of(CONFORMED_KEY, k)));
        Optional<SchemaProperty> items = Optional.empty();
        List<SchemaProperty> nested = new ArrayList<>();
        if (type instanceof LogicalType.ArrayType a) {
            items = Optional.of(element(a.elementType()));
        } else if (type instanceof LogicalType.StructType s) {
            s.fields().forEach(f -> nested.add(toProperty(f)));
        }
        return new SchemaProperty("", field.name(), "", type.typeName(), type.odcsLogicalType(), options,
                field.required(), false, field.isPrimaryKey(), field.isPrimaryKey() ? field.primaryKeyPosition() : -1,
                false, -1, field.classification().label(), false, "", List.of(), "", "",
                new ArrayList<>(field.examples()), field.description(), "", List.of(), items, nested, quality,
                List.of(), List.of(), custom, Map.of());
    }

    private static SchemaProperty element(LogicalType type) {
        SchemaProperty p = toProperty(Field.of("item", type, false));
        return new SchemaProperty(p.id(), "", p.physicalName(), p.physicalType(), p.logicalType(),
                p.logicalTypeOptions(), false, false, false, -1, false, -1, "", false, "", List.of(), "", "",
                List.of(), "", "", List.of(), p.items(), p.properties(), List.of(), List.of(), List.of(), List.of(),
                Map.of());
    }

    /**
     * @param values the allowed values, as text
     * @return the ODCS library rule that says no value is outside them
     */
    public static QualityRule allowedValuesRule(List<String> values) {
        return new QualityRule("", "", "", "library", "invalidValues", "",
                Map.of("validValues", List.copyOf(values)), "mustBe", Optional.of(0L), "", "", "", Optional.empty(),
                "conformity", "error", "", "", "", "", List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * The one rule from ODCS integer formats to SDK types, which the export follows the other way
     * ({@code format: "i" + bitWidth}).
     *
     * @param format the {@code format} option of an {@code integer} property; empty if none
     * @return int8, int16, int32 or int64 for {@code i8} to {@code i64}, int32 for no format (the
     *     ODCS default); empty for a format the SDK has no type for, such as {@code u16} or
     *     {@code i128}
     */
    public static Optional<LogicalType> integerType(String format) {
        switch (format) {
            case "i8": return Optional.of(LogicalType.INT8);
            case "i16": return Optional.of(LogicalType.INT16);
            case "":
            case "i32": return Optional.of(LogicalType.INT32);
            case "i64": return Optional.of(LogicalType.INT64);
            default: return Optional.empty();
        }
    }

    private static Object bound(LogicalType type, String text) {
        if (!type.isNumeric()) {
            return text;
        }
        BigDecimal d = new BigDecimal(text);
        try {
            return d.longValueExact();
        } catch (ArithmeticException notIntegral) {
            return d;
        }
    }

    /**
     * Reads a schema object as a dataset definition.
     *
     * @param object an ODCS schema object
     * @param problems where problems are added, each naming the object and property
     * @return the dataset, if the object had no problem
     */
    public static Optional<DatasetSpec> toDataset(SchemaObject object, List<String> problems) {
        int before = problems.size();
        String where = "schema object '" + object.name() + "'";
        String name = object.name().toLowerCase(Locale.ROOT).replace(' ', '_');
        DatasetSpec.Builder b = DatasetSpec.named(name).description(object.description());
        for (SchemaProperty p : object.properties()) {
            toField(where, p, problems).ifPresent(b::field);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        List<String> datasetProblems = b.problems();
        problems.addAll(datasetProblems);
        return datasetProblems.isEmpty() ? Optional.of(b.build()) : Optional.empty();
    }

    /**
     * Reads every schema object of a contract as a dataset definition.
     *
     * @param contract an ODCS contract
     * @param problems where problems are added
     * @return the datasets of the objects without problems, in contract order
     */
    public static List<DatasetSpec> toDatasets(DataContract contract, List<String> problems) {
        List<DatasetSpec> out = new ArrayList<>();
        for (SchemaObject o : contract.schema()) {
            toDataset(o, problems).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Reads a property as a field.
     *
     * @param where the object the property belongs to, for problems
     * @param p the property
     * @param problems where problems are added
     * @return the field, if the property had no problem
     */
    static Optional<Field> toField(String where, SchemaProperty p, List<String> problems) {
        String at = where + ", property '" + p.name() + "'";
        Optional<LogicalType> type = type(at, p, problems);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Field.Builder f = Field.builder(p.name(), type.get()).description(p.description());
        if (p.required()) {
            f.required();
        }
        if (p.primaryKey()) {
            if (p.primaryKeyPosition() > 0) {
                f.primaryKey(p.primaryKeyPosition());
            } else {
                f.primaryKey();
            }
        }
        if (!p.classification().isEmpty()) {
            try {
                f.classification(Classification.ofLabel(p.classification()));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        for (CustomProperty c : p.customProperties()) {
            if (c.property().equals(PERSONAL_DATA) && Boolean.TRUE.equals(c.value())) {
                f.personalData();
            } else if (c.property().equals(CONFORMED_KEY) && c.value() != null) {
                f.conformedKey(c.value().toString());
            }
        }
        Map<String, Object> o = p.logicalTypeOptions();
        option(o, "minimum").ifPresent(f::minimum);
        option(o, "maximum").ifPresent(f::maximum);
        integer(at, o, type.get() instanceof LogicalType.ArrayType ? "minItems" : "minLength", problems)
                .ifPresent(f::minLength);
        integer(at, o, type.get() instanceof LogicalType.ArrayType ? "maxItems" : "maxLength", problems)
                .ifPresent(f::maxLength);
        option(o, "pattern").ifPresent(v -> f.pattern(v.toString()));
        for (QualityRule q : p.quality()) {
            Object valid = q.arguments().get("validValues");
            if (q.metric().equals("invalidValues") && valid instanceof List<?> list
                    && q.operatorValue().map(v -> v instanceof Number n && n.doubleValue() == 0).orElse(false)) {
                f.allowedValues(list.stream().map(String::valueOf).toArray(String[]::new));
            }
        }
        f.examples(p.examples().stream().map(String::valueOf).toArray(String[]::new));
        return Optional.of(f.build());
    }

    private static Optional<Object> option(Map<String, Object> options, String key) {
        Object v = options.get(key);
        return v == null || v instanceof Boolean ? Optional.empty() : Optional.of(v);
    }

    private static Optional<Integer> integer(String at, Map<String, Object> options, String key, List<String> problems) {
        Object v = options.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0
                && n.longValue() <= Integer.MAX_VALUE) {
            return Optional.of(n.intValue());
        }
        problems.add(at + ": " + key + " must be a whole number from 0, not " + v);
        return Optional.empty();
    }

    private static Optional<LogicalType> type(String at, SchemaProperty p, List<String> problems) {
        if (!p.physicalType().isEmpty()) {
            try {
                LogicalType t = LogicalType.parse(p.physicalType());
                Object format = p.logicalTypeOptions().get("format");
                if (t instanceof LogicalType.IntegerType i && format != null && !format.equals("i" + i.bitWidth())) {
                    problems.add(at + ": physical type " + p.physicalType() + " and format " + format
                            + " disagree; an int" + i.bitWidth() + " has format i" + i.bitWidth());
                    return Optional.empty();
                }
                if (p.logicalType().isEmpty() || t.odcsLogicalType().equals(p.logicalType())) {
                    return Optional.of(t);
                }
                problems.add(at + ": physical type " + p.physicalType() + " is not of logical type " + p.logicalType());
                return Optional.empty();
            } catch (IllegalArgumentException notAnSdkTypeName) {
                // a store's own type name, such as VARCHAR(18): the logical type decides
            }
        }
        Object format = p.logicalTypeOptions().get("format");
        switch (p.logicalType()) {
            case "string": return Optional.of(LogicalType.STRING);
            case "boolean": return Optional.of(LogicalType.BOOLEAN);
            case "date": return Optional.of(LogicalType.DATE);
            case "time": return Optional.of(LogicalType.TIME);
            case "timestamp":
                return Optional.of(Boolean.FALSE.equals(p.logicalTypeOptions().get("timezone"))
                        ? LogicalType.TIMESTAMP : LogicalType.TIMESTAMP_TZ);
            case "integer": {
                Optional<LogicalType> integer = integerType(format == null ? "" : format.toString());
                if (integer.isEmpty()) {
                    problems.add(at + ": integer format '" + format + "' is not supported; use i8, i16, i32 or i64");
                }
                return integer;
            }
            case "number": {
                Optional<LogicalType> decimal = decimal(p.physicalType());
                if (decimal.isPresent()) {
                    return decimal;
                }
                return Optional.of("f32".equals(format) ? LogicalType.FLOAT32 : LogicalType.FLOAT64);
            }
            case "array": {
                if (p.items().isEmpty()) {
                    problems.add(at + ": an array property needs items");
                    return Optional.empty();
                }
                return type(at + "[]", p.items().get(), problems).map(LogicalType::arrayOf);
            }
            case "object": {
                List<Field> fields = new ArrayList<>();
                int before = problems.size();
                for (SchemaProperty child : p.properties()) {
                    toField(at, child, problems).ifPresent(fields::add);
                }
                if (problems.size() > before) {
                    return Optional.empty();
                }
                if (fields.isEmpty()) {
                    problems.add(at + ": an object property needs properties");
                    return Optional.empty();
                }
                try {
                    return Optional.of(new LogicalType.StructType(fields));
                } catch (IllegalArgumentException e) {
                    problems.add(at + ": " + e.getMessage());
                    return Optional.empty();
                }
            }
            case "":
                problems.add(at + ": no logicalType; say what the values are (string, integer, number, ...)");
                return Optional.empty();
            default:
                problems.add(at + ": logicalType '" + p.logicalType() + "' is not one of " + SchemaProperty.LOGICAL_TYPES);
                return Optional.empty();
        }
    }

    private static Optional<LogicalType> decimal(String physicalType) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?i)\\s*(?:decimal|numeric)\\s*\\(\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*\\)\\s*")
                .matcher(physicalType);
        if (m.matches()) {
            try {
                return Optional.of(LogicalType.decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

}
