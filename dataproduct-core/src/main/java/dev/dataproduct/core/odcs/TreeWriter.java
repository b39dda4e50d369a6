package dev.dataproduct.core.odcs;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dataproduct.core.yaml.WrittenDecimal;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of plain values (maps, lists, text, numbers, booleans, null) to a Jackson
 * generator. A decimal read from a document is written as it was written there; other decimals
 * are written as their digits so that they read back equal: with a point
 * when they have a fraction, in exponent form only when their scale is negative.
 */
final class TreeWriter {
    private TreeWriter() {
    }

    static void write(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof Map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                write(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof List) {
            gen.writeStartArray();
            for (Object element : (List<?>) value) {
                write(gen, element);
            }
            gen.writeEndArray();
        } else if (value instanceof String) {
            gen.writeString((String) value);
        } else if (value instanceof Boolean) {
            gen.writeBoolean((Boolean) value);
        } else if (value instanceof WrittenDecimal) {
            gen.writeNumber(((WrittenDecimal) value).text());
        } else if (value instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) value;
            gen.writeNumber(d.scale() < 0 ? d.toString() : d.toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            gen.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            gen.writeNumber(value.toString());
        } else {
            throw new IllegalArgumentException("cannot write a value of " + value.getClass().getName()
                    + " to ODCS; use text, numbers, booleans, lists, maps or null");
        }
    }
}
