package dev.dataproduct.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes a value of the SDK's value model as JSON, the one way ports that speak JSON write rows:
 * integers and decimals as numbers (decimals exactly, at their scale), floats as numbers except NaN
 * and the infinities, which JSON has no number for and which go as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}; booleans as booleans; arrays as arrays, structs as
 * objects; dates, times and timestamps as their ISO-8601 text; binary as base64.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /**
     * @param g where the value goes
     * @param v a value in the SDK's value model, or {@code null}
     * @throws IOException if the generator cannot write
     */
    public static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d.toPlainString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof byte[] bytes) {
            g.writeString(java.util.Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }
}
