package dev.dataproduct.api.access;

import dev.dataproduct.api.expr.Expr;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a value a principal may not see in the clear is shown instead. Every mask keeps the field's
 * type, so a masked column is still a column of the declared type and a filter or an order over
 * it works on the masked value. Whether a mask fits a field's type is checked when the product is
 * built; {@code null} values stay {@code null} under every mask.
 *
 * <table>
 *   <caption>The catalogue</caption>
 *   <tr><th>mask</th><th>types</th><th>example</th></tr>
 *   <tr><td>{@link #nullify()}</td><td>all</td><td>{@code 'ana@example.com'} → {@code null}</td></tr>
 *   <tr><td>{@link #redact(Object)}</td><td>the replacement's type</td>
 *       <td>{@code redact("REDACTED")}: {@code 'Ana'} → {@code 'REDACTED'}</td></tr>
 *   <tr><td>{@link #showFirst(int)}</td><td>string</td><td>{@code showFirst(2)}: {@code 'ES-1234'} → {@code 'ES*****'}</td></tr>
 *   <tr><td>{@link #showLast(int)}</td><td>string</td><td>{@code showLast(4)}: {@code '5555123456'} → {@code '******3456'}</td></tr>
 *   <tr><td>{@link #email()}</td><td>string</td><td>{@code 'ana.ruiz@example.com'} → {@code 'a***@example.com'}</td></tr>
 *   <tr><td>{@link #yearOnly()}</td><td>date, timestamp, timestamp_tz</td>
 *       <td>{@code 2011-07-14} → {@code 2011-01-01}; a timestamp → the first instant of its year (UTC)</td></tr>
 *   <tr><td>{@link #keyedHash(String)}</td><td>string</td>
 *       <td>HMAC-SHA-256 of the UTF-8 value under an application key, as 64 lower-case hex digits</td></tr>
 *   <tr><td>{@link #typeDefault()}</td><td>all but struct</td>
 *       <td>{@code ''}, {@code 0}, {@code false}, {@code 1970-01-01}, {@code 00:00}, the epoch, an empty array</td></tr>
 *   <tr><td>{@link #custom(String, UnaryOperator)}</td><td>all</td><td>Java code from value to value</td></tr>
 *   <tr><td>{@link #computed(Expr)}</td><td>the expression's type</td>
 *       <td>{@code computed(col("salary").dividedBy(1000).times(1000))}</td></tr>
 * </table>
 *
 * <p>A keyed hash, unlike a plain hash, cannot be reversed by hashing a dictionary of likely
 * values (phone numbers, national ids) without the key; the key is given to the reader by the
 * application, never declared with the policy.
 */
public sealed interface Mask {

    /** @return a mask that shows no value ({@code null}) */
    static Mask nullify() {
        return new Nullify();
    }

    /**
     * @param replacement the value shown instead, of the field's type (a {@code String} for a
     *     string field, a number for a numeric field, a {@code java.time} value for a temporal one)
     * @return a mask that shows the replacement
     */
    static Mask redact(Object replacement) {
        return new Redact(replacement);
    }

    /**
     * @param count how many leading characters stay visible
     * @return a mask that replaces every other character with {@code *}
     */
    static Mask showFirst(int count) {
        return new ShowFirst(count);
    }

    /**
     * @param count how many trailing characters stay visible
     * @return a mask that replaces every other character with {@code *}
     */
    static Mask showLast(int count) {
        return new ShowLast(count);
    }

    /**
     * @return a mask that keeps the first character of an e-mail address and its domain,
     *     {@code x***@domain}; a value without {@code @} becomes {@code ***}
     */
    static Mask email() {
        return new Email();
    }

    /** @return a mask that keeps only the year of a date or timestamp (January 1st, midnight) */
    static Mask yearOnly() {
        return new YearOnly();
    }

    /**
     * @param keyName the name under which the application gives the reader the secret key
     * @return a mask that shows the HMAC-SHA-256 of the value as hex
     */
    static Mask keyedHash(String keyName) {
        return new KeyedHash(keyName);
    }

    /** @return a mask that shows the zero value of the field's type */
    static Mask typeDefault() {
        return new TypeDefault();
    }

    /**
     * A mask written in Java. It is called with each non-null value, in the SDK's value model, and
     * must return a value of the same type (or {@code null}).
     *
     * @param name a name for messages and audit
     * @param function the masking function; it must not throw for any value of the field's type
     * @return the mask
     */
    static Mask custom(String name, UnaryOperator<Object> function) {
        return new Custom(name, function);
    }

    /**
     * A mask written in the expression model: the expression is evaluated over the row, in the
     * clear, and its value of the field's type is shown. It may read other columns and principal
     * attributes.
     *
     * @param expression the expression
     * @return the mask
     */
    static Mask computed(Expr expression) {
        return new Computed(expression);
    }

    /** Shows {@code null}. */
    record Nullify() implements Mask {
        @Override
        public String toString() {
            return "null";
        }
    }

    /**
     * Shows a fixed replacement.
     *
     * @param replacement a value in the SDK's value model
     */
    record Redact(Object replacement) implements Mask {
        /** Validates and normalises the replacement like a literal of the expression model. */
        public Redact {
            Objects.requireNonNull(replacement, "a redact mask needs a replacement; use nullify() for null");
            replacement = ((Expr.Literal) Expr.lit(replacement)).value();
        }

        @Override
        public String toString() {
            return "redact";
        }
    }

    /**
     * Shows the first characters.
     *
     * @param count how many, 0 or more
     */
    record ShowFirst(int count) implements Mask {
        /** Validates the count. */
        public ShowFirst {
            requireCount(count, "showFirst");
        }

        @Override
        public String toString() {
            return "showFirst(" + count + ")";
        }
    }

    /**
     * Shows the last characters.
     *
     * @param count how many, 0 or more
     */
    record ShowLast(int count) implements Mask {
        /** Validates the count. */
        public ShowLast {
            requireCount(count, "showLast");
        }

        @Override
        public String toString() {
            return "showLast(" + count + ")";
        }
    }

    /** Shows {@code x***@domain}. */
    record Email() implements Mask {
        @Override
        public String toString() {
            return "email";
        }
    }

    /** Shows January 1st of the value's year. */
    record YearOnly() implements Mask {
        @Override
        public String toString() {
            return "yearOnly";
        }
    }

    /**
     * Shows a keyed hash.
     *
     * @param keyName the name of the application-supplied key
     */
    record KeyedHash(String keyName) implements Mask {
        /** Validates the key name. */
        public KeyedHash {
            Objects.requireNonNull(keyName, "keyName");
            if (keyName.isBlank()) {
                throw new IllegalArgumentException("a keyed hash needs the name of its key");
            }
        }

        @Override
        public String toString() {
            return "keyedHash(" + keyName + ")";
        }
    }

    /** Shows the zero value of the type. */
    record TypeDefault() implements Mask {
        @Override
        public String toString() {
            return "typeDefault";
        }
    }

    /**
     * A mask in Java.
     *
     * @param name its name
     * @param function value to masked value
     */
    record Custom(String name, UnaryOperator<Object> function) implements Mask {
        /** Validates the components. */
        public Custom {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(function, "function");
        }

        @Override
        public String toString() {
            return "custom(" + name + ")";
        }
    }

    /**
     * A mask in the expression model.
     *
     * @param expression evaluated over the row in the clear
     */
    record Computed(Expr expression) implements Mask {
        /** Validates the expression. */
        public Computed {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public String toString() {
            return "computed(" + expression + ")";
        }
    }

    private static void requireCount(int count, String mask) {
        if (count < 0) {
            throw new IllegalArgumentException(mask + " needs a count of 0 or more, not " + count);
        }
    }
}
