package dev.dataproduct.core.contract;

import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.ContractViolationException;
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

/**
 * Checks every row of a batch against a dataset's contract (types, required fields, value
 * constraints) and splits the batch into conforming rows and rejected rows with their reasons.
 *
 * <p>A pattern that cannot be decided on a value within its budget (a
 * {@link dev.dataproduct.core.expr.BoundedMatcher}: nested
 * or overlapping repetition backtracking without end) rejects that row with the reason, and the
 * gate goes on.
 *
 * <p>A column in a close type (int64 for an int32 field, text for a date) is converted value by
 * value; a value that does not convert rejects its row with rule {@code type}. A missing column,
 * or a column whose type cannot be converted at all, is a defect of the transform and throws.
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
    private final List<ContractRule> rules;
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator();
    private final org.apache.arrow.vector.types.pojo.Schema arrowSchema;

    /** @param spec the dataset whose contract the gate enforces */
    public ContractGate(DatasetSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.rules = ContractRules.compile(spec);
        this.arrowSchema = spec.schema().toArrow();
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
     * @throws ContractViolationException if a contract column is missing or of a type that cannot
     *     be converted
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
            List<RejectedRow> rejected = new ArrayList<>(violations.size());
            for (Map.Entry<Integer, List<Violation>> e : violations.entrySet()) {
                rejected.add(new RejectedRow(spec.name(), "batch " + batchIndex + ", row " + e.getKey(), e.getValue(),
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

    private FieldVector column(VectorSchemaRoot batch, Field field) {
        FieldVector v = batch.getVector(field.name());
        if (v == null) {
            throw new ContractViolationException("dataset '" + spec.name() + "': the transform emitted a batch without "
                    + "column '" + field.name() + "' (" + field.type().typeName() + "); it emitted "
                    + batch.getSchema().getFields().stream().map(f -> f.getName()).toList()
                    + ". Emit every column of the contract, with nulls where there is no value.");
        }
        return v;
    }

    private LogicalType actualType(FieldVector source, Field field) {
        LogicalType actual;
        try {
            actual = ArrowTypes.fromArrow(source.getField()).type();
        } catch (IllegalArgumentException e) {
            throw new ContractViolationException("dataset '" + spec.name() + "': " + e.getMessage());
        }
        if (!ValueConversion.sameType(actual, field.type()) && !ValueConversion.convertible(actual, field.type())) {
            throw new ContractViolationException("dataset '" + spec.name() + "': column '" + field.name()
                    + "' was emitted as " + actual.typeName() + ", which cannot be converted to the contract's "
                    + field.type().typeName() + "; emit it as " + field.type().typeName());
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
                Object converted = null;
                if (value != null) {
                    try {
                        converted = ValueConversion.convert(value, field.type());
                    } catch (IllegalArgumentException | ClassCastException e) {
                        String shown = field.classification().isSensitive() ? "a " + field.classification().label()
                                + " value" : "'" + TextValues.format(value) + "'";
                        violations.computeIfAbsent(row, r -> new ArrayList<>()).add(new Violation(field.name(), "type",
                                shown + " (" + actual.typeName() + ") does not convert to " + field.type().typeName()));
                    }
                }
                VectorValues.set(target, row, converted);
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
