package dev.dataproduct.api.access;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks a policy against the definition of its dataset, collecting every problem. */
final class PolicyCheck {
    private final Policy policy;
    private final DatasetSpec spec;
    private final String where;
    private final List<String> problems = new ArrayList<>();

    PolicyCheck(Policy policy, DatasetSpec spec) {
        this.policy = policy;
        this.spec = spec;
        this.where = "policy of dataset '" + policy.dataset() + "'";
    }

    List<String> problems() {
        policy.tags().forEach((tag, fields) -> fields.forEach(f -> column(where + ", tag '" + tag + "'", f)));
        for (MaskBinding b : policy.masks()) {
            binding(where + ", mask " + b.mask() + " of " + b.target(), b);
        }
        for (Grant g : policy.grants()) {
            String grantWhere = where + ", grant '" + g.name() + "'";
            g.columns().forEach(c -> column(grantWhere, c));
            g.rows().ifPresent(r -> expression(grantWhere + ", row filter", r));
            if (g.audience() instanceof Audience.Attributes a && !a.predicate().columns().isEmpty()) {
                problems.add(grantWhere + ": its audience reads columns " + a.predicate().columns()
                        + "; an audience may only read principal attributes, use rows(...) to filter rows");
            }
            g.unmasked().forEach(t -> target(grantWhere + ", unmask of " + t, t));
            for (MaskBinding b : g.masks()) {
                binding(grantWhere + ", mask " + b.mask() + " of " + b.target(), b);
            }
        }
        return problems;
    }

    private void binding(String at, MaskBinding b) {
        if (!target(at, b.target())) {
            return;
        }
        if (b.mask() instanceof Mask.Computed c) {
            expression(at, c.expression());
        }
        for (Field f : spec.schema().fields()) {
            if (policy.covers(b.target(), f)) {
                misfit(b.mask(), f.type()).ifPresent(why -> problems.add(at + ": does not fit field '" + f.name()
                        + "' of type " + f.type() + ": " + why));
            }
        }
    }

    private boolean target(String at, Target t) {
        if (t instanceof Target.FieldTarget f) {
            return column(at, f.name());
        } else if (t instanceof Target.TagTarget tag && !policy.tags().containsKey(tag.name())) {
            problems.add(at + ": no tag '" + tag.name() + "' is declared; tags are " + policy.tags().keySet());
            return false;
        }
        return true;
    }

    private void expression(String at, Expr e) {
        e.columns().forEach(c -> column(at, c));
    }

    private boolean column(String at, String name) {
        if (spec.schema().field(name).isEmpty()) {
            problems.add(at + ": names column '" + name + "', which dataset '" + spec.name()
                    + "' does not have; columns are " + spec.schema().fieldNames());
            return false;
        }
        return true;
    }

    /** Why a mask cannot show values of a type, if it cannot. */
    static Optional<String> misfit(Mask mask, LogicalType type) {
        boolean string = type instanceof LogicalType.StringType;
        if (mask instanceof Mask.ShowFirst || mask instanceof Mask.ShowLast || mask instanceof Mask.Email) {
            return string ? Optional.empty() : Optional.of(mask + " applies to string fields only");
        } else if (mask instanceof Mask.KeyedHash) {
            return string ? Optional.empty()
                    : Optional.of("a keyed hash is a hex string, so it applies to string fields only");
        } else if (mask instanceof Mask.YearOnly) {
            return type instanceof LogicalType.DateType || type instanceof LogicalType.TimestampType
                    ? Optional.empty() : Optional.of("yearOnly applies to date and timestamp fields only");
        } else if (mask instanceof Mask.TypeDefault) {
            return type instanceof LogicalType.StructType
                    ? Optional.of("a struct has no default value; mask it with nullify()") : Optional.empty();
        } else if (mask instanceof Mask.Redact r) {
            return redactFits(r.replacement(), type) ? Optional.empty()
                    : Optional.of("the replacement is a " + r.replacement().getClass().getSimpleName()
                            + ", not a value of type " + type);
        }
        return Optional.empty();
    }

    private static boolean redactFits(Object v, LogicalType type) {
        if (type instanceof LogicalType.IntegerType i) {
            if (!(v instanceof Long l)) {
                return false;
            }
            long max = i.bitWidth() == 64 ? Long.MAX_VALUE : (1L << (i.bitWidth() - 1)) - 1;
            return l >= -max - 1 && l <= max;
        } else if (type instanceof LogicalType.DecimalType d) {
            return (v instanceof BigDecimal b && b.scale() <= d.scale()) || v instanceof Long;
        } else if (type instanceof LogicalType.FloatingType) {
            return v instanceof Double || v instanceof Long;
        } else if (type instanceof LogicalType.TimestampType t) {
            return t.withZone() ? v instanceof Instant : v instanceof LocalDateTime;
        }
        Set<Class<?>> expected = type instanceof LogicalType.StringType ? Set.of(String.class)
                : type instanceof LogicalType.BooleanType ? Set.of(Boolean.class)
                : type instanceof LogicalType.DateType ? Set.of(LocalDate.class)
                : type instanceof LogicalType.TimeType ? Set.of(LocalTime.class) : Set.of();
        return expected.contains(v.getClass());
    }
}
