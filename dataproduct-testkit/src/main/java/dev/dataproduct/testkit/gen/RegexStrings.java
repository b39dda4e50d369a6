package dev.dataproduct.testkit.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates strings matching the common shapes of regular expressions in contracts: literals,
 * escapes ({@code \d \w \s \.}), classes with ranges and negation ({@code [A-Z0-9_]}, {@code [^@\s]}),
 * {@code .}, groups with alternation, and the quantifiers {@code ? * + {n} {n,} {n,m}}. Other
 * constructs (look-around, back-references) are not understood; the caller checks the result.
 */
final class RegexStrings {
    /** Printable ASCII, what {@code .} and negated classes draw from. */
    private static final String PRINTABLE;
    private static final int OPEN_REPEAT = 4;

    static {
        StringBuilder sb = new StringBuilder();
        for (char c = 0x21; c < 0x7f; c++) {
            sb.append(c);
        }
        PRINTABLE = sb.toString();
    }

    private final String regex;
    private int pos;

    private RegexStrings(String regex) {
        this.regex = regex;
    }

    /** A node of the parsed expression: generates its part of a string. */
    private interface Node {
        void emit(StringBuilder out, Random random);
    }

    /**
     * @param regex a regular expression
     * @param random the source of randomness
     * @return a string meant to match it
     * @throws IllegalArgumentException if the expression uses a construct this generator does not know
     */
    static String generate(String regex, Random random) {
        RegexStrings parser = new RegexStrings(regex);
        Node node = parser.alternation();
        if (parser.pos != regex.length()) {
            throw new IllegalArgumentException("unbalanced ')' at " + parser.pos + " of '" + regex + "'");
        }
        StringBuilder out = new StringBuilder();
        node.emit(out, random);
        return out.toString();
    }

    private Node alternation() {
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : (out, r) -> options.get(r.nextInt(options.size())).emit(out, r);
    }

    private Node sequence() {
        List<Node> parts = new ArrayList<>();
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            parts.add(quantified(atom()));
        }
        return (out, r) -> parts.forEach(p -> p.emit(out, r));
    }

    private Node atom() {
        char c = regex.charAt(pos++);
        switch (c) {
            case '(':
                if (regex.startsWith("?:", pos)) {
                    pos += 2;
                } else if (pos < regex.length() && regex.charAt(pos) == '?') {
                    throw unsupported("group construct (?");
                }
                Node inner = alternation();
                expect(')');
                return inner;
            case '[':
                return charClass();
            case '.':
                return chars(PRINTABLE);
            case '^':
            case '$':
                return (out, r) -> { };
            case '\\':
                return chars(escape(regex.charAt(pos++)));
            default:
                if ("*+?{".indexOf(c) >= 0) {
                    throw unsupported("quantifier '" + c + "' without anything before it");
                }
                return (out, r) -> out.append(c);
        }
    }

    /** @return the characters an escape stands for (within the printable range for classes) */
    private String escape(char e) {
        switch (e) {
            case 'd': return "0123456789";
            case 'w': return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
            case 's': return " ";
            case 'D': case 'W': case 'S': return without(PRINTABLE, escape(Character.toLowerCase(e)));
            case 'b': case 'B': case 'A': case 'z': case 'Z': case 'p': case 'P': case 'k': case 'Q': case 'E':
                throw unsupported("escape \\" + e);
            case 't': return "\t";
            case 'n': return "\n";
            default:
                if (Character.isDigit(e)) {
                    throw unsupported("back-reference \\" + e);
                }
                return String.valueOf(e);
        }
    }

    private Node charClass() {
        boolean negated = pos < regex.length() && regex.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        StringBuilder set = new StringBuilder();
        boolean first = true;
        while (pos < regex.length() && (regex.charAt(pos) != ']' || first)) {
            first = false;
            char c = regex.charAt(pos++);
            String member;
            if (c == '\\') {
                member = escape(regex.charAt(pos++));
            } else if (c == '[') {
                throw unsupported("nested class");
            } else {
                member = String.valueOf(c);
            }
            if (member.length() == 1 && pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                pos++;
                char to = regex.charAt(pos++);
                if (to == '\\') {
                    to = escape(regex.charAt(pos++)).charAt(0);
                }
                for (char x = member.charAt(0); x <= to; x++) {
                    set.append(x);
                }
            } else {
                set.append(member);
            }
        }
        expect(']');
        String chars = negated ? without(PRINTABLE, set.toString()) : set.toString();
        if (chars.isEmpty()) {
            throw unsupported("empty class");
        }
        return chars(chars);
    }

    private Node quantified(Node atom) {
        if (pos >= regex.length()) {
            return atom;
        }
        char q = regex.charAt(pos);
        int min;
        int max;
        if (q == '?') {
            min = 0;
            max = 1;
        } else if (q == '*') {
            min = 0;
            max = OPEN_REPEAT;
        } else if (q == '+') {
            min = 1;
            max = OPEN_REPEAT;
        } else if (q == '{') {
            int close = regex.indexOf('}', pos);
            if (close < 0) {
                throw unsupported("unclosed {");
            }
            String[] bounds = regex.substring(pos + 1, close).split(",", -1);
            try {
                min = Integer.parseInt(bounds[0].strip());
                max = bounds.length == 1 ? min
                        : bounds[1].isBlank() ? min + OPEN_REPEAT : Integer.parseInt(bounds[1].strip());
            } catch (NumberFormatException e) {
                throw unsupported("repetition " + regex.substring(pos, close + 1));
            }
            pos = close;
        } else {
            return atom;
        }
        pos++;
        if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same strings match
        }
        int lo = min;
        int hi = max;
        return (out, r) -> {
            int n = lo + r.nextInt(hi - lo + 1);
            for (int i = 0; i < n; i++) {
                atom.emit(out, r);
            }
        };
    }

    private static Node chars(String set) {
        return (out, r) -> out.append(set.charAt(r.nextInt(set.length())));
    }

    private static String without(String all, String removed) {
        StringBuilder sb = new StringBuilder();
        all.chars().filter(c -> removed.indexOf(c) < 0).forEach(c -> sb.append((char) c));
        return sb.toString();
    }

    private void expect(char c) {
        if (pos >= regex.length() || regex.charAt(pos) != c) {
            throw unsupported("missing '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException("cannot generate strings for pattern '" + regex + "': " + what
                + " at " + pos + "; give the field examples that match it");
    }
}
