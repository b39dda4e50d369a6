package dev.dataproduct.testkit.conformance;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.expr.Expr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Seeded policies and principals for a {@link PortConformance} check: grants to some of the roles,
 * each showing every column or a random subset (always with the key column), with or without a row
 * filter, some unmasking a masked column; principals holding random subsets of the roles and one
 * attribute. The same seed gives the same cases, so a failure is replayed from its seed.
 *
 * <pre>{@code
 * AccessCases cases = AccessCases.over("students", List.of("id", "email", "school", "grade"))
 *     .key("id").masked("email").roles("counselor", "admin", "auditor")
 *     .rows(r -> Expr.col("school").eq(Expr.principal("school")), r -> Expr.col("grade").gt(r.nextInt(12)))
 *     .attribute("school", "A", "B", "C");
 * Policy policy = cases.policy(random);
 * Principal who = cases.principal(random, "user1");
 * }</pre>
 */
public final class AccessCases {
    private final String dataset;
    private final List<String> columns;
    private String key;
    private String masked;
    private final List<String> nullified = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private final List<Function<SplittableRandom, Expr>> rowFilters = new ArrayList<>();
    private String attribute;
    private final List<String> attributeValues = new ArrayList<>();

    private AccessCases(String dataset, List<String> columns) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.columns = List.copyOf(columns);
    }

    /**
     * @param dataset the dataset the policies are for
     * @param columns its columns
     * @return cases to configure
     */
    public static AccessCases over(String dataset, List<String> columns) {
        return new AccessCases(dataset, columns);
    }

    /** @param column a column every column subset keeps @return these cases */
    public AccessCases key(String column) {
        this.key = Objects.requireNonNull(column, "column");
        return this;
    }

    /** @param column a column masked (email or nullify) in half the policies, unmasked by some grants @return these cases */
    public AccessCases masked(String column) {
        this.masked = Objects.requireNonNull(column, "column");
        return this;
    }

    /** @param columns columns nullified in half the policies each @return these cases */
    public AccessCases nullified(String... columns) {
        nullified.addAll(List.of(columns));
        return this;
    }

    /** @param names the roles grants are for and principals hold @return these cases */
    public AccessCases roles(String... names) {
        roles.addAll(List.of(names));
        return this;
    }

    /** @param filters row filters a grant may carry, each drawn with the random source @return these cases */
    @SafeVarargs
    public final AccessCases rows(Function<SplittableRandom, Expr>... filters) {
        rowFilters.addAll(List.of(filters));
        return this;
    }

    /**
     * @param name the attribute every principal has
     * @param values its possible values
     * @return these cases
     */
    public AccessCases attribute(String name, String... values) {
        this.attribute = Objects.requireNonNull(name, "name");
        attributeValues.addAll(List.of(values));
        return this;
    }

    /**
     * @param random the seeded source
     * @return a policy of the dataset
     */
    public Policy policy(SplittableRandom random) {
        Policy.Builder b = Policy.forDataset(dataset);
        if (masked != null && random.nextBoolean()) {
            b.mask(Target.field(masked), random.nextBoolean() ? Mask.email() : Mask.nullify());
        }
        for (String column : nullified) {
            if (random.nextBoolean()) {
                b.mask(Target.field(column), Mask.nullify());
            }
        }
        for (String role : roles) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            Grant.Builder g = Grant.to(Audience.role(role));
            if (random.nextBoolean()) {
                g.allColumns();
            } else {
                List<String> chosen = new ArrayList<>();
                for (String c : columns) {
                    if (c.equals(key) || random.nextBoolean()) {
                        chosen.add(c);
                    }
                }
                g.columns(chosen.toArray(String[]::new));
            }
            int filter = random.nextInt(rowFilters.size() + 1);
            if (filter < rowFilters.size()) {
                g.rows(rowFilters.get(filter).apply(random));
            }
            if (masked != null && random.nextInt(3) == 0) {
                g.unmask(Target.field(masked));
            }
            b.grant(g.build());
        }
        return b.build();
    }

    /**
     * @param random the seeded source
     * @param id the principal's id
     * @return a principal with a random subset of the roles (maybe none) and a random attribute value
     */
    public Principal principal(SplittableRandom random, String id) {
        Set<String> held = new HashSet<>();
        for (String r : roles) {
            if (random.nextInt(3) == 0) {
                held.add(r);
            }
        }
        return new Principal(id, held, attribute == null ? Map.of()
                : Map.of(attribute, attributeValues.get(random.nextInt(attributeValues.size()))));
    }
}
