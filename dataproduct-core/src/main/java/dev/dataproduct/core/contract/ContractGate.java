package dev.dataproduct.core.contract;

import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.ContractViolationException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.ArrowTypes;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import dev.dataproduct.core.expr.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Checks every row of a batch against a dataset's contract (types, required fields, value
 * constraints) and splits the batch into conforming rows and rejected rows with their reasons.
 *
 * <p>A column in a close type (int64 for an int32 field, a decimal of another scale, a date for a
 * timestamp) is converted value by value; a value that does not fit rejects its row with rule
 * {@code type}. A column whose type cannot be converted at all (text for a date, a number for a
 * text field, a boolean for a number) is a defect of the transform, not of the data: the gate
 * throws an {@link InvalidDefinitionException} naming the product, dataset, field, the emitted and
 * the declared Arrow type. A missing column throws a {@link ContractViolationException}.
 *
 * <p>The primary key is unique across every batch the gate checks: a row whose key an earlier row
 * already has is rejected with rule {@code primary_key}, its key (or, for a classified key field,
 * only that it holds such a value) and the origin of the first row in the reason. The first row
 * that passes every other rule claims its key. The gate remembers one 128-bit digest per distinct
 * key, 48 to 96 bytes each, so use one gate per run of a dataset.
 *
 * <p>A pattern that cannot be decided on a value within its budget (a
 * {@link dev.dataproduct.core.expr.BoundedMatcher}: nested or overlapping repetition backtracking
 * without end) rejects that row with the reason, and the gate goes on.
 *
 * <pre>{@code
 * ContractGate gate = new ContractGate(spec);
 * try (ContractGate.Outcome outcome = gate.check(batch, allocator, 0)) {
 *     writer.write(outcome.conforming());
 *     quarantine.addAll(outcome.rejected());
 * }
 * }</pre>
 */
public final class ContractGate {
    private final DatasetSpec spec;
    private final String product;
    private final List<ContractRule> rules;
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator();
    private final org.apache.arrow.vector.types.pojo.Schema arrowSchema;
    private final List<Field> key;
    private final KeyIndex keys = new KeyIndex();

    /** @param spec the dataset whose contract the gate enforces */
    public ContractGate(DatasetSpec spec) {
        this(spec, "");
    }

