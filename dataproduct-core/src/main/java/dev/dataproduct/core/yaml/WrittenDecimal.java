package dev.dataproduct.core.yaml;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A decimal read from a document that remembers how it was written ({@code 1e3}, {@code 1.5E-3}),
 * so that the writer writes it back the same way. It is equal to any {@link BigDecimal} of the same
 * value and scale, and behaves as one everywhere else.
 */
public final class WrittenDecimal extends BigDecimal {
    private static final long serialVersionUID = 1L;
    /** The literals both JSON and YAML read as this number; others are written in the usual form. */
    private static final Pattern PORTABLE = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final String text;

    private WrittenDecimal(BigDecimal value, String text) {
        super(value.unscaledValue(), value.scale());
        this.text = text;
    }

    /**
     * @param value the number
     * @param text how the document wrote it
     * @return the number, remembering its text if that text can be written back to JSON and YAML
     */
    public static BigDecimal of(BigDecimal value, String text) {
        return PORTABLE.matcher(text).matches() ? new WrittenDecimal(value, text) : value;
    }

    /** @return the number as the document wrote it */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
