package dev.dataproduct.api.join;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A business key shared by products, declared once (a name, its parts and their types) and
 * referred to by the fields that hold it, through {@link Field#conformedKey()}. Products join on
 * conformed keys: a join finds on each side the fields that conform to each part of the key.
 *
 * <pre>{@code
 * static final ConformedKey CUSTOMER = ConformedKey.of("customer", LogicalType.STRING);
 * static final ConformedKey SCHOOL_DAY = ConformedKey.builder("school-day")
 *     .part("school", LogicalType.INT32).part("day", LogicalType.DATE).build();
 *
 * Dataset.named("purchases").field("customer_id", LogicalType.STRING, f -> f.conformedKey("customer"));
 * Dataset.named("attendance")
 *     .field("school_id", LogicalType.INT32, f -> f.conformedKey("school-day.school"))
 *     .field("date", LogicalType.DATE, f -> f.conformedKey("school-day.day"));
 * }</pre>
 *
 * <p>A field refers to the part of a one-part key by the key's name ({@code customer}), and to a
 * part of a multi-part key by {@code <key>.<part>} ({@link #reference(Part)}). A key's types must be
 * exact, comparable values: strings, integers, decimals, booleans, dates, times and timestamps (no
 * floating point, arrays or structs).
 *
 * @param name the key's name, such as {@code customer}
 * @param parts the parts of the key, in order; at least one
 */
public record ConformedKey(String name, List<Part> parts) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    /**
     * One part of a key.
     *
     * @param name the part's name, unique within the key
     * @param type the type every field conforming to it has
     */
    public record Part(String name, LogicalType type) {
        /** Validates the components. */
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("key part '" + name + "' must be lower-case letters, digits, '_' "
                        + "and '-', starting with a letter");
            }
            if (!joinable(type)) {
                throw new IllegalArgumentException("key part '" + name + "' has type " + type + ", which cannot be "
                        + "compared exactly; a conformed key is a string, integer, decimal, boolean, date, time or "
                        + "timestamp");
            }
        }
    }

    /** Validates and copies the components. */
    public ConformedKey {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("conformed key '" + name + "' must be lower-case letters, digits, '_' "
                    + "and '-', starting with a letter");
        }
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("conformed key '" + name + "' needs at least one part");
        }
        if (parts.stream().map(Part::name).distinct().count() != parts.size()) {
            throw new IllegalArgumentException("conformed key '" + name + "' names a part twice: "
                    + parts.stream().map(Part::name).toList());
        }
    }

    /**
     * A key of one part, or of several parts of the same type.
     *
     * @param name the key's name
     * @param type the type of every part
     * @param parts the parts' names; none for a one-part key whose part is named like the key
     * @return the key
     * @throws IllegalArgumentException if a name is not lower-case or the type cannot be compared exactly
     */
    public static ConformedKey of(String name, LogicalType type, String... parts) {
        Objects.requireNonNull(name, "name");
        List<Part> list = new ArrayList<>();
        if (parts.length == 0) {
            list.add(new Part(name, type));
        }
        for (String p : parts) {
            list.add(new Part(p, type));
        }
        return new ConformedKey(name, list);
    }

    /**
     * Starts a key of parts of different types.
     *
     * @param name the key's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * @param part a part of this key
     * @return what {@link Field#conformedKey()} says of a field holding that part: the key's name for
     *     a one-part key, {@code <key>.<part>} otherwise
     */
    public String reference(Part part) {
        return parts.size() == 1 ? name : name + "." + part.name();
    }

    /**
     * Finds the fields of a schema that hold this key, one per part, in the key's order.
     *
     * @param schema the schema of one side of a join
     * @param where the side, named in problems, such as {@code product urn:...:v1, dataset 'students'}
     * @param problems where each missing, repeated or mistyped part is described
     * @return the fields, if every part has exactly one field of its type
     */
    public Optional<List<Field>> resolve(Schema schema, String where, List<String> problems) {
        Objects.requireNonNull(schema, "schema");
        List<Field> found = new ArrayList<>();
        int before = problems.size();
        for (Part part : parts) {
            String ref = reference(part);
            List<Field> holding = schema.fields().stream()
                    .filter(f -> f.conformedKey().filter(ref::equals).isPresent()).toList();
            if (holding.isEmpty()) {
                problems.add(where + " has no field conforming to key '" + ref + "' (" + part.type() + "): mark the "
                        + "field that holds it with conformedKey(\"" + ref + "\")");
            } else if (holding.size() > 1) {
                problems.add(where + " has " + holding.size() + " fields conforming to key '" + ref + "' ("
                        + holding.stream().map(Field::name).toList() + "); exactly one must");
            } else if (!holding.get(0).type().equals(part.type())) {
                problems.add(where + ", field '" + holding.get(0).name() + "' conforms to key '" + ref + "' but has type "
                        + holding.get(0).type() + "; the key's type is " + part.type());
            } else {
                found.add(holding.get(0));
            }
        }
        return problems.size() == before ? Optional.of(List.copyOf(found)) : Optional.empty();
    }

    /**
     * @param type a logical type
     * @return whether a join can compare values of it exactly
     */
    public static boolean joinable(LogicalType type) {
        return type instanceof LogicalType.StringType || type instanceof LogicalType.IntegerType
                || type instanceof LogicalType.DecimalType || type instanceof LogicalType.BooleanType
                || type.isTemporal();
    }

    /** Builds a {@link ConformedKey} of parts of different types. */
    public static final class Builder {
        private final String name;
        private final List<Part> parts = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param partName the part's name
         * @param type its type
         * @return this builder
         */
        public Builder part(String partName, LogicalType type) {
            parts.add(new Part(partName, type));
            return this;
        }

        /**
         * @return the key
         * @throws IllegalArgumentException if it has no part or names one twice
         */
        public ConformedKey build() {
            return new ConformedKey(name, parts);
        }
    }
}
