package dev.dataproduct.core.compat;

import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.LogicalType.ArrayType;
import dev.dataproduct.api.schema.LogicalType.DecimalType;
import dev.dataproduct.api.schema.LogicalType.FloatingType;
import dev.dataproduct.api.schema.LogicalType.IntegerType;
import dev.dataproduct.api.schema.LogicalType.StructType;
import dev.dataproduct.api.schema.LogicalType.TimestampType;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a property declares about its type, and which type changes are proven widenings: every value
 * of the old type is exactly a value of the new one.
 */
final class Types {
    private Types() {
    }

    /** How a type change affects the accepted values. */
    enum Verdict { SAME, WIDENED, NARROWED, CHANGED, UNCERTAIN }

    /**
     * A property's type as far as the contract declares it.
     *
     * @param family the ODCS logical type, or empty
     * @param exact the SDK type when the contract pins it down
     * @param detail a format the SDK has no type for, such as {@code u16}; empty otherwise
     */
    record Declared(String family, Optional<LogicalType> exact, String detail) {
        String label() {
            return exact.map(LogicalType::typeName)
                    .orElse(family.isEmpty() ? "(no type)" : detail.isEmpty() ? family : family + " " + detail);
        }
    }

    /**
     * Reads a property's type: its {@code physicalType} if that is an SDK type name, otherwise its
     * {@code logicalType} with the {@code format} option (integers by
     * {@link ContractSchemas#integerType(String)}, the rule the export follows too; {@code number}
     * without a format is any number).
     */
    static Declared of(SchemaProperty p) {
        Optional<LogicalType> physical = sdkType(p.physicalType());
        if (physical.isPresent()) {
            return new Declared(physical.get().odcsLogicalType(), physical, "");
        }
        String family = family(p);
        String format = p.option("format").map(String::valueOf).orElse("").strip();
        switch (family) {
            case "integer":
                return ContractSchemas.integerType(format).map(Types::exact)
                        .orElse(new Declared(family, Optional.empty(), format));
            case "number":
                switch (format) {
                    case "f32": return exact(LogicalType.FLOAT32);
                    case "f64": return exact(LogicalType.FLOAT64);
                    default: return new Declared(family, Optional.empty(), format);
                }
            case "string": return exact(LogicalType.STRING);
            case "boolean": return exact(LogicalType.BOOLEAN);
            case "date": return exact(LogicalType.DATE);
            case "time": return exact(LogicalType.TIME);
            case "array":
                return new Declared(family, p.items().flatMap(i -> of(i).exact()).map(LogicalType::arrayOf), "");
            default: return new Declared(family, Optional.empty(), "");
        }
    }

    /** @return the ODCS logical type, inferred from {@code items} or {@code properties} when not given */
    static String family(SchemaProperty p) {
        Optional<LogicalType> physical = sdkType(p.physicalType());
        if (physical.isPresent()) {
            return physical.get().odcsLogicalType();
        }
        String family = p.logicalType().toLowerCase(Locale.ROOT);
        if (family.isEmpty()) {
            return p.items().isPresent() ? "array" : p.properties().isEmpty() ? "" : "object";
        }
        return family;
    }

    static Optional<LogicalType> sdkType(String physicalType) {
        if (physicalType.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LogicalType.parse(physicalType.strip()));
        } catch (IllegalArgumentException notAnSdkTypeName) {
            return Optional.empty();
        }
    }

    static Verdict compare(Declared before, Declared after) {
        if (before.equals(after)) {
            return Verdict.SAME;
        }
        if (before.exact().isPresent() && after.exact().isPresent()) {
            LogicalType a = before.exact().get();
            LogicalType b = after.exact().get();
            return widens(a, b) ? Verdict.WIDENED : widens(b, a) ? Verdict.NARROWED : Verdict.CHANGED;
        }
        if (isAnyNumber(after) && isNumeric(before)) {
            return Verdict.WIDENED;
        }
        if (isAnyNumber(before) && isNumeric(after)) {
            return Verdict.NARROWED;
        }
        return before.family().equals(after.family()) ? Verdict.UNCERTAIN : Verdict.CHANGED;
    }

    /**
     * Whether {@code a → b} is a proven widening: integers to wider integers, to floats whose
     * mantissa holds them (up to {@code int16} in {@code float32}, {@code int32} in
     * {@code float64}) and to decimals with enough integer digits; {@code float32 → float64};
     * decimals to decimals with no fewer integer digits and no smaller scale, and to integers that
     * hold them; timestamps of the same zone kind to a finer precision up to microseconds
     * (nanoseconds cover only the years 1677 to 2262); arrays and structs whose elements widen.
     */
    static boolean widens(LogicalType a, LogicalType b) {
        if (a.equals(b)) {
            return false;
        }
        if (a instanceof IntegerType) {
            int bits = ((IntegerType) a).bitWidth();
            if (b instanceof IntegerType) {
                return ((IntegerType) b).bitWidth() > bits;
            }
            if (b instanceof FloatingType) {
                return bits <= (((FloatingType) b).bitWidth() == 32 ? 16 : 32);
            }
            if (b instanceof DecimalType) {
                DecimalType d = (DecimalType) b;
                int digits = BigInteger.valueOf(((IntegerType) a).maxValue()).toString().length();
                return d.precision() - d.scale() >= digits;
            }
            return false;
        }
        if (a instanceof FloatingType) {
            return b instanceof FloatingType && ((FloatingType) b).bitWidth() > ((FloatingType) a).bitWidth();
        }
        if (a instanceof DecimalType) {
            DecimalType d = (DecimalType) a;
            if (b instanceof DecimalType) {
                DecimalType e = (DecimalType) b;
                return e.scale() >= d.scale() && e.precision() - e.scale() >= d.precision() - d.scale();
            }
            return b instanceof IntegerType && d.scale() == 0
                    && BigInteger.TEN.pow(d.precision()).subtract(BigInteger.ONE)
                            .compareTo(BigInteger.valueOf(((IntegerType) b).maxValue())) <= 0;
        }
        if (a instanceof TimestampType && b instanceof TimestampType) {
            TimestampType s = (TimestampType) a;
            TimestampType t = (TimestampType) b;
            return s.withZone() == t.withZone() && t.precision().compareTo(s.precision()) > 0
                    && t.precision() != TimePrecision.NANOS;
        }
        if (a instanceof ArrayType && b instanceof ArrayType) {
            return widens(((ArrayType) a).elementType(), ((ArrayType) b).elementType());
        }
        if (a instanceof StructType && b instanceof StructType) {
            return structWidens(((StructType) a).fields(), ((StructType) b).fields());
        }
        return false;
    }

    private static boolean structWidens(List<Field> a, List<Field> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Field f = a.get(i);
            Field g = b.get(i);
            if (!f.name().equals(g.name()) || f.required() != g.required()
                    || !f.type().equals(g.type()) && !widens(f.type(), g.type())) {
                return false;
            }
        }
        return true;
    }

    private static Declared exact(LogicalType t) {
        return new Declared(t.odcsLogicalType(), Optional.of(t), "");
    }

    private static boolean isAnyNumber(Declared d) {
        return d.family().equals("number") && d.exact().isEmpty() && d.detail().isEmpty();
    }

    private static boolean isNumeric(Declared d) {
        return d.family().equals("integer") || d.family().equals("number");
    }
}
