package dev.dataproduct.core.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns YAML or JSON text into a tree of plain Java values in one streaming pass, recording the
 * line of every JSON pointer on the way, so that later problems can name their line. Every codec of
 * the SDK (ODCS, ODPS, product descriptors) reads its documents here, so each gets the same
 * resolution of YAML anchors, aliases and merge keys and the same limits.
 *
 * <pre>{@code
 * ParsedSource parsed = SourceParser.parse(Syntax.YAML, text, DocumentLimits.defaults(), "an ODPS document");
 * }</pre>
 *
 * <p>The document is held to its {@link DocumentLimits} before parsing (size; for YAML, line length)
 * and while parsing (depth, value length, values after alias expansion). Numbers keep what was
 * written: an integer is a {@link Long} (a {@link BigDecimal} of scale 0 beyond the long range),
 * any other number a {@link BigDecimal} with the scale written, so {@code 1.0} stays {@code 1.0},
 * that remembers its literal ({@code 1e3}) for the writer ({@link WrittenDecimal}).
 * Duplicate keys are reported, the first one kept. YAML is read by {@link YamlSource}.
 */
public final class SourceParser {
    /** The longest number, in characters, read as a number; parsing longer ones costs quadratic time. */
    static final int MAX_NUMBER_CHARS = 1000;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final JsonFactory JSON = new JsonFactory();

    /** The two syntaxes of documents. */
    public enum Syntax {
        /** YAML 1.1, as most YAML tools read it. */
        YAML,
        /** JSON. */
        JSON;

        /**
         * @param file a file
         * @return JSON if its name ends in {@code .json}, otherwise YAML
         */
        public static Syntax of(Path file) {
            Path name = file.getFileName();
            return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        }
    }

    private final JsonParser parser;
    private final Findings problems;
    private final Budget budget;

    private SourceParser(JsonParser parser, Findings problems, Budget budget) {
        this.parser = parser;
        this.problems = problems;
        this.budget = budget;
    }

    /**
     * @param syntax YAML or JSON
     * @param text the document
     * @param limits the limits to hold it to
     * @param kind what the document is, for messages ({@code "an ODCS contract"})
     * @return the root value (null for an empty document), the line of every value, and the problems
     *     that did not stop parsing (duplicate keys, a second document, a tag that does not fit)
     * @throws SourceException for text that is not well-formed or exceeds a limit, naming the place
     */
    public static ParsedSource parse(Syntax syntax, String text, DocumentLimits limits, String kind) {
        checkSize(Utf8.length(text), limits);
        Budget budget = new Budget(limits, kind);
        Findings findings = new Findings(kind);
        if (syntax == Syntax.YAML) {
            checkLines(text, limits);
            return findings.result(YamlSource.parse(text, findings, budget));
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return findings.result(null);
            }
            SourceParser source = new SourceParser(parser, findings, budget);
            Object root = source.value(Where.ROOT, 1);
            if (parser.nextToken() != null) {
                findings.secondDocument(parser.currentTokenLocation().getLineNr());
            }
            return findings.result(root);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new SourceException("JSON syntax error: " + syntaxMessage(e.getOriginalMessage())
                    + (where == null ? "" : SourceException.at(where.getLineNr(), where.getColumnNr())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a document that must be clean: any problem refuses it.
     *
     * @param syntax YAML or JSON
     * @param text the document
     * @param limits the limits to hold it to
     * @param kind what the document is, for messages ({@code "an ODPS document"})
     * @param subject what the refusal names ({@code "an ODPS document in YAML"})
     * @return the parsed document, without problems
     * @throws InvalidDefinitionException listing every problem, each with its path and line, or the one
     *     that stopped parsing
     */
    public static ParsedSource parseClean(Syntax syntax, String text, DocumentLimits limits, String kind,
                                          String subject) {
        ParsedSource parsed;
        try {
            parsed = parse(syntax, text, limits, kind);
        } catch (SourceException e) {
            throw new InvalidDefinitionException(subject, List.of(e.getMessage()));
        }
        if (!parsed.problems().isEmpty()) {
            throw new InvalidDefinitionException(subject, parsed.problems().stream()
                    .sorted(Comparator.comparingInt(SourceProblem::line)).map(SourceProblem::describe).toList());
        }
        return parsed;
    }

    /**
     * Reads a file after checking its size, as strict UTF-8.
     *
     * @param file the file
     * @param limits the limits, of which the document size is checked
     * @param subject what a refusal names ({@code "ODCS contract orders.yaml"})
     * @return its text
     * @throws InvalidDefinitionException if the file is over the size limit, or not UTF-8 (naming the
     *     byte offset of the first bad byte)
     * @throws DataProductException if the file cannot be read
     */
    public static String readFile(Path file, DocumentLimits limits, String subject) {
        try {
            checkSize(Files.size(file), limits);
            return Utf8.decode(Files.readAllBytes(file));
        } catch (SourceException e) {
            throw new InvalidDefinitionException(subject, List.of(e.getMessage()));
        } catch (IOException e) {
            throw new DataProductException("Cannot read " + subject + ": " + e
                    + "; check that the file exists and is readable", e);
        }
    }

    /** Refuses a document over the size limit before any parsing. */
    private static void checkSize(long bytes, DocumentLimits limits) {
        if (bytes > limits.maxDocumentBytes()) {
            throw new SourceException("the document is " + bytes + " bytes long, more than the limit of "
                    + limits.maxDocumentBytes() + " bytes; check that this is the right file, or raise "
                    + "DocumentLimits.maxDocumentBytes");
        }
    }

    /** Refuses a YAML line over the limit before parsing, whose time would grow with its square. */
    private static void checkLines(String text, DocumentLimits limits) {
        int line = 1;
        int start = 0;
        int max = limits.maxYamlLineChars();
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > max) {
                    throw new SourceException("line " + line + " is " + (i - start) + " characters long, more than "
                            + "the limit of " + max + " for a YAML line; write long text as a block scalar (|) over "
                            + "several lines, or raise DocumentLimits.maxYamlLineChars");
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
                problems.duplicateKey(child, key, line);
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
        private final DocumentLimits limits;
        private final String kind;
        private long nodes;

        Budget(DocumentLimits limits, String kind) {
            this.limits = limits;
            this.kind = kind;
        }

        /** Counts one value at a depth (the root is at 1). */
        void node(int depth, int line, int column) {
            if (depth > limits.maxDepth()) {
                throw new SourceException("the document nests mappings and lists more than " + limits.maxDepth()
                        + " levels deep" + SourceException.at(line, column)
                        + "; no " + kind.substring(kind.indexOf(' ') + 1) + " needs that, or raise DocumentLimits.maxDepth");
            }
            expand(1, line, column);
        }

        /** Counts the values an alias stands for. */
        void expand(long values, int line, int column) {
            nodes += values;
            if (nodes > limits.maxNodes()) {
                throw new SourceException("the document holds more than " + limits.maxNodes()
                        + " values once its aliases are expanded" + SourceException.at(line, column)
                        + "; reuse fewer anchors, or raise DocumentLimits.maxNodes");
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
                        + "; keep large content out of the document and link to it, or raise "
                        + "DocumentLimits.maxScalarChars");
            }
            return text;
        }
    }
}
