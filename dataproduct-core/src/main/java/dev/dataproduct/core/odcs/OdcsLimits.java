package dev.dataproduct.core.odcs;

/**
 * The limits the ODCS reader holds a document to before and while parsing it, so that a hostile or
 * broken file is refused quickly with a message rather than exhausting time or memory. A contract
 * of a few thousand properties stays far below every default.
 *
 * <pre>{@code
 * OdcsReader reader = OdcsCodec.reader().limits(OdcsLimits.defaults().withMaxDocumentBytes(64L << 20));
 * }</pre>
 *
 * @param maxDocumentBytes the largest document, in bytes of UTF-8 (default 16 MiB)
 * @param maxScalarChars the longest single value or key, in characters (default 1 MiB)
 * @param maxYamlLineChars the longest line of a YAML document, in characters (default 64 KiB): the
 *     YAML parser's time grows with the square of a line's length, so long text belongs in a
 *     block scalar ({@code |}) over several lines; JSON has no such limit
 * @param maxDepth the deepest nesting of mappings and lists (default 64)
 * @param maxNodes the most values a document may hold once its aliases are expanded (default
 *     1,000,000), which keeps a few aliases from standing for billions of values
 */
public record OdcsLimits(long maxDocumentBytes, int maxScalarChars, int maxYamlLineChars, int maxDepth,
                         int maxNodes) {
    private static final OdcsLimits DEFAULTS = new OdcsLimits(16L << 20, 1 << 20, 64 << 10, 64, 1_000_000);

    /**
     * @throws IllegalArgumentException if a limit is not positive
     */
    public OdcsLimits {
        if (maxDocumentBytes < 1 || maxScalarChars < 1 || maxYamlLineChars < 1 || maxDepth < 1 || maxNodes < 1) {
            throw new IllegalArgumentException("every ODCS reader limit must be at least 1: " + this);
        }
    }

    /** @return the default limits */
    public static OdcsLimits defaults() {
        return DEFAULTS;
    }

    /**
     * @param bytes the largest document, in bytes of UTF-8
     * @return these limits with that document size
     */
    public OdcsLimits withMaxDocumentBytes(long bytes) {
        return new OdcsLimits(bytes, maxScalarChars, maxYamlLineChars, maxDepth, maxNodes);
    }

    /**
     * @param chars the longest value or key, in characters
     * @return these limits with that scalar length
     */
    public OdcsLimits withMaxScalarChars(int chars) {
        return new OdcsLimits(maxDocumentBytes, chars, maxYamlLineChars, maxDepth, maxNodes);
    }

    /**
     * @param chars the longest YAML line, in characters
     * @return these limits with that line length
     */
    public OdcsLimits withMaxYamlLineChars(int chars) {
        return new OdcsLimits(maxDocumentBytes, maxScalarChars, chars, maxDepth, maxNodes);
    }

    /**
     * @param depth the deepest nesting of mappings and lists
     * @return these limits with that depth
     */
    public OdcsLimits withMaxDepth(int depth) {
        return new OdcsLimits(maxDocumentBytes, maxScalarChars, maxYamlLineChars, depth, maxNodes);
    }

    /**
     * @param nodes the most values once aliases are expanded
     * @return these limits with that count
     */
    public OdcsLimits withMaxNodes(int nodes) {
        return new OdcsLimits(maxDocumentBytes, maxScalarChars, maxYamlLineChars, maxDepth, nodes);
    }
}
