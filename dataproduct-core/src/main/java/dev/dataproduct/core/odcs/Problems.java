package dev.dataproduct.core.odcs;

import dev.dataproduct.core.yaml.ParsedSource;
import dev.dataproduct.core.yaml.SourceProblem;
import dev.dataproduct.core.yaml.Where;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The problems and warnings found in one document, each with its path and, where known, its line.
 * Lines are recorded per JSON pointer while the document is parsed; a problem about a missing field
 * takes the line of the element that lacks it.
 */
final class Problems {
    private record Problem(int line, String message) {
    }

    private final List<Problem> found = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private ParsedSource source = new ParsedSource(null, Map.of(), List.of());
    private final boolean strict;

    /** @param strict whether keys the standard does not define are problems rather than warnings */
    Problems(boolean strict) {
        this.strict = strict;
    }

    Problems() {
        this(false);
    }

    /**
     * Reports a key the standard does not define at this place: a warning that it is kept as an
     * extension, or in strict mode a problem.
     */
    void unknownKey(Where where, Collection<String> known) {
        String key = where.pointer().substring(where.pointer().lastIndexOf('/') + 1)
                .replace("~1", "/").replace("~0", "~");
        String hint = Spelling.nearest(key, known).map(k -> "; did you mean '" + k + "'?").orElse(".");
        if (strict) {
            add(where, "'" + key + "' is not a field of ODCS here" + hint
                    + " Custom data belongs under customProperties");
        } else {
            warn(where, "'" + key + "' is not a field of ODCS here" + hint
                    + " It is kept as an extension and written back; custom data belongs under customProperties");
        }
    }

    /**
     * Reports what another version of the standard defines than the one the document is read as: a
     * warning that it is kept as written, or in strict mode a problem.
     */
    void beyondVersion(Where where, String message) {
        if (strict) {
            add(where, message + "; a strict reader refuses it");
        } else {
            warn(where, message + "; it is kept as written");
        }
    }

    /** Takes the lines of the parsed document, and the problems parsing found. */
    void source(ParsedSource parsed) {
        source = parsed;
        parsed.problems().forEach(p -> add(p.where(), p.message(), p.line()));
    }

    void add(Where where, String message) {
        add(where, message, lineOf(where.pointer()));
    }

    void add(Where where, String message, int line) {
        found.add(problem(where, message, line));
    }

    /** Records something the document should fix but that does not stop it from being read. */
    void warn(Where where, String message) {
        warnings.add(problem(where, message, lineOf(where.pointer())));
    }

    private static Problem problem(Where where, String message, int line) {
        return new Problem(line, new SourceProblem(where, message, line).describe());
    }

    private int lineOf(String pointer) {
        return source.lineOf(pointer);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** @return the messages in document order; those without a line first */
    List<String> messages() {
        return sorted(found);
    }

    /** @return the warnings in document order */
    List<String> warnings() {
        return sorted(warnings);
    }

    private static List<String> sorted(List<Problem> problems) {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line)).map(Problem::message).toList();
    }
}
