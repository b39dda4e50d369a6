package dev.dataproduct.api.access;

import dev.dataproduct.api.schema.Classification;
import java.util.Objects;

/**
 * What a mask or an unmask applies to: one field, every field carrying a tag of the policy, or
 * every field of a classification.
 *
 * <pre>{@code
 * Target.field("email");                              // one field
 * Target.tag("contact");                               // fields tagged with Policy.Builder#tag
 * Target.classification(Classification.RESTRICTED);   // every restricted field
 * }</pre>
 */
public sealed interface Target {

    /**
     * @param name a field of the policy's dataset
     * @return a target naming that field
     */
    static Target field(String name) {
        return new FieldTarget(name);
    }

    /**
     * @param name a tag declared with {@link Policy.Builder#tag(String, String...)}
     * @return a target naming every field with that tag
     */
    static Target tag(String name) {
        return new TagTarget(name);
    }

    /**
     * @param classification a classification
     * @return a target naming every field of that classification
     */
    static Target classification(Classification classification) {
        return new ClassificationTarget(classification);
    }

    /**
     * A single field.
     *
     * @param name the field name
     */
    record FieldTarget(String name) implements Target {
        /** Validates the name. */
        public FieldTarget {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a field target needs a field name");
            }
        }

        @Override
        public String toString() {
            return "field '" + name + "'";
        }
    }

    /**
     * The fields a policy tags with a name.
     *
     * @param name the tag
     */
    record TagTarget(String name) implements Target {
        /** Validates the name. */
        public TagTarget {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a tag target needs a tag name");
            }
        }

        @Override
        public String toString() {
            return "tag '" + name + "'";
        }
    }

    /**
     * The fields of one classification.
     *
     * @param classification the classification
     */
    record ClassificationTarget(Classification classification) implements Target {
        /** Validates the classification. */
        public ClassificationTarget {
            Objects.requireNonNull(classification, "classification");
        }

        @Override
        public String toString() {
            return "classification " + classification.label();
        }
    }
}
