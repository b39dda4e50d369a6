package dev.dataproduct.core.yaml;

import dev.dataproduct.core.yaml.SourceParser.Budget;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML into plain values from the parser's events, resolving what YAML defines on the way:
 * an alias ({@code *name}) stands for the value of the latest anchor ({@code &name}) before it, a
 * merge key ({@code <<: *base} or {@code <<: [*a, *b]}) adds the keys of the mappings it names that
 * the mapping does not set itself (the first mapping named wins), and plain scalars resolve as
 * {@link #resolve(String)} says ({@code .inf} and {@code .nan} stay text). An alias before its anchor, or an anchor used
 * inside itself, is refused with its line and column.
 */
public final class YamlSource {
    private static final String TAG = "tag:yaml.org,2002:";
    private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE|yes|Yes|YES|on|On|ON");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE|no|No|NO|off|Off|OFF");
    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?[0-9][0-9_]*");
    private static final Pattern HEX_INT = Pattern.compile("[-+]?0x_*[0-9a-fA-F][0-9a-fA-F_]*");
    private static final Pattern BINARY_INT = Pattern.compile("[-+]?0b_*[01][01_]*");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");

    private record Anchored(Object value, long size) {
    }

    private final Parser parser;
    private final Findings problems;
    private final Budget budget;
    private final Map<String, Anchored> anchors = new HashMap<>();

    private YamlSource(Parser parser, Findings problems, Budget budget) {
        this.parser = parser;
        this.problems = problems;
        this.budget = budget;
    }

    static Object parse(String text, Findings problems, Budget budget) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // the size was checked before, in bytes
        try {
            YamlSource source = new YamlSource(new ParserImpl(new StreamReader(text), options), problems, budget);
            return source.document();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : SourceParser.syntaxMessage(e.getMessage());
            String context = e.getContext() == null ? "" : e.getContext() + ", ";
            throw new SourceException("YAML syntax error: " + context + problem
                    + (mark == null ? "" : SourceException.at(mark.getLine() + 1, mark.getColumn() + 1)));
        } catch (ReaderException e) {
            throw new SourceException(unprintable(text, e.getPosition(), e.getCodePoint()));
        } catch (YAMLException e) {
            throw new SourceException("YAML syntax error: " + SourceParser.syntaxMessage(e.getMessage()));
        }
    }

    /** @return where a character YAML does not allow stands, from its code point index */
    private static String unprintable(String text, int codePointIndex, int codePoint) {
        int line = 1;
        int column = 1;
        int offset = 0;
        for (int i = 0; i < codePointIndex && offset < text.length(); i++) {
            int c = text.codePointAt(offset);
            offset += Character.charCount(c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return String.format("the character U+%04X%s is not allowed in YAML, which takes no control characters "
                + "but tab and line breaks; remove it or write it as an escape in a double-quoted string",
                codePoint, SourceException.at(line, column));
    }

    private Object document() {
        parser.getEvent(); // stream start
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        parser.getEvent(); // document start
        Object root = value(Where.ROOT, 1);
        parser.getEvent(); // document end
        if (parser.checkEvent(Event.ID.DocumentStart)) {
            problems.secondDocument(line(parser.peekEvent()));
        }
        return root;
    }

    private Object value(Where where, int depth) {
        Event event = parser.getEvent();
        int line = line(event);
        problems.line(where.pointer(), line);
        if (event instanceof AliasEvent alias) {
            return alias(alias);
        }
        long before = budget.nodes();
        budget.node(depth, line, column(event));
        Object value;
        if (event instanceof ScalarEvent scalar) {
            value = scalar(scalar, where);
        } else if (event instanceof MappingStartEvent) {
            value = mapping(where, depth);
        } else {
            List<Object> list = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                list.add(value(where.index(list.size()), depth + 1));
            }
            parser.getEvent();
            value = Collections.unmodifiableList(list);
        }
        String anchor = ((NodeEvent) event).getAnchor();
        if (anchor != null) {
            // registered once complete, so that an alias inside its own anchor finds nothing
            anchors.put(anchor, new Anchored(value, budget.nodes() - before));
        }
        return value;
    }

    private Object alias(AliasEvent alias) {
        Anchored anchored = anchors.get(alias.getAnchor());
        if (anchored == null) {
            throw new SourceException("the alias *" + alias.getAnchor() + SourceException.at(line(alias),
                    column(alias)) + " refers to no anchor &" + alias.getAnchor() + " defined before it; an alias "
                    + "can only repeat a value anchored earlier in the document, outside the alias itself");
        }
        budget.expand(anchored.size(), line(alias), column(alias));
        return anchored.value();
    }

    private Map<String, Object> mapping(Where where, int depth) {
        Map<String, Object> explicit = new LinkedHashMap<>();
        List<Map<?, ?>> merged = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.peekEvent();
            int line = line(keyEvent);
            if (keyEvent instanceof ScalarEvent s && s.getValue().equals("<<") && s.isPlain() && s.getTag() == null) {
                parser.getEvent();
                merge(value(where.field("<<"), depth + 1), merged, line, column(keyEvent));
                continue;
            }
            String key = key(where, depth);
            Where child = where.field(key);
            problems.line(child.pointer(), line);
            Object value = value(child, depth + 1);
            if (explicit.containsKey(key)) {
                problems.duplicateKey(child, key, line);
            } else {
                explicit.put(key, value);
            }
        }
        parser.getEvent();
        if (merged.isEmpty()) {
            return Collections.unmodifiableMap(explicit);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map<?, ?> m : merged) {
            m.forEach((k, v) -> map.putIfAbsent(String.valueOf(k), v));
        }
        map.putAll(explicit);
        return Collections.unmodifiableMap(map);
    }

    private static void merge(Object value, List<Map<?, ?>> merged, int line, int column) {
        List<?> sources = value instanceof List<?> list ? list : Arrays.asList(value);
        for (Object source : sources) {
            if (!(source instanceof Map<?, ?> map)) {
                throw new SourceException("the merge key <<" + SourceException.at(line, column) + " takes a mapping "
                        + "or a list of mappings, such as <<: *defaults, not " + (source instanceof List ? "a list" : "a scalar"));
            }
            merged.add(map);
        }
    }

    /** @return a mapping key as written (keys are names, never resolved to numbers or booleans) */
    private String key(Where where, int depth) {
        Event event = parser.peekEvent();
        if (event instanceof ScalarEvent scalar) {
            Object key = value(where, depth + 1);
            return key instanceof String s ? s : scalar.getValue();
        }
        Object key = value(where, depth + 1);
        if (key instanceof Map || key instanceof List) {
            throw new SourceException("a key" + SourceException.at(line(event), column(event))
                    + " is a mapping or a list; keys are names");
        }
        return String.valueOf(key);
    }

    private Object scalar(ScalarEvent event, Where where) {
        String text = budget.scalar(event.getValue(), line(event), column(event));
        String tag = event.getTag();
        if (tag == null) {
            return event.isPlain() ? resolve(text) : text;
        }
        if (tag.equals("!") || tag.equals(TAG + "str")) {
            return text;
        }
        Object resolved = resolve(text);
        String wanted = tag.startsWith(TAG) ? tag.substring(TAG.length()) : "";
        boolean fits = switch (wanted) {
            case "null" -> resolved == null;
            case "bool" -> resolved instanceof Boolean;
            case "int" -> resolved instanceof Long || resolved instanceof BigDecimal d && d.scale() == 0;
            case "float" -> resolved instanceof Number;
            default -> false;
        };
        if (!fits) {
            problems.add(where, (wanted.isEmpty() || !List.of("null", "bool", "int", "float").contains(wanted)
                    ? "the tag " + tag + " is not supported; values are plain text, numbers, booleans, lists "
                            + "and mappings"
                    : "'" + text + "' is not a " + wanted + " as its tag " + tag + " says"), line(event));
        }
        return resolved;
    }

    /**
     * @return the value of a plain scalar as YAML 1.1 resolves it, which is what Jackson and most
     *     YAML tools read: {@code yes}, {@code on} and {@code true} are true, underscores may group
     *     digits, {@code 0x} and {@code 0b} prefix hexadecimal and binary integers
     */
    public static Object resolve(String text) {
        if (NULL.matcher(text).matches()) {
            return null;
        }
        if (TRUE.matcher(text).matches()) {
            return Boolean.TRUE;
        }
        if (FALSE.matcher(text).matches()) {
            return Boolean.FALSE;
        }
        if (text.length() > SourceParser.MAX_NUMBER_CHARS) {
            return text;
        }
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
        if (DECIMAL_INT.matcher(text).matches()) {
            return SourceParser.integer(new BigInteger(unsigned).multiply(negative ? BigInteger.ONE.negate()
                    : BigInteger.ONE));
        }
        if (HEX_INT.matcher(text).matches() || BINARY_INT.matcher(text).matches()) {
            BigInteger value = new BigInteger(unsigned.substring(2), unsigned.charAt(1) == 'x' ? 16 : 2);
            return SourceParser.integer(negative ? value.negate() : value);
        }
        if (FLOAT.matcher(text).matches()) {
            try {
                return WrittenDecimal.of(new BigDecimal(negative ? "-" + unsigned : unsigned), text);
            } catch (NumberFormatException outOfRange) {
                return text; // an exponent beyond what a decimal holds
            }
        }
        return text;
    }

    private static int line(Event event) {
        return event.getStartMark() == null ? -1 : event.getStartMark().getLine() + 1;
    }

    private static int column(Event event) {
        return event.getStartMark() == null ? -1 : event.getStartMark().getColumn() + 1;
    }
}
