package dev.dataproduct.api.access;

import dev.dataproduct.api.expr.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one audience may read of a dataset: the rows (a filter that may read principal
 * attributes), the columns, which masked fields it sees in the clear, and masks of its own.
 *
 * <pre>{@code
 * Grant counselors = Grant.to(Audience.role("counselor"))
 *     .rows(Expr.col("school_id").eq(Expr.principal("school_id")))   // their own school only
 *     .columns("student_id", "name", "grade", "email")
 *     .unmask(Target.field("name"))                                 // name in the clear
 *     .mask(Target.field("email"), Mask.email())                    // email as a***@domain
 *     .build();
 * }</pre>
 *
 * @param name the grant's name, for definition errors; never shown to readers
 * @param audience who the grant is for
 * @param rows the rows it admits; empty for every row
 * @param columns the columns it makes visible; empty with {@code allColumns}
 * @param allColumns whether it makes every column visible
 * @param unmasked the fields it shows in the clear even though a mask or a classification covers them
 * @param masks masks of this grant, which take precedence over the policy's for the rows it admits
 */
public record Grant(String name, Audience audience, Optional<Expr> rows, Set<String> columns, boolean allColumns,
                    Set<Target> unmasked, List<MaskBinding> masks) {

    /** Validates and copies the components. */
    public Grant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(audience, "audience");
        rows = rows == null ? Optional.empty() : rows;
        columns = Set.copyOf(new LinkedHashSet<>(columns));
        unmasked = Set.copyOf(unmasked);
        masks = List.copyOf(masks);
    }

    /**
     * Starts a grant.
     *
     * @param audience who it is for
     * @return a builder; named after the audience, every row, no column until told
     */
    public static Builder to(Audience audience) {
        return new Builder(audience);
    }

    /**
     * @param column a column name
     * @return whether this grant makes it visible
     */
    public boolean shows(String column) {
        return allColumns || columns.contains(column);
    }

    /** Builds a {@link Grant}. */
    public static final class Builder {
        private final Audience audience;
        private String name;
        private Expr rows;
        private final Set<String> columns = new LinkedHashSet<>();
        private boolean allColumns;
        private final Set<Target> unmasked = new LinkedHashSet<>();
        private final List<MaskBinding> masks = new ArrayList<>();

        private Builder(Audience audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            this.name = audience.toString();
        }

        /** @param value a name for definition errors @return this builder */
        public Builder named(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * @param filter a predicate over columns and principal attributes; the grant admits the
         *     rows where it is true (not false, not unknown)
         * @return this builder
         */
        public Builder rows(Expr filter) {
            this.rows = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** @param names columns made visible @return this builder */
        public Builder columns(String... names) {
            columns.addAll(Arrays.asList(names));
            return this;
        }

        /** @return this builder; every column is visible */
        public Builder allColumns() {
            this.allColumns = true;
            return this;
        }

        /** @param targets fields shown in the clear for the rows this grant admits @return this builder */
        public Builder unmask(Target... targets) {
            unmasked.addAll(Arrays.asList(targets));
            return this;
        }

        /**
         * @param target the fields
         * @param mask how this grant shows them
         * @return this builder
         */
        public Builder mask(Target target, Mask mask) {
            masks.add(new MaskBinding(target, mask));
            return this;
        }

        /** @return the grant; checked against the dataset when the product is built */
        public Grant build() {
            return new Grant(name, audience, Optional.ofNullable(rows), columns, allColumns, unmasked, masks);
        }
    }
}
