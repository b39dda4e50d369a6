package dev.dataproduct.core.odcs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns YAML or JSON text into a tree of plain Java values in one streaming pass, recording the
 * line of every JSON pointer on the way, so that later problems can name their line.
 *
 * <p>The document is held to its {@link OdcsLimits} before parsing (size; for YAML, line length)
 * and while parsing (depth, value length, values after alias expansion). Numbers keep what was
 * written: an integer is a {@link Long} (a {@link BigDecimal} of scale 0 beyond the long range),
 * any other number a {@link BigDecimal} with the scale written, so {@code 1.0} stays {@code 1.0},
 * that remembers its literal ({@code 1e3}) for the writer ({@link WrittenDecimal}).
 * Duplicate keys are reported, the first one kept. YAML is read by {@link YamlSource}.
 */
final class SourceParser {
    /** The longest number, in characters, read as a number; parsing longer ones costs quadratic time. */
    static final int MAX_NUMBER_CHARS = 1000;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final JsonFactory JSON = new JsonFactory();

    /** The two syntaxes of ODCS documents. */
    enum Syntax { YAML, JSON }

    private final JsonParser parser;
    private final Problems problems;
    private final Budget budget;

    private SourceParser(JsonParser parser, Problems problems, Budget budget) {
        this.parser = parser;
        this.problems = problems;
        this.budget = budget;
    }

    /**
     * @return the root value, or null for an empty document
     * @throws SourceException for text that is not well-formed or exceeds a limit
     */
    static Object parse(Syntax syntax, String text, Problems problems, OdcsLimits limits) {
        checkSize(Utf8.length(text), limits);
        Budget budget = new Budget(limits);
        if (syntax == Syntax.YAML) {
            checkLines(text, limits);
            return YamlSource.parse(text, problems, budget);
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            SourceParser source = new SourceParser(parser, problems, budget);
            Object root = source.value(Where.ROOT, 1);
            if (parser.nextToken() != null) {
                problems.add(Where.ROOT, "the file holds more than one document; an ODCS contract is one document",
                        parser.currentTokenLocation().getLineNr());
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new SourceException("JSON syntax error: " + syntaxMessage(e.getOriginalMessage())
                    + (where == null ? "" : SourceException.at(where.getLineNr(), where.getColumnNr())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a document over the size limit before any parsing. */
    static void checkSize(long bytes, OdcsLimits limits) {
        if (bytes > limits.maxDocumentBytes()) {
            throw new SourceException("the document is " + bytes + " bytes long, more than the limit of "
                    + limits.maxDocumentBytes() + " bytes; an ODCS contract is rarely above a megabyte: check that "
                    + "this is the right file, or raise OdcsLimits.maxDocumentBytes");
        }
    }

    /** Refuses a YAML line over the limit before parsing, whose time would grow with its square. */
    private static void checkLines(String text, OdcsLimits limits) {
        int line = 1;
        int start = 0;
        int max = limits.maxYamlLineChars();
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > max) {
                    throw new SourceException("line " + line + " is " + (i - start) + " characters long, more than "
                            + "the limit of " + max + " for a YAML line; write long text as a block scalar (|) over "
                            + "several lines, or raise OdcsLimits.maxYamlLineChars");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** Keeps the sentences of a parser message, dropping its position lines and source excerpts. */
    static String syntaxMessage(String message) {
        return message == null ? "" : message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(Collectors.joining("; "));
    }

    private Object value(Where where, int depth) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        problems.line(where.pointer(), line);
        budget.node(depth, line, at.getColumnNr());
        switch (parser.currentToken()) {
            case START_OBJECT:
                return object(where, depth);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(where.index(list.size()), depth + 1));
                }
                return Collections.unmodifiableList(list);
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? integer(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return WrittenDecimal.of(parser.getDecimalValue(), parser.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                return budget.scalar(parser.getText(), line, at.getColumnNr());
        }
    }

    private Map<String, Object> object(Where where, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonLocation at = parser.currentTokenLocation();
            String key = budget.scalar(parser.currentName(), at.getLineNr(), at.getColumnNr());
            Where child = where.field(key);
            int line = at.getLineNr();
            problems.line(child.pointer(), line);
            parser.nextToken();
            Object value = value(child, depth + 1);
            if (map.containsKey(key)) {
                problems.add(child, "duplicate key '" + key + "'; the first one is kept", line);
            } else {
                map.put(key, value);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** @return a Long for an integer in range, otherwise a BigDecimal of scale 0 */
    static Object integer(BigInteger value) {
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0
                ? (Object) value.longValue() : new BigDecimal(value);
    }

    /** Counts what a document costs as it is parsed, and refuses it past its limits. */
    static final class Budget {
        private final OdcsLimits limits;
        private long nodes;

        Budget(OdcsLimits limits) {
            this.limits = limits;
        }

        /** Counts one value at a depth (the root is at 1). */
        void node(int depth, int line, int column) {
            if (depth > limits.maxDepth()) {
                throw new SourceException("the document nests mappings and lists more than " + limits.maxDepth()
                        + " levels deep" + SourceException.at(line, column)
                        + "; no ODCS contract needs that, or raise OdcsLimits.maxDepth");
            }
            expand(1, line, column);
        }

        /** Counts the values an alias stands for. */
        void expand(long values, int line, int column) {
            nodes += values;
            if (nodes > limits.maxNodes()) {
                throw new SourceException("the document holds more than " + limits.maxNodes()
                        + " values once its aliases are expanded" + SourceException.at(line, column)
                        + "; reuse fewer anchors, or raise OdcsLimits.maxNodes");
            }
        }

        /** @return the number of values counted so far */
        long nodes() {
            return nodes;
        }

        /** @return the text, if within the scalar limit */
        String scalar(String text, int line, int column) {
            if (text.length() > limits.maxScalarChars()) {
                throw new SourceException("a value of " + text.length() + " characters" + SourceException.at(line,
                        column) + " is longer than the limit of " + limits.maxScalarChars()
                        + "; keep large content out of the contract and link to it, or raise "
                        + "OdcsLimits.maxScalarChars");
            }
            return text;
        }
    }
}
