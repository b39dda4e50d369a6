package dev.dataproduct.core.expr;

/** The physical kind of an evaluated column. */
enum Kind {
    LONG, DOUBLE, DECIMAL, STRING, BOOL, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, LIST, STRUCT, NULL;

    boolean numeric() {
        return this == LONG || this == DOUBLE || this == DECIMAL;
    }

    boolean temporal() {
        return this == DATE || this == TIME || this == TIMESTAMP || this == TIMESTAMP_TZ;
    }

    String label() {
        switch (this) {
            case LONG: return "integer";
            case DOUBLE: return "floating point";
            case DECIMAL: return "decimal";
            case STRING: return "string";
            case BOOL: return "boolean";
            case DATE: return "date";
            case TIME: return "time";
            case TIMESTAMP: return "timestamp";
            case TIMESTAMP_TZ: return "timestamp_tz";
            case LIST: return "array";
            case STRUCT: return "struct";
            default: return "null";
        }
    }
}
