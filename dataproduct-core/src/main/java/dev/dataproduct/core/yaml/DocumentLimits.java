package dev.dataproduct.core.yaml;

/**
 * The limits every document reader of the SDK (ODCS contracts, ODPS documents, product
 * descriptors) holds a document to before and while parsing it, so that a hostile or broken file is
 * refused quickly with a message rather than exhausting time or memory. A contract of a few
 * thousand properties stays far below every default.
 *
 * <pre>{@code
 * OdcsReader reader = OdcsCodec.reader().limits(DocumentLimits.defaults().withMaxDocumentBytes(64L << 20));
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
public record DocumentLimits(long maxDocumentBytes, int maxScalarChars, int maxYamlLineChars, int maxDepth,
                         int maxNodes) {
    private static final DocumentLimits DEFAULTS = new DocumentLimits(16L << 20, 1 << 20, 64 << 10, 64, 1_000_000);

    /**
     * @throws IllegalArgumentException if a limit is not positive
     */
    public DocumentLimits {
        if (maxDocumentBytes < 1 || maxScalarChars < 1 || maxYamlLineChars < 1 || maxDepth < 1 || maxNodes < 1) {
            throw new IllegalArgumentException("every document limit must be at least 1: " + this);
        }
    }

    /** @return the default limits */
    public static DocumentLimits defaults() {
        return DEFAULTS;
    }

    /**
     * @param bytes the largest document, in bytes of UTF-8
     * @return these limits with that document size
     */
    public DocumentLimits withMaxDocumentBytes(long bytes) {
        return new DocumentLimits(bytes, maxScalarChars, maxYamlLineChars, maxDepth, maxNodes);
    }

    /**
     * @param chars the longest value or key, in characters
     * @return these limits with that scalar length
     */
    public DocumentLimits withMaxScalarChars(int chars) {
        return new DocumentLimits(maxDocumentBytes, chars, maxYamlLineChars, maxDepth, maxNodes);
    }

    /**
     * @param chars the longest YAML line, in characters
     * @return these limits with that line length
     */
    public DocumentLimits withMaxYamlLineChars(int chars) {
        return new DocumentLimits(maxDocumentBytes, maxScalarChars, chars, maxDepth, maxNodes);
    }

    /**
     * @param depth the deepest nesting of mappings and lists
     * @return these limits with that depth
     */
    public DocumentLimits withMaxDepth(int depth) {
        return new DocumentLimits(maxDocumentBytes, maxScalarChars, maxYamlLineChars, depth, maxNodes);
    }

    /**
     * @param nodes the most values once aliases are expanded
     * @return these limits with that count
     */
    public DocumentLimits withMaxNodes(int nodes) {
        return new DocumentLimits(maxDocumentBytes, maxScalarChars, maxYamlLineChars, maxDepth, nodes);
    }
}
