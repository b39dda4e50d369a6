package dev.dataproduct.api.schema;

import java.util.ArrayList;
import java.util.List;

/** Reads the canonical type names of {@link LogicalType}; a small recursive descent parser. */
final class TypeNameParser {
    private final String text;
    private int pos;

    TypeNameParser(String text) {
        this.text = text;
    }

    LogicalType type() {
        skipSpaces();
        int start = pos;
        String word = word();
        switch (word) {
            case "string": return LogicalType.STRING;
            case "int8": return LogicalType.INT8;
            case "int16": return LogicalType.INT16;
            case "int32": return LogicalType.INT32;
            case "int64": return LogicalType.INT64;
            case "float32": return LogicalType.FLOAT32;
            case "float64": return LogicalType.FLOAT64;
            case "boolean": return LogicalType.BOOLEAN;
            case "date": return LogicalType.DATE;
            case "time": return LogicalType.TIME;
            case "timestamp":
            case "timestamp_tz": {
                TimePrecision precision = TimePrecision.MICROS;
                if (peek('(')) {
                    expect('(');
                    skipSpaces();
                    int symbolStart = pos;
                    String symbol = word();
                    try {
                        precision = TimePrecision.ofSymbol(symbol);
                    } catch (IllegalArgumentException e) {
                        throw error(symbolStart, e.getMessage());
                    }
                    expect(')');
                }
                return LogicalType.timestamp(precision, word.equals("timestamp_tz"));
            }
            case "decimal": {
                expect('(');
                int precision = number();
                expect(',');
                int scale = number();
                expect(')');
                try {
                    return LogicalType.decimal(precision, scale);
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
            }
            case "array": {
                expect('<');
                LogicalType element = type();
                expect('>');
                return LogicalType.arrayOf(element);
            }
            case "struct": {
                expect('<');
                List<Field> fields = new ArrayList<>();
                do {
                    skipSpaces();
                    String name = word();
                    expect(':');
                    LogicalType t = type();
                    skipSpaces();
                    boolean required = false;
                    if (text.startsWith("not null", pos)) {
                        pos += "not null".length();
                        required = true;
                    }
                    fields.add(Field.of(name, t, required));
                    skipSpaces();
                } while (tryConsume(','));
                expect('>');
                try {
                    return new LogicalType.StructType(fields);
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
            }
            default:
                throw error(start, "'" + word + "' is not a type; expected one of string, int8, int16, int32, int64, "
                        + "decimal(p,s), float32, float64, boolean, date, time, timestamp, timestamp_tz, "
                        + "array<...>, struct<...>");
        }
    }

    void expectEnd() {
        skipSpaces();
        if (pos != text.length()) {
            throw error("unexpected '" + text.substring(pos) + "' after the type");
        }
    }

    private String word() {
        skipSpaces();
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '-')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private int number() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
        return Integer.parseInt(text.substring(start, Math.min(pos, start + 9)));
    }

    private boolean peek(char c) {
        skipSpaces();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean tryConsume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!tryConsume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return error(pos, what);
    }

    // an unknown word is reported where it starts, not where the parser stopped reading it
    private IllegalArgumentException error(int at, String what) {
        return new IllegalArgumentException("invalid type name '" + text + "' at position " + at + ": " + what);
    }
}
