package dev.dataproduct.testkit.gen;

import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generates rows of a dataset from its definition or its ODCS contract: every value within its
 * field's type and constraints (ranges, lengths, patterns of the common shapes, allowed values,
 * required fields; a field's examples that meet its constraints are hints, drawn for a fifth of its
 * values, and stand in for a pattern the generator does not understand),
 * the primary key and other column sets unique, references that point at generated parent rows,
 * and columns whose values can be skewed toward a few. On demand, one rule is broken in a share of
 * the rows, so a test can prove the gate quarantines exactly those rows for that reason.
 *
 * <pre>{@code
 * DatasetGen customers = DatasetGen.of(customersSpec);
 * GeneratedRows parents = customers.generate(50, random);
 * GeneratedRows orders = DatasetGen.of(ordersSpec)
 *     .references("customer_id", parents.rows(), "customer_id")
 *     .skewed("customer_id", 3)
 *     .breaking(RuleBreak.outOfRange("quantity"), 0.1)
 *     .generate(1000, random);
 * }</pre>
 *
 * <p>Instances are immutable: each method returns a changed copy.
 */
public final class DatasetGen {
    private static final int ATTEMPTS = 1000;
    private static final int SKEW_POOL = 20;

    private final DatasetSpec spec;
    private final double nullShare;
    private final List<List<String>> uniques;
    private final Map<String, Reference> references;
    private final Map<String, Double> skews;
    private final RuleBreak breaking;
    private final double breakShare;

    private record Reference(List<Object> values) {
    }

    private DatasetGen(DatasetSpec spec, double nullShare, List<List<String>> uniques, Map<String, Reference> references,
                       Map<String, Double> skews, RuleBreak breaking, double breakShare) {
        this.spec = spec;
        this.nullShare = nullShare;
        this.uniques = List.copyOf(uniques);
        this.references = Map.copyOf(references);
        this.skews = Map.copyOf(skews);
        this.breaking = breaking;
        this.breakShare = breakShare;
    }

    /**
     * @param spec a dataset definition
     * @return a generator of its rows: nullable fields null in 10% of rows, the primary key unique
     */
    public static DatasetGen of(DatasetSpec spec) {
        List<List<String>> uniques = new ArrayList<>();
        List<String> key = spec.schema().primaryKey().stream().map(Field::name).toList();
        if (!key.isEmpty()) {
            uniques.add(key);
        }
        return new DatasetGen(Objects.requireNonNull(spec, "spec"), 0.1, uniques, Map.of(), Map.of(), null, 0);
    }

    /** @param schema a schema @return a generator of its rows, as {@link #of(DatasetSpec)} */
    public static DatasetGen of(Schema schema) {
        return of(new DatasetSpec("data", "", schema));
    }

    /**
     * @param contract an ODCS contract
     * @param object the name of one of its schema objects
     * @return a generator of that object's rows, by the dataset the SDK reads from the contract
     * @throws IllegalArgumentException if the contract has no such object, or the SDK cannot read it
     */
    public static DatasetGen of(DataContract contract, String object) {
        List<String> problems = new ArrayList<>();
        List<DatasetSpec> datasets = ContractSchemas.toDatasets(contract, problems);
        DatasetSpec spec = datasets.stream().filter(d -> d.name().equals(object)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("contract '" + contract.id() + "' has no readable object '"
                        + object + "'; readable objects are " + datasets.stream().map(DatasetSpec::name).toList()
                        + (problems.isEmpty() ? "" : "; problems: " + problems)));
        return of(spec);
    }

    /** @return the dataset the rows are made for */
    public DatasetSpec spec() {
        return spec;
    }

    /** @param share the share of nullable cells left null, 0 to 1 @return a copy */
    public DatasetGen nullShare(double share) {
        requireShare(share);
        return new DatasetGen(spec, share, uniques, references, skews, breaking, breakShare);
    }

    /**
     * @param columns columns whose values together are unique in every generated dataset
     * @return a copy
     */
    public DatasetGen unique(String... columns) {
        List<String> set = List.of(columns);
        set.forEach(this::field);
        List<List<String>> more = new ArrayList<>(uniques);
        more.add(set);
        return new DatasetGen(spec, nullShare, more, references, skews, breaking, breakShare);
    }

