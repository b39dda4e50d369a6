package dev.dataproduct.core.join;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.Collisions;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.join.OnDuplicateKey;
import dev.dataproduct.api.quarantine.RejectSink;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A hash join of two datasets on key columns, defined and checked before it runs. The build side
 * (the smaller one, measured by counting rows, unless declared) is read whole into Arrow memory and
 * a primitive open-addressing table of its distinct keys; the probe side is streamed batch by batch
 * and each output batch is gathered column by column.
 *
 * <pre>{@code
 * HashJoin join = HashJoin.builder(purchases, customers)
 *     .on(CUSTOMER)                                  // or on(List.of("customer_id"), List.of("id"))
 *     .cardinality(Cardinality.MANY_TO_ONE)
 *     .type(JoinType.LEFT)
 *     .build();
 * try (JoinedRows rows = join.run(allocator)) {     // cardinality verified here, before any row
 *     rows.forEachBatch(batch -> ...);
 *     JoinReport report = rows.report();             // orphans and matches per side
 * }
 * }</pre>
 *
 * <p>Semantics: a key with a null part matches nothing and is an orphan of its side (SQL); keys
 * compare by value and type, so both sides' key columns must have the same types, except that
 * integer key columns of different widths (joined on columns) compare by value, both read as int64,
 * and the output's key column is then an int64. The output has
 * the left side's columns, then the right side's columns other than its key columns; the key
 * columns appear once, under the left side's names, a {@code FULL} join filling them from the right
 * side for rows found only there. A non-key column name both sides have is refused or qualified
 * ({@link Collisions}). Output rows come in probe order (each probe row's matches in build order),
 * then the build side's orphans if the join type keeps them.
 *
 * <p>Cardinality is verified before any row is output. A key breaks it when a side declared "one"
 * has it more than once and the other side has it too, so that joining would output a row of the
 * other side more than once (a repeated key the other side lacks fans nothing out: it is output, or
 * not, as orphans are). Such keys refuse the join ({@link JoinRefusedException}) or, with
 * {@link OnDuplicateKey#QUARANTINE}, every row of them on both sides goes to the reject sink and none
 * is output. Finding them needs a first pass over the probe side's keys, made only when the probe
 * side is declared "one" or the build side repeats a key declared unique; it keeps no more than a
 * byte per build key.
 *
 * <p>Memory: the build side's Arrow buffers and hash table may take at most
 * {@link Builder#memoryLimit(long)} bytes ({@link #DEFAULT_MEMORY_LIMIT} unless set); beyond, the join
 * fails with a {@link JoinMemoryException} naming the limit and the rows and keys read. It does not
 * spill. The probe side takes one input batch and one output batch at a time.
 */
public final class HashJoin {
    /** The build side's memory limit unless one is set: 1 GiB. */
    public static final long DEFAULT_MEMORY_LIMIT = 1L << 30;

    /** Which side a join reads whole into memory. */
    public enum BuildSide {
        /** The left side. */
        LEFT,
        /** The right side. */
        RIGHT,
        /** The side with fewer rows, counted by one pass over each side before the join; the right on a tie. */
        SMALLER
    }

    /**
     * One column of the output.
     *
     * @param name its name in the output
     * @param left whether it comes from the left side
     * @param source its name on its side
     * @param rightKey for a key column, the right side's column of the same key part; empty otherwise
     */
    record Column(String name, boolean left, String source, Optional<String> rightKey) {
    }

    private final Dataset left;
    private final Dataset right;
    private final String leftName;
    private final String rightName;
    private final String keyName;
    private final List<String> leftKeys;
    private final List<String> rightKeys;
    private final Cardinality cardinality;
    private final JoinType type;
    private final OnDuplicateKey onDuplicate;
    private final BuildSide buildSide;
    private final long memoryLimit;
    private final RejectSink rejects;
    private final List<Column> columns;
    private final Schema schema;

    private HashJoin(Builder b, List<String> leftKeys, List<String> rightKeys, List<Column> columns, Schema schema) {
        this.left = b.left;
        this.right = b.right;
        this.leftName = b.leftName;
        this.rightName = b.rightName;
        this.keyName = b.keyName;
        this.leftKeys = List.copyOf(leftKeys);
        this.rightKeys = List.copyOf(rightKeys);
        this.cardinality = b.cardinality;
        this.type = b.type;
        this.onDuplicate = b.onDuplicate;
        this.buildSide = b.buildSide;
        this.memoryLimit = b.memoryLimit;
        this.rejects = b.rejects;
        this.columns = List.copyOf(columns);
        this.schema = schema;
    }

    /**
     * Starts a join.
     *
     * @param left the left side
     * @param right the right side
     * @return a builder; the key, the cardinality and the type must be given
     */
    public static Builder builder(Dataset left, Dataset right) {
        return new Builder(left, right);
    }

    /** @return the schema of the joined rows */
    public Schema schema() {
        return schema;
    }

    /**
     * Runs the join: reads the build side, verifies the cardinality, and returns the joined rows,
     * streamed from the probe side as they are read.
     *
     * @param allocator the parent of the join's own allocator, which is limited to the memory limit
     * @return the joined rows; close them to release the build side
     * @throws JoinRefusedException if a key is duplicated on a side declared "one" and duplicates are refused
     * @throws JoinMemoryException if the build side does not fit the memory limit
     */
    public JoinedRows run(BufferAllocator allocator) {
        return new JoinedRows(this, Objects.requireNonNull(allocator, "allocator"));
    }

    Dataset left() {
        return left;
    }

    Dataset right() {
        return right;
    }

    String leftName() {
        return leftName;
    }

    String rightName() {
        return rightName;
    }

    String keyName() {
        return keyName;
    }

    List<String> leftKeys() {
        return leftKeys;
    }

    List<String> rightKeys() {
        return rightKeys;
    }

    Cardinality cardinality() {
        return cardinality;
    }

    JoinType type() {
        return type;
    }

    OnDuplicateKey onDuplicate() {
        return onDuplicate;
    }

    BuildSide buildSide() {
        return buildSide;
    }

    long memoryLimit() {
        return memoryLimit;
    }

    Optional<RejectSink> rejects() {
        return Optional.ofNullable(rejects);
    }

    List<Column> columns() {
        return columns;
    }

    /** Builds a {@link HashJoin}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private Dataset left;
        private Dataset right;
        private String leftName;
        private String rightName;
        private String keyName;
        private ConformedKey key;
        private List<String> leftColumns;
        private List<String> rightColumns;
        private Cardinality cardinality;
        private JoinType type;
        private OnDuplicateKey onDuplicate = OnDuplicateKey.REFUSE;
        private Collisions collisions = Collisions.REFUSE;
        private BuildSide buildSide = BuildSide.SMALLER;
        private long memoryLimit = DEFAULT_MEMORY_LIMIT;
        private RejectSink rejects;
        private String subject = "join";

        private Builder(Dataset left, Dataset right) {
            this.left = Objects.requireNonNull(left, "left");
            this.right = Objects.requireNonNull(right, "right");
            this.leftName = left.name();
            this.rightName = right.name();
        }

        /**
         * Joins on a conformed key: each side's columns are the fields of its schema that conform to
         * the key's parts.
         *
         * @param value the key
         * @return this builder
         */
        public Builder on(ConformedKey value) {
            this.key = Objects.requireNonNull(value, "key");
            this.keyName = value.name();
            return this;
        }

        /**
         * Joins on columns named on each side, part by part.
         *
         * @param leftKey the left side's key columns
         * @param rightKey the right side's key columns, as many
         * @return this builder
         */
        public Builder on(List<String> leftKey, List<String> rightKey) {
            this.leftColumns = List.copyOf(leftKey);
            this.rightColumns = List.copyOf(rightKey);
            this.keyName = String.join(", ", leftKey);
            return this;
        }

        /**
         * @param value the declared cardinality; required
         * @return this builder
         */
        public Builder cardinality(Cardinality value) {
            this.cardinality = Objects.requireNonNull(value, "cardinality");
            return this;
        }

        /**
         * @param value the join type; required
         * @return this builder
         */
        public Builder type(JoinType value) {
            this.type = Objects.requireNonNull(value, "type");
            return this;
        }

        /**
         * @param value what a key duplicated on a side declared "one" does; {@code REFUSE} unless set.
         *     {@code QUARANTINE} needs a {@link #rejects(RejectSink) reject sink}.
         * @return this builder
         */
        public Builder onDuplicate(OnDuplicateKey value) {
            this.onDuplicate = Objects.requireNonNull(value, "onDuplicate");
            return this;
        }

        /**
         * @param value what a non-key column name both sides have does; {@code REFUSE} unless set
         * @return this builder
         */
        public Builder collisions(Collisions value) {
            this.collisions = Objects.requireNonNull(value, "collisions");
            return this;
        }

        /**
         * @param leftSide the left side's name in reports, errors and qualified columns; its dataset's name by default
         * @param rightSide the right side's name
         * @return this builder
         */
        public Builder names(String leftSide, String rightSide) {
            this.leftName = Objects.requireNonNull(leftSide, "leftSide");
            this.rightName = Objects.requireNonNull(rightSide, "rightSide");
            return this;
        }

        /**
         * @param value what the join belongs to, named first in its errors, such as a product's address
         * @return this builder
         */
        public Builder subject(String value) {
            this.subject = Objects.requireNonNull(value, "subject");
            return this;
        }

        /**
         * @param value the side read whole into memory; the smaller one unless set
         * @return this builder
         */
        public Builder buildSide(BuildSide value) {
            this.buildSide = Objects.requireNonNull(value, "buildSide");
            return this;
        }

        /**
         * @param bytes the most the build side's rows and hash table may take
         * @return this builder
         */
        public Builder memoryLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("a join's memory limit must be positive, not " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        /**
         * @param sink where rows quarantined for a duplicated key go
         * @return this builder
         */
        public Builder rejects(RejectSink sink) {
            this.rejects = Objects.requireNonNull(sink, "rejects");
            return this;
        }

        /**
         * Checks the definition against both sides' schemas.
         *
         * @return the join
         * @throws InvalidDefinitionException listing every problem: no key, cardinality or type; a
         *     side without a field of a key part or with another type (naming side and field);
         *     colliding column names; quarantine without a reject sink
         */
        public HashJoin build() {
            List<String> problems = new ArrayList<>();
            String what = leftName + " x " + rightName;
            if (cardinality == null) {
                problems.add("no cardinality: declare cardinality(Cardinality.ONE_TO_ONE, MANY_TO_ONE or ONE_TO_MANY)");
            }
            if (type == null) {
                problems.add("no join type: declare type(JoinType.INNER, LEFT or FULL)");
            }
            if (onDuplicate == OnDuplicateKey.QUARANTINE && rejects == null) {
                problems.add("duplicated keys are quarantined but the join has no reject sink: give one with rejects(...)");
            }
            List<String> lk = new ArrayList<>();
            List<String> rk = new ArrayList<>();
            Set<String> widenLeft = new HashSet<>();
            Set<String> widenRight = new HashSet<>();
            if (key != null) {
                key.resolve(left.schema(), "left side '" + leftName + "'", problems)
                        .ifPresent(fs -> fs.forEach(f -> lk.add(f.name())));
                key.resolve(right.schema(), "right side '" + rightName + "'", problems)
                        .ifPresent(fs -> fs.forEach(f -> rk.add(f.name())));
            } else if (leftColumns != null) {
                keyColumns(lk, rk, widenLeft, widenRight, problems);
                if (problems.isEmpty() && !widenLeft.isEmpty()) {
                    left = new WidenedKeys(left, widenLeft);
                }
                if (problems.isEmpty() && !widenRight.isEmpty()) {
                    right = new WidenedKeys(right, widenRight);
                }
            } else {
                problems.add("no key: join on(ConformedKey) or on(leftColumns, rightColumns)");
            }
            List<Column> columns = new ArrayList<>();
            Schema schema = null;
            if (problems.isEmpty()) {
                schema = plan(lk, rk, columns, problems);
            }
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException(subject + ": join " + what, problems);
            }
            return new HashJoin(this, lk, rk, columns, schema);
        }

        private void keyColumns(List<String> lk, List<String> rk, Set<String> widenLeft, Set<String> widenRight,
                                List<String> problems) {
            if (leftColumns.isEmpty() || leftColumns.size() != rightColumns.size()) {
                problems.add("the key has " + leftColumns.size() + " columns on the left and " + rightColumns.size()
                        + " on the right; give each side the same number, at least one");
                return;
            }
            for (int i = 0; i < leftColumns.size(); i++) {
                Optional<Field> l = left.schema().field(leftColumns.get(i));
                Optional<Field> r = right.schema().field(rightColumns.get(i));
                if (l.isEmpty()) {
                    problems.add("left side '" + leftName + "' has no column '" + leftColumns.get(i) + "'; its columns are "
                            + left.schema().fieldNames());
                }
                if (r.isEmpty()) {
                    problems.add("right side '" + rightName + "' has no column '" + rightColumns.get(i)
                            + "'; its columns are " + right.schema().fieldNames());
                }
                if (l.isPresent() && r.isPresent()) {
                    if (l.get().type() instanceof LogicalType.IntegerType li
                            && r.get().type() instanceof LogicalType.IntegerType ri && li.bitWidth() != ri.bitWidth()) {
                        // integers of two widths compare by value, as in SQL: both are read as int64
                        widenLeft.add(l.get().name());
                        widenRight.add(r.get().name());
                    } else if (!l.get().type().equals(r.get().type())) {
                        problems.add("key column '" + l.get().name() + "' of left side '" + leftName + "' has type "
                                + l.get().type() + " but '" + r.get().name() + "' of right side '" + rightName
                                + "' has type " + r.get().type() + "; a key compares values of one type (integers "
                                + "of any width excepted): cast one side to the other's type in its input");
                    } else if (!ConformedKey.joinable(l.get().type())) {
                        problems.add("key column '" + l.get().name() + "' has type " + l.get().type()
                                + ", which cannot be compared exactly");
                    }
                    lk.add(l.get().name());
                    rk.add(r.get().name());
                }
            }
        }

        private Schema plan(List<String> lk, List<String> rk, List<Column> columns, List<String> problems) {
            Set<String> rightKeySet = new HashSet<>(rk);
            Set<String> leftNames = new HashSet<>(left.schema().fieldNames());
            List<String> colliding = right.schema().fieldNames().stream()
                    .filter(n -> !rightKeySet.contains(n) && leftNames.contains(n)).toList();
            if (!colliding.isEmpty() && collisions == Collisions.REFUSE) {
                problems.add("both sides have columns " + colliding + " besides the key: rename or drop them in one "
                        + "input, or qualify them as <input>_<column> (Collisions.QUALIFY)");
                return null;
            }
            boolean leftNullable = type == JoinType.FULL;
            boolean rightNullable = type != JoinType.INNER;
            List<Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Field f : left.schema().fields()) {
                int k = lk.indexOf(f.name());
                String name = colliding.contains(f.name()) ? qualified(leftName, f.name()) : f.name();
                boolean required = f.required() && !leftNullable;
                Optional<String> rightKey = Optional.empty();
                if (k >= 0) {
                    Field rf = right.schema().field(rk.get(k)).orElseThrow();
                    required = f.required() && (!leftNullable || rf.required());
                    rightKey = Optional.of(rf.name());
                }
                columns.add(new Column(name, true, f.name(), rightKey));
                fields.add(withRequired(f.withName(name), required));
                names.add(name);
            }
            for (Field f : right.schema().fields()) {
                if (rightKeySet.contains(f.name())) {
                    continue;
                }
                String name = colliding.contains(f.name()) ? qualified(rightName, f.name()) : f.name();
                if (!names.add(name)) {
                    problems.add("qualified column '" + name + "' of right side '" + rightName + "' collides with a "
                            + "column of the left side; rename one in its input");
                    continue;
                }
                columns.add(new Column(name, false, f.name(), Optional.empty()));
                fields.add(withRequired(f.withName(name), f.required() && !rightNullable));
            }
            return problems.isEmpty() ? new Schema(fields) : null;
        }

        private static String qualified(String side, String column) {
            return side.replaceAll("[^A-Za-z0-9_]", "_") + "_" + column;
        }

        private static Field withRequired(Field f, boolean required) {
            return f.required() == required ? f : new Field(f.name(), f.type(), required, f.description(),
                    f.classification(), f.personalData(), required ? f.primaryKeyPosition() : 0, f.conformedKey(),
                    f.constraints(), f.examples());
        }
    }
}
