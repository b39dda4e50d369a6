package dev.dataproduct.core.contract;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Constraints;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TextValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Compiles the fields of a dataset definition into row-level {@link ContractRule rules}. */
public final class ContractRules {
    private ContractRules() {
    }

    /**
     * @param spec a dataset definition
     * @return its rules, field by field in schema order
     */
    public static List<ContractRule> compile(DatasetSpec spec) {
        List<ContractRule> rules = new ArrayList<>();
        for (Field f : spec.schema().fields()) {
            Expr col = Expr.col(f.name());
            Constraints c = f.constraints();
            LogicalType type = f.type();
            if (f.required()) {
                rules.add(new ContractRule(f.name(), "required", col.isNotNull(), "a value"));
            }
            c.minimum().ifPresent(min -> rules.add(new ContractRule(f.name(), "minimum",
                    col.isNull().or(col.ge(bound(type, min))), ">= " + min)));
            c.maximum().ifPresent(max -> rules.add(new ContractRule(f.name(), "maximum",
                    col.isNull().or(col.le(bound(type, max))), "<= " + max)));
            c.minLength().ifPresent(n -> rules.add(new ContractRule(f.name(), "min_length",
                    col.isNull().or(col.length().ge((long) n)), "length >= " + n)));
            c.maxLength().ifPresent(n -> rules.add(new ContractRule(f.name(), "max_length",
                    col.isNull().or(col.length().le((long) n)), "length <= " + n)));
            c.pattern().ifPresent(p -> rules.add(new ContractRule(f.name(), "pattern",
                    col.isNull().or(col.matches(p)), "matching '" + p + "'")));
            if (!c.allowedValues().isEmpty()) {
                Object[] values = c.allowedValues().stream().map(v -> TextValues.parse(type, v)).toArray();
                rules.add(new ContractRule(f.name(), "allowed_values", col.isNull().or(col.in(values)),
                        "one of " + c.allowedValues().stream().collect(Collectors.joining(", ", "[", "]"))));
            }
        }
        return List.copyOf(rules);
    }

    private static Object bound(LogicalType type, String text) {
        if (type.isNumeric()) {
            BigDecimal d = new BigDecimal(text.strip());
            if (type instanceof LogicalType.IntegerType) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException notIntegral) {
                    return d;
                }
            }
            if (type instanceof LogicalType.FloatingType) {
                return d.doubleValue();
            }
            return d;
        }
        return TextValues.parse(type, text);
    }
}
