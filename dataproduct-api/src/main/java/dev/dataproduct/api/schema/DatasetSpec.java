package dev.dataproduct.api.schema;

import dev.dataproduct.api.error.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The definition of a named dataset of a product: its name, what it holds, and its schema.
 *
 * <pre>{@code
 * DatasetSpec purchases = DatasetSpec.named("purchases")
 *     .description("One row per purchased SKU.")
 *     .field("purchase_id", LogicalType.STRING, f -> f.required().primaryKey())
 *     .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000))
 *     .build();
 * }</pre>
 *
 * <p>A run fails, committing nothing, when more than {@link #maxQuarantinedShare()} of a
 * dataset's rows are quarantined ({@value #DEFAULT_MAX_QUARANTINED_SHARE} by default): so many bad
 * rows say that the delivery or the transform is broken, and publishing the rest would hide it.
 *
 * @param name the dataset name, unique within its product: lower-case letters, digits,
 *     {@code -} and {@code _}, starting with a letter
 * @param description what one row of the dataset stands for; empty if not described
 * @param schema the fields
 * @param maxQuarantinedShare the largest share of the dataset's rows, from 0 to 1, that a run may
 *     quarantine and still commit; exactly this share still commits
 * @param updateMode how a run changes the previous snapshot's rows: replace (the default),
 *     append, or upsert by primary key
 */
public record DatasetSpec(String name, String description, Schema schema, double maxQuarantinedShare,
                          UpdateMode updateMode) {

    /** The share of rows a run may quarantine unless a dataset says otherwise: 10%. */
    public static final double DEFAULT_MAX_QUARANTINED_SHARE = 0.10;

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the name is not valid or the share is not from 0 to 1
     */
    public DatasetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schema, "schema");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("dataset name '" + name + "' must be lower-case letters, digits, "
                    + "'-' or '_', starting with a letter");
        }
        String shareProblem = shareProblem(maxQuarantinedShare);
        if (shareProblem != null) {
            throw new IllegalArgumentException("dataset '" + name + "': " + shareProblem);
        }
        updateMode = updateMode == null ? UpdateMode.replace() : updateMode;
        List<String> modeProblems = modeProblems(updateMode, schema);
        if (!modeProblems.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name + "': " + String.join("; ", modeProblems));
        }
    }

    /**
     * A dataset whose runs replace every row.
     *
     * @param name the dataset name
     * @param description what one row stands for
     * @param schema the fields
     * @param maxQuarantinedShare the largest share of rows a run may quarantine and still commit
     */
    public DatasetSpec(String name, String description, Schema schema, double maxQuarantinedShare) {
        this(name, description, schema, maxQuarantinedShare, UpdateMode.replace());
    }

    private static List<String> modeProblems(UpdateMode mode, Schema schema) {
        List<String> problems = new ArrayList<>();
        if (mode.kind() == UpdateMode.Kind.UPSERT && schema.primaryKey().isEmpty()) {
            problems.add("an upsert needs a primary key: mark its fields with primaryKey()");
        }
        mode.deleteMarker().ifPresent(marker -> {
            Optional<Field> field = schema.fields().stream().filter(f -> f.name().equals(marker)).findFirst();
            if (field.isEmpty() || field.get().type() != LogicalType.BOOLEAN) {
                problems.add("the delete marker '" + marker + "' must be a BOOLEAN field of the dataset");
            } else if (field.get().primaryKeyPosition() > 0) {
                problems.add("the delete marker '" + marker + "' cannot be part of the primary key");
            }
        });
        mode.events().ifPresent(events -> {
            if (schema.primaryKey().size() != 1) {
                problems.add("events need a one-field primary key, their id: mark it with primaryKey()");
            }
            Optional<Field> time = schema.field(events.eventTime());
            if (time.isEmpty() || !(time.get().type() instanceof LogicalType.TimestampType)
                    || !time.get().required()) {
                problems.add("the event time '" + events.eventTime() + "' must be a required TIMESTAMP or "
                        + "TIMESTAMP_TZ field of the dataset");
            }
        });
        return problems;
    }

    /**
     * A dataset that may quarantine up to {@value #DEFAULT_MAX_QUARANTINED_SHARE} of its rows.
     *
     * @param name the dataset name
     * @param description what one row stands for
     * @param schema the fields
     */
    public DatasetSpec(String name, String description, Schema schema) {
        this(name, description, schema, DEFAULT_MAX_QUARANTINED_SHARE);
    }

    private static String shareProblem(double share) {
        if (share >= 0 && share <= 1) {
            return null;
        }
        return "maxQuarantinedShare " + share + " must be from 0 to 1, a share of the rows (0.25 for 25%)";
    }

    /**
     * Starts the definition of a dataset.
     *
     * @param name the dataset name
     * @return a builder
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds a {@link DatasetSpec}, collecting every problem before it reports them. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private final List<Field.Builder> fields = new ArrayList<>();
        private final List<String> declaredKey = new ArrayList<>();
        private UpdateMode updateMode = UpdateMode.replace();
        private double maxQuarantinedShare = DEFAULT_MAX_QUARANTINED_SHARE;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** @return the name of the dataset being defined */
        public String name() {
            return name;
        }

        /**
         * @param text what one row of the dataset stands for
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * Sets the largest share of the dataset's rows a run may quarantine and still commit. Rows an
         * input could not read count as rows of every dataset whose transform reads that input.
         *
         * @param share from 0 (no row may be quarantined) to 1 (any number may); exactly this share
         *     still commits; {@value #DEFAULT_MAX_QUARANTINED_SHARE} by default
         * @return this builder; {@link #build()} reports a share outside 0 to 1
         */
        public Builder maxQuarantinedShare(double share) {
            this.maxQuarantinedShare = share;
            return this;
        }

        /**
         * Adds a nullable field with no constraints.
         *
         * @param fieldName the field name
         * @param type the logical type
         * @return this builder
         */
        public Builder field(String fieldName, LogicalType type) {
            return field(fieldName, type, f -> { });
        }

        /**
         * Adds a field and configures it.
         *
         * @param fieldName the field name
         * @param type the logical type
         * @param config sets what the field requires, for example {@code f -> f.required().range(1, 9)}
         * @return this builder
         */
        public Builder field(String fieldName, LogicalType type, Consumer<Field.Builder> config) {
            fields.add(Field.Builder.configure(fieldName, type, config));
            return this;
        }

        /**
         * Adds a field built elsewhere.
         *
         * @param field the field
         * @return this builder
         */
        public Builder field(Field field) {
            fields.add(field.toBuilder());
            return this;
        }

        /**
         * Says how a run changes the previous snapshot's rows; replace unless set.
         *
         * @param mode replace, append, or upsert (with an optional delete marker)
         * @return this builder
         */
        public Builder updateMode(UpdateMode mode) {
            this.updateMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Declares the primary key by field names, in key order, as an alternative to marking each
         * field with {@link Field.Builder#primaryKey()}. The named fields become required.
         *
         * @param fieldNames the key fields, in order
         * @return this builder
         */
        public Builder primaryKey(String... fieldNames) {
            declaredKey.clear();
            declaredKey.addAll(List.of(fieldNames));
            return this;
        }

        /**
         * Every problem {@link #build()} would report, each naming the dataset and field.
         *
         * @return the problems; empty if the definition is valid
         */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            String where = "dataset '" + name + "'";
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ": the name must be lower-case letters, digits, '-' or '_', starting with a letter");
            }
            if (fields.isEmpty()) {
                problems.add(where + ": declares no fields; add at least one with field(name, type)");
            }
            String shareProblem = shareProblem(maxQuarantinedShare);
            if (shareProblem != null) {
                problems.add(where + ": " + shareProblem);
            }
            Set<String> names = new LinkedHashSet<>();
            Map<Integer, String> keyPositions = new HashMap<>();
            for (Field.Builder f : fields) {
                String fieldWhere = where + ", field '" + f.name() + "'";
                if (!names.add(f.name())) {
                    problems.add(fieldWhere + ": declared more than once");
                }
                if (!FIELD_NAME.matcher(f.name()).matches()) {
                    problems.add(fieldWhere + ": a field name must be letters, digits and '_', not starting with a digit");
                }
                try {
                    Field built = f.buildWithKeyPosition(Math.max(f.primaryKeyPosition(), 0));
                    problems.addAll(ConstraintCheck.problems(fieldWhere, built));
                } catch (IllegalArgumentException e) {
                    problems.add(fieldWhere + ": " + e.getMessage());
                }
                if (f.primaryKeyPosition() > 0) {
                    String other = keyPositions.put(f.primaryKeyPosition(), f.name());
                    if (other != null) {
                        problems.add(fieldWhere + ": primary key position " + f.primaryKeyPosition()
                                + " is already taken by field '" + other + "'");
                    }
                }
            }
            for (String keyField : declaredKey) {
                if (!names.contains(keyField)) {
                    problems.add(where + ": the primary key names field '" + keyField
                            + "', which the dataset does not have; fields are " + names);
                }
            }
            boolean marked = fields.stream().anyMatch(f -> f.primaryKeyPosition() != 0);
            if (marked && !declaredKey.isEmpty()) {
                problems.add(where + ": the primary key is declared both on fields and with primaryKey(...); use one");
            }
            return problems;
        }

        /**
         * @return the dataset definition
         * @throws InvalidDefinitionException listing every problem, if there are any
         */
        public DatasetSpec build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException("dataset '" + name + "'", problems);
            }
            List<Field> built = new ArrayList<>();
            int next = 1;
            int taken = fields.stream().mapToInt(Field.Builder::primaryKeyPosition).max().orElse(0);
            next = Math.max(next, taken + 1);
            for (Field.Builder f : fields) {
                int position = f.primaryKeyPosition();
                if (position == Field.Builder.NEXT_KEY_POSITION) {
                    position = next++;
                }
                int declared = declaredKey.indexOf(f.name());
                if (declared >= 0) {
                    f.required();
                    position = declared + 1;
                }
                built.add(f.buildWithKeyPosition(Math.max(position, 0)));
            }
            Schema schema = new Schema(built);
            List<String> modeProblems = modeProblems(updateMode, schema);
            if (!modeProblems.isEmpty()) {
                throw new InvalidDefinitionException("dataset '" + name + "'", modeProblems.stream()
                        .map(p -> "dataset '" + name + "': " + p).toList());
            }
            return new DatasetSpec(name, description, schema, maxQuarantinedShare, updateMode);
        }
    }
}
