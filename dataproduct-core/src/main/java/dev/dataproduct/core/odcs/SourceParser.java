package dev.dataproduct.core.odcs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns YAML or JSON text into a tree of plain Java values in one streaming pass, recording the
 * line of every JSON pointer on the way, so that later problems can name their line.
 *
 * <p>Numbers are normalised so that a value read, written and read again is equal: an integral
 * value is a {@link Long} (a {@link BigDecimal} of scale 0 beyond the long range), any other
 * number a {@link BigDecimal} as written. Duplicate keys are reported, the first one kept.
 */
final class SourceParser {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Integral values with more digits than this stay as written rather than be expanded. */
    private static final int MAX_EXPANDED_DIGITS = 400;

    private final JsonParser parser;
    private final Problems problems;

    private SourceParser(JsonParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * @return the root value, or null for an empty document
     * @throws IOException for text that is not well-formed YAML or JSON
     */
    static Object parse(JsonFactory factory, String text, Problems problems) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            SourceParser source = new SourceParser(parser, problems);
            Object root = source.value(Where.ROOT);
            if (parser.nextToken() != null) {
                problems.add(Where.ROOT, "the file holds more than one document; an ODCS contract is one document",
                        parser.currentTokenLocation().getLineNr());
            }
            return root;
        }
    }

    private Object value(Where where) throws IOException {
        problems.line(where.pointer(), parser.currentTokenLocation().getLineNr());
        switch (parser.currentToken()) {
            case START_OBJECT:
                return object(where);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(where.index(list.size())));
                }
                return Collections.unmodifiableList(list);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                return parser.getText();
        }
    }

    private Map<String, Object> object(Where where) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Where child = where.field(key);
            int line = parser.currentTokenLocation().getLineNr();
            problems.line(child.pointer(), line);
            parser.nextToken();
            Object value = value(child);
            if (map.containsKey(key)) {
                problems.add(child, "duplicate key '" + key + "'; the first one is kept", line);
            } else {
                map.put(key, value);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private Object number() throws IOException {
        try {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                JsonParser.NumberType type = parser.getNumberType();
                return type == JsonParser.NumberType.BIG_INTEGER
                        ? normalise(new BigDecimal(parser.getBigIntegerValue())) : (Object) parser.getLongValue();
            }
            return normalise(parser.getDecimalValue());
        } catch (IOException | NumberFormatException e) {
            // YAML's .inf and .nan have no exact decimal; they are kept as the text written
            return parser.getText();
        }
    }

    /**
     * @param number a number as read
     * @return a Long for integral values in range, a BigDecimal of scale 0 for larger integral
     *     ones, otherwise the number itself
     */
    static Object normalise(BigDecimal number) {
        if (number.signum() == 0) {
            return 0L;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > MAX_EXPANDED_DIGITS) {
            return number;
        }
        BigInteger integral = stripped.toBigIntegerExact();
        return integral.compareTo(LONG_MIN) >= 0 && integral.compareTo(LONG_MAX) <= 0
                ? (Object) integral.longValue() : new BigDecimal(integral);
    }
}