    /**
     * @param spec the dataset whose contract the gate enforces
     * @param product the address of the product the dataset belongs to, named in the messages of
     *     definition errors; empty if unknown
     */
    public ContractGate(DatasetSpec spec, String product) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.product = Objects.requireNonNull(product, "product");
        this.rules = ContractRules.compile(spec);
        this.arrowSchema = spec.schema().toArrow();
        this.key = spec.schema().primaryKey();
    }

    /** @return the row-level rules the gate checks, beside types */
    public List<ContractRule> rules() {
        return rules;
    }

    /**
     * Checks a batch.
     *
     * @param batch the rows; still owned by the caller
     * @param allocator the allocator for the conforming rows
     * @param batchIndex the position of the batch in its stream, for the origin of rejected rows
     * @return the conforming rows and the rejected ones; the caller closes it
     * @throws ContractViolationException if a contract column is missing
     * @throws InvalidDefinitionException if a contract column is of a type that cannot be converted
     */
    public Outcome check(VectorSchemaRoot batch, BufferAllocator allocator, long batchIndex) {
        int n = batch.getRowCount();
        List<Field> fields = spec.schema().fields();
        List<FieldVector> typed = new ArrayList<>(fields.size());
        List<FieldVector> owned = new ArrayList<>();
        Map<Integer, List<Violation>> violations = new TreeMap<>();
        boolean sameLayout = batch.getFieldVectors().size() == fields.size();
        try {
            for (int c = 0; c < fields.size(); c++) {
                Field field = fields.get(c);
                FieldVector source = column(batch, field);
                LogicalType actual = actualType(source, field);
                if (ValueConversion.sameType(actual, field.type())) {
                    typed.add(source);
                    sameLayout &= batch.getFieldVectors().get(c) == source;
                } else {
                    FieldVector converted = convert(source, actual, field, n, allocator, violations);
                    owned.add(converted);
                    typed.add(converted);
                    sameLayout = false;
                }
            }
            VectorSchemaRoot typedRoot = new VectorSchemaRoot(typed);
            typedRoot.setRowCount(n);
            for (ContractRule rule : rules) {
                Selection failing = evaluator.select(rule.predicate(), typedRoot).invert();
                String undecided = evaluator.undecidedPattern().orElse(null);
                for (int row = failing.nextSelected(0); row >= 0; row = failing.nextSelected(row + 1)) {
                    List<Violation> found = violations.computeIfAbsent(row, r -> new ArrayList<>());
                    // a value that did not convert is null here; its type violation already says why
                    if (found.stream().noneMatch(v -> v.field().equals(rule.field()) && v.rule().equals("type"))) {
                        found.add(new Violation(rule.field(), rule.rule(), message(typedRoot, rule, row,
                                undecided != null && evaluator.undecided(row) ? undecided : null)));
                    }
                }
            }
            rejectDuplicateKeys(typedRoot, batchIndex, violations);
            List<RejectedRow> rejected = new ArrayList<>(violations.size());
            for (Map.Entry<Integer, List<Violation>> e : violations.entrySet()) {
                rejected.add(new RejectedRow(spec.name(), origin(batchIndex, e.getKey()), e.getValue(),
                        RejectedRow.valuesOf(batch, e.getKey())));
            }
            VectorSchemaRoot conforming;
            boolean ownsConforming;
            if (violations.isEmpty() && sameLayout) {
                conforming = typedRoot;
                ownsConforming = false;
            } else {
                conforming = Selection.allBut(violations.keySet(), n).copyRows(typedRoot, arrowSchema, allocator);
                ownsConforming = true;
            }
            Outcome outcome = new Outcome(conforming, ownsConforming, rejected, owned);
            owned = List.of();
            return outcome;
        } finally {
            owned.forEach(FieldVector::close);
        }
    }

    /**
     * Rejects each row, among those that pass every other rule, whose primary key an earlier row
     * of the run already has: the first row that passes the contract claims the key.
     */
    private void rejectDuplicateKeys(VectorSchemaRoot typedRoot, long batchIndex,
                                     Map<Integer, List<Violation>> violations) {
        if (key.isEmpty()) {
            return;
        }
        List<FieldVector> columns = key.stream().map(f -> typedRoot.getVector(f.name())).toList();
        for (int row = 0; row < typedRoot.getRowCount(); row++) {
            if (violations.containsKey(row)) {
                continue;
            }
            List<Object> values = new ArrayList<>(columns.size());
            for (FieldVector c : columns) {
                values.add(VectorValues.get(c, row));
            }
            long first = keys.putIfAbsent(values, batchIndex << 32 | row);
            if (first >= 0) {
                violations.computeIfAbsent(row, r -> new ArrayList<>()).add(new Violation("", "primary_key",
                        "duplicate primary key " + describeKey(values) + ", first seen at "
                                + origin(first >>> 32, (int) first)));
            }
        }
    }

    private String describeKey(List<Object> values) {
        List<String> parts = new ArrayList<>(key.size());
        for (int i = 0; i < key.size(); i++) {
            Field f = key.get(i);
            parts.add(f.name() + (f.classification().isSensitive() ? " (a " + f.classification().label() + " value)"
                    : " '" + TextValues.format(values.get(i)) + "'"));
        }
        return String.join(", ", parts);
    }

    private static String origin(long batchIndex, int row) {
        return "batch " + batchIndex + ", row " + row;
    }

    private FieldVector column(VectorSchemaRoot batch, Field field) {
        FieldVector v = batch.getVector(field.name());
        if (v == null) {
            throw new ContractViolationException(subject() + ": the transform emitted a batch without "
                    + "column '" + field.name() + "' (" + field.type().typeName() + "); it emitted "
                    + batch.getSchema().getFields().stream().map(f -> f.getName()).toList()
                    + ". Emit every column of the contract, with nulls where there is no value.");
        }
        return v;
    }

    /** Who the messages of definition errors are about: the product, if known, and the dataset. */
    private String subject() {
        return (product.isEmpty() ? "" : "product " + product + ", ") + "dataset '" + spec.name() + "'";
    }

    /**
     * The logical type of an emitted column, if the gate can bring its values into the field's type.
     * A column that cannot be is a fault of the transform, not of the data: quarantining every row
     * would hide it behind a run that looks like a bad delivery.
     */
    private LogicalType actualType(FieldVector source, Field field) {
        ArrowType declared = ArrowTypes.toArrow(field).getType();
        ArrowType emitted = source.getField().getType();
        LogicalType actual;
        try {
            actual = ArrowTypes.fromArrow(source.getField()).type();
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(subject(), List.of("field '" + field.name() + "' is declared "
                    + field.type().typeName() + " (Arrow " + declared + ") but the transform emitted Arrow type "
                    + emitted + ", which the SDK does not read (" + e.getMessage() + "); emit the column as Arrow "
                    + declared));
        }
        if (!ValueConversion.sameType(actual, field.type()) && !ValueConversion.convertible(actual, field.type())) {
            throw new InvalidDefinitionException(subject(), List.of("field '" + field.name() + "' is declared "
                    + field.type().typeName() + " (Arrow " + declared + ") but the transform emitted Arrow type "
                    + emitted + " (" + actual.typeName() + "), which does not convert to "
                    + field.type().typeName() + "; emit the column as Arrow " + declared
                    + ", or change the field's type in the contract"));
        }
        return actual;
    }

    private FieldVector convert(FieldVector source, LogicalType actual, Field field, int n, BufferAllocator allocator,
                                Map<Integer, List<Violation>> violations) {
        FieldVector target = ArrowTypes.toArrow(field).createVector(allocator);
        try {
            target.allocateNew();
            for (int row = 0; row < n; row++) {
                Object value = VectorValues.get(source, row);
                if (value == null) {
                    VectorValues.setNull(target, row);
                    continue;
                }
                try {
                    // the write is inside: a converted value can still fall outside what the vector holds
                    VectorValues.set(target, row, ValueConversion.convert(value, field.type()));
                } catch (IllegalArgumentException | ClassCastException e) {
                    VectorValues.setNull(target, row);
                    String shown = field.classification().isSensitive() ? "a " + field.classification().label()
                            + " value" : "'" + TextValues.format(value) + "'";
                    violations.computeIfAbsent(row, r -> new ArrayList<>()).add(new Violation(field.name(), "type",
                            shown + " (" + actual.typeName() + ") does not convert to " + field.type().typeName()));
                }
            }
            target.setValueCount(n);
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** @param undecided why the row's pattern check could not be decided, or null */
    private String message(VectorSchemaRoot typedRoot, ContractRule rule, int row, String undecided) {
        Field field = spec.schema().field(rule.field()).orElseThrow();
        Object value = VectorValues.get(typedRoot.getVector(rule.field()), row);
        if (value == null) {
            return "no value, expected " + rule.expectation();
        }
        String shown = field.classification().isSensitive() ? "a " + field.classification().label() + " value"
                : "'" + TextValues.format(value) + "'";
        if (undecided != null) {
            return shown + " could not be checked: " + undecided;
        }
        return shown + " is not " + rule.expectation();
    }

    /** The result of checking one batch. Close it to release the conforming rows it owns. */
    public static final class Outcome implements AutoCloseable {
        private final VectorSchemaRoot conforming;
        private final boolean ownsConforming;
        private final List<RejectedRow> rejected;
        private final List<FieldVector> owned;

        Outcome(VectorSchemaRoot conforming, boolean ownsConforming, List<RejectedRow> rejected,
                List<FieldVector> owned) {
            this.conforming = conforming;
            this.ownsConforming = ownsConforming;
            this.rejected = List.copyOf(rejected);
            this.owned = List.copyOf(owned);
        }

        /** @return the conforming rows, in the contract's column order; valid until closed */
        public VectorSchemaRoot conforming() {
            return conforming;
        }

        /** @return the rejected rows with their original values and violations, in row order */
        public List<RejectedRow> rejected() {
            return rejected;
        }

        @Override
        public void close() {
            if (ownsConforming) {
                conforming.close();
            }
            owned.forEach(FieldVector::close);
        }
    }
}
