package dev.dataproduct.api.access;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The access policy of one dataset, declared as data with the product: tags over its fields,
 * masks bound to fields, tags and classifications, and the grants that say who reads what.
 *
 * <p><b>Deny by default.</b> A principal no grant is for reads nothing; a dataset without a
 * policy is read by no one.
 *
 * <p><b>Masks.</b> Under a grant, a field is shown through the first mask that applies, looking
 * in this order: the grant's own masks, then the policy's, in each the most specific target first
 * (field, then tag, then classification) and among equals the first declared. A field classified
 * {@code confidential} or {@code restricted} that no mask names is shown as {@code null}. A field
 * the grant {@link Grant.Builder#unmask unmasks} is in the clear. See {@link #maskFor}.
 *
 * <p><b>Several grants.</b> When several grants are for the principal: a row is returned if some
 * grant admits it (the union of their row filters); a column is returned if some grant makes it
 * visible; a value is in the clear only if some grant that admits <em>that row</em> and makes the
 * column visible shows it in the clear. Otherwise the value is masked by the first (in
 * declaration order) such grant that masks it, or {@code null} if no grant admitting the row
 * makes the column visible.
 *
 * <pre>{@code
 * Policy students = Policy.forDataset("students")
 *     .tag("contact", "email", "phone")
 *     .mask(Target.tag("contact"), Mask.showLast(4))
 *     .mask(Target.field("birth_date"), Mask.yearOnly())
 *     .grant(Grant.to(Audience.role("district_office")).allColumns()
 *         .unmask(Target.classification(Classification.RESTRICTED)))
 *     .grant(Grant.to(Audience.role("counselor")).allColumns()
 *         .rows(Expr.col("school_id").eq(Expr.principal("school_id"))))
 *     .build();
 * }</pre>
 */
public final class Policy {
    private final String dataset;
    private final Map<String, Set<String>> tags;
    private final List<MaskBinding> masks;
    private final List<Grant> grants;

    private Policy(String dataset, Map<String, Set<String>> tags, List<MaskBinding> masks, List<Grant> grants) {
        this.dataset = dataset;
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        tags.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        this.tags = Collections.unmodifiableMap(copy);
        this.masks = List.copyOf(masks);
        this.grants = List.copyOf(grants);
    }

    /**
     * Starts the policy of a dataset.
     *
     * @param dataset an output dataset of the product
     * @return a builder
     */
    public static Builder forDataset(String dataset) {
        return new Builder(dataset);
    }

    /** @return the dataset the policy governs */
    public String dataset() {
        return dataset;
    }

    /** @return the tags, each with the fields it names, in declaration order */
    public Map<String, Set<String>> tags() {
        return tags;
    }

    /** @return the policy's masks, in declaration order */
    public List<MaskBinding> masks() {
        return masks;
    }

    /** @return the grants, in declaration order */
    public List<Grant> grants() {
        return grants;
    }

    /**
     * How a grant shows a field: the mask applied, or empty when in the clear. The rule is in the
     * class description.
     *
     * @param grant one of this policy's grants
     * @param field a field of the dataset
     * @return the mask, or empty for the clear value
     */
    public Optional<Mask> maskFor(Grant grant, Field field) {
        for (Target t : grant.unmasked()) {
            if (covers(t, field)) {
                return Optional.empty();
            }
        }
        Optional<Mask> own = firstMatch(grant.masks(), field);
        if (own.isPresent()) {
            return own;
        }
        Optional<Mask> shared = firstMatch(masks, field);
        if (shared.isPresent()) {
            return shared;
        }
        return field.classification().isSensitive() ? Optional.of(Mask.nullify()) : Optional.empty();
    }

    /**
     * @param target a target
     * @param field a field
     * @return whether the target names the field
     */
    public boolean covers(Target target, Field field) {
        if (target instanceof Target.FieldTarget f) {
            return f.name().equals(field.name());
        } else if (target instanceof Target.TagTarget t) {
            return tags.getOrDefault(t.name(), Set.of()).contains(field.name());
        }
        return ((Target.ClassificationTarget) target).classification() == field.classification();
    }

    private Optional<Mask> firstMatch(List<MaskBinding> bindings, Field field) {
        for (Class<?> kind : List.of(Target.FieldTarget.class, Target.TagTarget.class,
                Target.ClassificationTarget.class)) {
            for (MaskBinding b : bindings) {
                if (kind.isInstance(b.target()) && covers(b.target(), field)) {
                    return Optional.of(b.mask());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the policy against its dataset: every column, tag and field it names exists, every
     * mask fits the type of each field it applies to, audiences read only principal attributes.
     *
     * @param spec the dataset's definition
     * @return every problem, each naming the grant, mask or tag and the field; empty if valid
     */
    public List<String> problems(DatasetSpec spec) {
        return new PolicyCheck(this, spec).problems();
    }

    /**
     * This policy narrowed to a fixed slice, as a restricted product serves it: every grant admits
     * only rows that also satisfy {@code rows}, and shows only columns among {@code columns}. A
     * grant left with no column is dropped, so its audience is denied. Tags and masks are kept.
     *
     * @param rows a fixed row filter; empty for every row
     * @param columns the columns kept; empty to keep every column
     * @return the narrowed policy
     */
    public Policy narrowed(Optional<Expr> rows, Set<String> columns) {
        List<Grant> kept = new ArrayList<>();
        for (Grant g : grants) {
            Optional<Expr> filter = rows.isEmpty() ? g.rows()
                    : Optional.of(g.rows().map(r -> rows.get().and(r)).orElse(rows.get()));
            boolean all = g.allColumns() && columns.isEmpty();
            Set<String> shown = new LinkedHashSet<>();
            if (!all) {
                (g.allColumns() ? columns : g.columns()).stream()
                        .filter(c -> columns.isEmpty() || columns.contains(c)).forEach(shown::add);
                if (shown.isEmpty()) {
                    continue;
                }
            }
            kept.add(new Grant(g.name(), g.audience(), filter, shown, all, g.unmasked(), g.masks()));
        }
        return new Policy(dataset, tags, masks, kept);
    }

    /**
     * This policy with further grants, such as those data sharing agreements give.
     *
     * @param more the grants added after the declared ones
     * @return the extended policy
     */
    public Policy with(List<Grant> more) {
        List<Grant> all = new ArrayList<>(grants);
        all.addAll(more);
        return new Policy(dataset, tags, masks, all);
    }

    @Override
    public String toString() {
        return "Policy[" + dataset + ", " + grants.size() + " grants]";
    }

    /** Builds a {@link Policy}. */
    public static final class Builder {
        private final String dataset;
        private final Map<String, Set<String>> tags = new LinkedHashMap<>();
        private final List<MaskBinding> masks = new ArrayList<>();
        private final List<Object> grants = new ArrayList<>();

        private Builder(String dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /**
         * Tags fields, so that masks and unmasks can name them together.
         *
         * @param tag the tag name
         * @param fields the fields it names
         * @return this builder
         */
        public Builder tag(String tag, String... fields) {
            tags.computeIfAbsent(Objects.requireNonNull(tag, "tag"), k -> new LinkedHashSet<>())
                    .addAll(Arrays.asList(fields));
            return this;
        }

        /**
         * @param target the fields
         * @param mask how they are shown to grants that do not unmask them
         * @return this builder
         */
        public Builder mask(Target target, Mask mask) {
            masks.add(new MaskBinding(target, mask));
            return this;
        }

        /** @param grant a grant @return this builder */
        public Builder grant(Grant grant) {
            grants.add(Objects.requireNonNull(grant, "grant"));
            return this;
        }

        /** @param grant a grant being built @return this builder */
        public Builder grant(Grant.Builder grant) {
            grants.add(Objects.requireNonNull(grant, "grant"));
            return this;
        }

        /**
         * @return the policy; checked against its dataset when the product is built
         * @throws InvalidDefinitionException if two grants share a name or a grant shows no column
         */
        public Policy build() {
            List<Grant> built = new ArrayList<>();
            for (Object g : grants) {
                built.add(g instanceof Grant.Builder b ? b.build() : (Grant) g);
            }
            List<String> problems = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (Grant g : built) {
                if (!names.add(g.name())) {
                    problems.add("two grants are named '" + g.name() + "'; name them apart with named(...)");
                }
                if (!g.allColumns() && g.columns().isEmpty()) {
                    problems.add("grant '" + g.name() + "' makes no column visible; call columns(...) or allColumns()");
                }
            }
            tags.forEach((tag, fields) -> {
                if (fields.isEmpty()) {
                    problems.add("tag '" + tag + "' names no field");
                }
            });
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException("the policy of dataset '" + dataset + "'", problems);
            }
            return new Policy(dataset, tags, masks, built);
        }
    }
}
