package dev.dataproduct.api.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One field of a schema: its name, logical type, whether it is required, what it means, how
 * sensitive it is, its place in the primary key, the business key it conforms to, its value
 * constraints and examples.
 *
 * <pre>{@code
 * Field quantity = Field.builder("quantity", LogicalType.INT32)
 *     .required()
 *     .range(1, 1000)
 *     .description("Units bought in this purchase.")
 *     .build();
 * }</pre>
 *
 * @param name the field name, unique within its schema
 * @param type the logical type
 * @param required whether every row must have a value
 * @param description what the field means; empty if not described
 * @param classification how sensitive the values are
 * @param personalData whether values identify or describe a person
 * @param primaryKeyPosition 1-based position in the primary key, or 0 if not part of it
 * @param conformedKey the business key this field conforms to (for joins across products)
 * @param constraints the value constraints checked on every row
 * @param examples example values, as text
 */
public record Field(String name, LogicalType type, boolean required, String description,
                    Classification classification, boolean personalData, int primaryKeyPosition,
                    Optional<String> conformedKey, Constraints constraints, List<String> examples) {

    /**
     * Validates and copies the components. A {@code null} description, classification, conformed
     * key, constraints or examples is taken as absent (as when read from a document that omits it).
     */
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        classification = classification == null ? Classification.INTERNAL : classification;
        conformedKey = conformedKey == null ? Optional.empty() : conformedKey;
        constraints = constraints == null ? Constraints.NONE : constraints;
        examples = examples == null ? List.of() : List.copyOf(examples);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field name must not be blank");
        }
        if (primaryKeyPosition < 0) {
            throw new IllegalArgumentException("primary key position of '" + name + "' must not be negative");
        }
    }

    /**
     * A field with a name, a type and nothing else declared.
     *
     * @param name the field name
     * @param type the logical type
     * @param required whether every row must have a value
     * @return the field
     */
    public static Field of(String name, LogicalType type, boolean required) {
        return new Field(name, type, required, "", Classification.INTERNAL, false, 0, Optional.empty(),
                Constraints.NONE, List.of());
    }

    /**
     * Starts a field.
     *
     * @param name the field name
     * @param type the logical type
     * @return a builder; nullable, internal, unconstrained until told otherwise
     */
    public static Builder builder(String name, LogicalType type) {
        return new Builder(name, type);
    }

    /** @return whether this field is part of the primary key */
    public boolean isPrimaryKey() {
        return primaryKeyPosition > 0;
    }

    /**
     * @param newName the new name
     * @return this field under another name
     */
    public Field withName(String newName) {
        return new Field(newName, type, required, description, classification, personalData, primaryKeyPosition,
                conformedKey, constraints, examples);
    }

    /** @return a builder that starts from this field */
    public Builder toBuilder() {
        Builder b = new Builder(name, type);
        b.required = required;
        b.description = description;
        b.classification = classification;
        b.personalData = personalData;
        b.primaryKeyPosition = primaryKeyPosition;
        b.conformedKey = conformedKey.orElse(null);
        b.minimum = constraints.minimum().orElse(null);
        b.maximum = constraints.maximum().orElse(null);
        b.minLength = constraints.minLength().orElse(null);
        b.maxLength = constraints.maxLength().orElse(null);
        b.pattern = constraints.pattern().orElse(null);
        b.allowedValues.addAll(constraints.allowedValues());
        b.examples.addAll(examples);
        return b;
    }

    /**
     * Builds a {@link Field}. Used directly or through the {@code field(name, type, f -> ...)}
     * shorthand of {@link DatasetSpec.Builder}.
     */
    public static final class Builder {
        /** Marks a primary key field whose position is its order of declaration. */
        static final int NEXT_KEY_POSITION = -1;

        private final String name;
        private final LogicalType type;
        private boolean required;
        private String description = "";
        private Classification classification = Classification.INTERNAL;
        private boolean personalData;
        private int primaryKeyPosition;
        private String conformedKey;
        private String minimum;
        private String maximum;
        private Integer minLength;
        private Integer maxLength;
        private String pattern;
        private final List<String> allowedValues = new ArrayList<>();
        private final List<String> examples = new ArrayList<>();

        private Builder(String name, LogicalType type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** @return this builder; every row must have a value */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** @return this builder; rows may leave the field empty (the default) */
        public Builder nullable() {
            this.required = false;
            return this;
        }

        /**
         * @param text what the field means
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * @param value how sensitive the values are
         * @return this builder
         */
        public Builder classification(Classification value) {
            this.classification = Objects.requireNonNull(value, "classification");
            return this;
        }

        /** @return this builder; values identify or describe a person */
        public Builder personalData() {
            this.personalData = true;
            return this;
        }

        /**
         * Makes the field part of the primary key, at the next position in declaration order. A
         * primary key field is also required.
         *
         * @return this builder
         */
        public Builder primaryKey() {
            this.primaryKeyPosition = NEXT_KEY_POSITION;
            this.required = true;
            return this;
        }

        /**
         * Makes the field part of the primary key at a given position. Also makes it required.
         *
         * @param position 1-based position in a composite key
         * @return this builder
         */
        public Builder primaryKey(int position) {
            if (position < 1) {
                throw new IllegalArgumentException("primary key position of '" + name + "' must be 1 or more");
            }
            this.primaryKeyPosition = position;
            this.required = true;
            return this;
        }

        /**
         * Declares that the field holds a business key shared across products, such as
         * {@code customer}; composite products join on it.
         *
         * @param key the name of the conformed key
         * @return this builder
         */
        public Builder conformedKey(String key) {
            this.conformedKey = Objects.requireNonNull(key, "conformedKey");
            return this;
        }

        /**
         * @param value the smallest allowed value, inclusive: a number, a {@code java.time} value
         *     or its ISO text
         * @return this builder
         */
        public Builder minimum(Object value) {
            this.minimum = Constraints.canonical(value);
            return this;
        }

        /**
         * @param value the largest allowed value, inclusive
         * @return this builder
         */
        public Builder maximum(Object value) {
            this.maximum = Constraints.canonical(value);
            return this;
        }

        /**
         * @param min the smallest allowed value, inclusive
         * @param max the largest allowed value, inclusive
         * @return this builder
         */
        public Builder range(long min, long max) {
            return minimum(min).maximum(max);
        }

        /**
         * @param min the smallest allowed value, inclusive
         * @param max the largest allowed value, inclusive
         * @return this builder
         */
        public Builder range(BigDecimal min, BigDecimal max) {
            return minimum(min).maximum(max);
        }

        /**
         * @param min the fewest characters (or array elements)
         * @param max the most characters (or array elements)
         * @return this builder
         */
        public Builder length(int min, int max) {
            this.minLength = min;
            this.maxLength = max;
            return this;
        }

        /**
         * @param max the most characters (or array elements)
         * @return this builder
         */
        public Builder maxLength(int max) {
            this.maxLength = max;
            return this;
        }

        /**
         * @param min the fewest characters (or array elements)
         * @return this builder
         */
        public Builder minLength(int min) {
            this.minLength = min;
            return this;
        }

        /**
         * @param regex a regular expression each value must match as a whole
         * @return this builder
         */
        public Builder pattern(String regex) {
            this.pattern = Objects.requireNonNull(regex, "pattern");
            return this;
        }

        /**
         * @param values the only values allowed, as text
         * @return this builder
         */
        public Builder allowedValues(String... values) {
            this.allowedValues.clear();
            this.allowedValues.addAll(List.of(values));
            return this;
        }

        /**
         * @param values example values, as text
         * @return this builder
         */
        public Builder examples(String... values) {
            this.examples.addAll(List.of(values));
            return this;
        }

        /** @return the field name this builder is for */
        public String name() {
            return name;
        }

        int primaryKeyPosition() {
            return primaryKeyPosition;
        }

        /**
         * @return the field
         * @throws IllegalArgumentException if a component is invalid
         */
        public Field build() {
            return buildWithKeyPosition(Math.max(primaryKeyPosition, 0));
        }

        Field buildWithKeyPosition(int keyPosition) {
            Constraints c = new Constraints(Optional.ofNullable(minimum), Optional.ofNullable(maximum),
                    Optional.ofNullable(minLength), Optional.ofNullable(maxLength), Optional.ofNullable(pattern),
                    allowedValues);
            return new Field(name, type, required, description, classification, personalData, keyPosition,
                    Optional.ofNullable(conformedKey), c, examples);
        }

        static Builder configure(String name, LogicalType type, Consumer<Builder> config) {
            Builder b = new Builder(name, type);
            config.accept(b);
            return b;
        }
    }
}