    /**
     * A foreign key: every value of the column is one of the parent rows' values, so the
     * reference always resolves (between datasets of a product, or between products through a
     * conformed key).
     *
     * @param column a column of this dataset
     * @param parentRows the parent rows, such as those generated for the parent dataset
     * @param parentColumn the column of the parent rows referred to
     * @return a copy
     * @throws IllegalArgumentException if the parent rows hold no value in that column
     */
    public DatasetGen references(String column, List<? extends Map<String, ?>> parentRows, String parentColumn) {
        field(column);
        List<Object> values = parentRows.stream().map(r -> (Object) r.get(parentColumn)).filter(Objects::nonNull)
                .distinct().toList();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the parent rows hold no value in column '" + parentColumn + "' for '"
                    + column + "' to refer to");
        }
        Map<String, Reference> more = new HashMap<>(references);
        more.put(column, new Reference(values));
        return new DatasetGen(spec, nullShare, uniques, more, skews, breaking, breakShare);
    }

    /**
     * Foreign keys through conformed keys, between products: every column of this dataset declared
     * with a {@linkplain Field#conformedKey() conformed key} that a column of the parent also
     * declares refers to the parent rows' values of that column.
     *
     * @param parent the parent dataset's definition, such as another product's output
     * @param parentRows rows of the parent
     * @return a copy
     * @throws IllegalArgumentException if the two datasets share no conformed key
     */
    public DatasetGen conformsTo(DatasetSpec parent, List<? extends Map<String, ?>> parentRows) {
        DatasetGen out = this;
        for (Field f : spec.schema().fields()) {
            if (f.conformedKey().isEmpty()) {
                continue;
            }
            Optional<Field> match = parent.schema().fields().stream()
                    .filter(p -> p.conformedKey().equals(f.conformedKey())).findFirst();
            if (match.isPresent()) {
                out = out.references(f.name(), parentRows, match.get().name());
            }
        }
        if (out == this) {
            throw new IllegalArgumentException("datasets '" + spec.name() + "' and '" + parent.name()
                    + "' share no conformed key");
        }
        return out;
    }

    /**
     * Skews a column's values: they are drawn from a pool of a few values (or the parent values of
     * a reference), the first ones far more often than the rest.
     *
     * @param column a column not in a unique set
     * @param skew 1 for uniform over the pool; the larger, the more rows share the first values
     * @return a copy
     */
    public DatasetGen skewed(String column, double skew) {
        field(column);
        if (!(skew >= 1)) {
            throw new IllegalArgumentException("skew must be at least 1 (uniform); got " + skew);
        }
        if (uniques.stream().anyMatch(u -> u.contains(column))) {
            throw new IllegalArgumentException("column '" + column + "' must be unique; its values cannot be skewed");
        }
        Map<String, Double> more = new HashMap<>(skews);
        more.put(column, skew);
        return new DatasetGen(spec, nullShare, uniques, references, more, breaking, breakShare);
    }

    /**
     * @param rule the rule to break
     * @param share the share of rows that break it, 0 to 1 (rounded to whole rows)
     * @return a copy
     * @throws IllegalArgumentException if the dataset does not have the rule
     */
    public DatasetGen breaking(RuleBreak rule, double share) {
        requireShare(share);
        switch (rule.kind()) {
            case NULL_IN_REQUIRED -> {
                if (!field(rule.column()).required()) {
                    throw new IllegalArgumentException("field '" + rule.column() + "' is not required");
                }
            }
            case OUT_OF_RANGE -> {
                FieldValues.outOfRange(field(rule.column()));
                if (uniques.stream().anyMatch(u -> u.contains(rule.column()))) {
                    throw new IllegalArgumentException("field '" + rule.column() + "' is in a unique set: the same "
                            + "out-of-range value in two rows would break uniqueness too");
                }
            }
            case DUPLICATE_KEY -> {
                if (uniques.isEmpty() || spec.schema().primaryKey().isEmpty()) {
                    throw new IllegalArgumentException("dataset '" + spec.name() + "' has no primary key");
                }
            }
            case ORPHAN_REFERENCE -> {
                if (!references.containsKey(rule.column())) {
                    throw new IllegalArgumentException("column '" + rule.column() + "' refers to nothing; declare "
                            + "it with references(...) first");
                }
            }
        }
        return new DatasetGen(spec, nullShare, uniques, references, skews, rule, share);
    }

    /**
     * @param minRows the fewest rows
     * @param maxRows the most rows
     * @return a generator of datasets of that size
     */
    public Gen<GeneratedRows> rows(int minRows, int maxRows) {
        if (minRows < 0 || maxRows < minRows) {
            throw new IllegalArgumentException("rows must lie in 0 <= min <= max; got " + minRows + " to " + maxRows);
        }
        return new Gen<>() {
            @Override
            public GeneratedRows generate(Random random) {
                return DatasetGen.this.generate(minRows + random.nextInt(maxRows - minRows + 1), random);
            }

            /**
             * Fewer rows, then simpler values one cell at a time; every candidate keeps the
             * contract (and the unique sets) except where a row breaks its rule on purpose, and
             * each broken row is kept only while it still breaks its rule.
             */
            @Override
            public Stream<GeneratedRows> shrink(GeneratedRows value) {
                List<Integer> all = IntStream.range(0, value.rows().size()).boxed().toList();
                Stream<GeneratedRows> fewer = Shrinking.list(all, minRows, i -> Stream.<Integer>empty())
                        .map(kept -> subset(value, kept));
                Stream<GeneratedRows> simpler = IntStream.range(0, value.rows().size()).boxed()
                        .flatMap(i -> spec.schema().fields().stream().flatMap(f -> simplerCells(value, i, f)))
                        .filter(DatasetGen.this::keepsUniques);
                return Stream.concat(fewer, simpler).filter(DatasetGen.this::stillBroken);
            }
        };
    }

    /** Candidates with the one cell of row {@code i} in column {@code f} simpler, unless it is fixed. */
    private Stream<GeneratedRows> simplerCells(GeneratedRows value, int i, Field f) {
        boolean broken = value.broken().contains(i);
        boolean inUnique = uniques.stream().anyMatch(u -> u.contains(f.name()));
        // a reference must stay a parent value, and a broken row's broken cells stay broken
        if (references.containsKey(f.name()) || broken && (f.name().equals(breaking.column())
                || breaking.kind() == RuleBreak.Kind.DUPLICATE_KEY && inUnique)) {
            return Stream.empty();
        }
        Map<String, Object> row = value.rows().get(i);
        return FieldValues.simpler(f, row.get(f.name()), !f.required() && !inUnique).map(v -> {
            List<Map<String, Object>> rows = new ArrayList<>(value.rows());
            Map<String, Object> changed = new HashMap<>(row);
            changed.put(f.name(), v);
            rows.set(i, changed);
            return new GeneratedRows(rows, value.broken(), value.rule());
        });
    }

    /** Whether the unique sets hold over the rows, but for the duplicates made on purpose. */
    private boolean keepsUniques(GeneratedRows value) {
        Set<Integer> broken = breaking != null && breaking.kind() == RuleBreak.Kind.DUPLICATE_KEY
                ? new HashSet<>(value.broken()) : Set.of();
        for (List<String> unique : uniques) {
            Set<List<Object>> keys = new HashSet<>();
            for (int i = 0; i < value.rows().size(); i++) {
                Map<String, Object> row = value.rows().get(i);
                if (!broken.contains(i) && !keys.add(unique.stream().map(row::get).toList())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static GeneratedRows subset(GeneratedRows value, List<Integer> kept) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Integer> broken = new ArrayList<>();
        Set<Integer> wasBroken = new HashSet<>(value.broken());
        for (int i : kept) {
            if (wasBroken.contains(i)) {
                broken.add(rows.size());
            }
            rows.add(value.rows().get(i));
        }
        return new GeneratedRows(rows, broken, value.rule());
    }

    /** A duplicate key stays broken only while an earlier unbroken row still holds that key. */
    private boolean stillBroken(GeneratedRows value) {
        if (breaking == null || breaking.kind() != RuleBreak.Kind.DUPLICATE_KEY) {
            return true;
        }
        Set<Integer> broken = new HashSet<>(value.broken());
        Set<List<Object>> keys = new HashSet<>();
        for (int i = 0; i < value.rows().size(); i++) {
            Map<String, Object> row = value.rows().get(i);
            List<Object> key = spec.schema().primaryKey().stream().map(f -> row.get(f.name())).toList();
            if (broken.contains(i) ? !keys.contains(key) : !keys.add(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param count how many rows
     * @param random the source of randomness
     * @return the rows, and those that break the rule asked for
     * @throws IllegalArgumentException if the constraints leave too few distinct keys or values
     */
    public GeneratedRows generate(int count, Random random) {
        Map<String, List<Object>> pools = new HashMap<>();
        skews.keySet().forEach(c -> pools.put(c, references.containsKey(c) ? references.get(c).values()
                : IntStream.range(0, SKEW_POOL).mapToObj(i -> FieldValues.valid(field(c), random)).distinct().toList()));
        List<Set<List<Object>>> seen = uniques.stream().map(u -> (Set<List<Object>>) new HashSet<List<Object>>()).toList();
        List<Map<String, Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(uniqueRow(random, pools, seen));
        }
        if (breaking == null) {
            return new GeneratedRows(rows, List.of(), "");
        }
        List<Integer> candidates = IntStream.range(breaking.kind() == RuleBreak.Kind.DUPLICATE_KEY ? 1 : 0, count)
                .boxed().collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        Collections.shuffle(candidates, random);
        int n = Math.min(candidates.size(), (int) Math.round(breakShare * count));
        List<Integer> broken = new ArrayList<>(candidates.subList(0, n));
        Collections.sort(broken);
        String rule = breakRows(rows, broken, random);
        return new GeneratedRows(rows, broken, rule);
    }

    private Map<String, Object> uniqueRow(Random random, Map<String, List<Object>> pools, List<Set<List<Object>>> seen) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, Object> row = row(random, pools);
            List<List<Object>> keys = uniques.stream().map(u -> u.stream().map(row::get).toList()).toList();
            boolean fresh = true;
            for (int k = 0; k < keys.size() && fresh; k++) {
                fresh = !seen.get(k).contains(keys.get(k));
            }
            if (fresh) {
                for (int k = 0; k < keys.size(); k++) {
                    seen.get(k).add(keys.get(k));
                }
                return row;
            }
        }
        throw new IllegalArgumentException("dataset '" + spec.name() + "': no new unique key " + uniques + " found in "
                + ATTEMPTS + " attempts after " + seen.get(0).size() + " rows; the constraints of the key leave too few "
                + "values for this many rows");
    }

    private Map<String, Object> row(Random random, Map<String, List<Object>> pools) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field f : spec.schema().fields()) {
            Object value;
            if (pools.containsKey(f.name())) {
                List<Object> pool = pools.get(f.name());
                value = pool.get((int) (pool.size() * Math.pow(random.nextDouble(), skews.get(f.name()))));
            } else if (references.containsKey(f.name())) {
                List<Object> parents = references.get(f.name()).values();
                value = parents.get(random.nextInt(parents.size()));
            } else if (!f.required() && random.nextDouble() < nullShare) {
                value = null;
            } else {
                value = FieldValues.valid(f, random);
            }
            row.put(f.name(), value);
        }
        return row;
    }

    /** Breaks the rule in the given rows, each in one way only. @return the rule's name */
    private String breakRows(List<Map<String, Object>> rows, List<Integer> broken, Random random) {
        String column = breaking.column();
        switch (breaking.kind()) {
            case NULL_IN_REQUIRED -> {
                broken.forEach(i -> rows.get(i).put(column, null));
                return column + ":required";
            }
            case OUT_OF_RANGE -> {
                FieldValues.Broken value = FieldValues.outOfRange(field(column));
                broken.forEach(i -> rows.get(i).put(column, value.value()));
                return value.rule();
            }
            case DUPLICATE_KEY -> {
                Set<Integer> brokenSet = new HashSet<>(broken);
                for (int i : broken) {
                    List<Integer> earlier = IntStream.range(0, i).filter(j -> !brokenSet.contains(j)).boxed().toList();
                    Map<String, Object> source = rows.get(earlier.get(random.nextInt(earlier.size())));
                    spec.schema().primaryKey().forEach(f -> rows.get(i).put(f.name(), source.get(f.name())));
                }
                return "primary_key";
            }
            case ORPHAN_REFERENCE -> {
                Set<Object> parents = new HashSet<>(references.get(column).values());
                for (int i : broken) {
                    Object orphan = null;
                    for (int attempt = 0; attempt < ATTEMPTS && orphan == null; attempt++) {
                        Object v = FieldValues.valid(field(column), random);
                        orphan = parents.contains(v) ? null : v;
                    }
                    if (orphan == null) {
                        throw new IllegalArgumentException("no value of '" + column + "' outside the parent values found");
                    }
                    rows.get(i).put(column, orphan);
                }
                return column + ":orphan";
            }
            default -> throw new IllegalStateException(breaking.toString());
        }
    }

    private Field field(String column) {
        return spec.schema().field(column).orElseThrow(() -> new IllegalArgumentException("dataset '" + spec.name()
                + "' has no column '" + column + "'; its columns are " + spec.schema().fieldNames()));
    }

    private static void requireShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share lies between 0 and 1; got " + share);
        }
    }
}
