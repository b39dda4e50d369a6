package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compiled subset of regular expressions answers as {@link java.util.regex.Matcher#matches()}
 * does, for generated patterns and values, and declines what it does not cover.
 */
class AsciiPatternTest {
    private static final String[] ATOMS = {"a", "b", "x", "-", "\\.", ".", "\\d", "\\w", "\\s", "\\D", "[a-c]",
        "[^a]", "[0-9_]", "[\\d.-]", "\\-", "[A-Z]", " ", "\\S", "[-b]", "[a-]"};
    private static final String[] QUANTIFIERS = {"", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}"};
    private static final String ALPHABET = "abxAZ09_-. \t\n\r";

    @Test
    void generatedPatternsAnswerAsJavaRegex() {
        Random rnd = new Random(7);
        int decided = 0;
        for (int p = 0; p < 400; p++) {
            StringBuilder regex = new StringBuilder(rnd.nextInt(4) == 0 ? "^" : "");
            for (int a = 1 + rnd.nextInt(5); a > 0; a--) {
                regex.append(ATOMS[rnd.nextInt(ATOMS.length)]).append(QUANTIFIERS[rnd.nextInt(QUANTIFIERS.length)]);
            }
            if (rnd.nextInt(4) == 0) {
                regex.append('$');
            }
            AsciiPattern compiled = AsciiPattern.compile(regex.toString());
            assertNotNull(compiled, regex.toString());
            Pattern java = Pattern.compile(regex.toString());
            for (int v = 0; v < 200; v++) {
                StringBuilder value = new StringBuilder();
                for (int k = rnd.nextInt(8); k > 0; k--) {
                    value.append(rnd.nextInt(40) == 0 ? 'é' : ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                }
                byte[] bytes = ("##" + value).getBytes(StandardCharsets.UTF_8);
                int answer = compiled.matches(bytes, 2, bytes.length);
                boolean expected = java.matcher(value).matches();
                if (answer == AsciiPattern.UNDECIDED) {
                    assertTrue(value.chars().anyMatch(c -> c >= 128), "undecided only with non-ASCII: " + value);
                } else {
                    decided++;
                    assertEquals(expected, answer == 1, "'" + regex + "' on '" + value + "'");
                }
            }
        }
        assertTrue(decided > 60_000, "decided " + decided);
    }

    @Test
    void commonIdentifierPatternsCompile() {
        for (String regex : List.of("SKU-\\d{6}", "^[A-Z]{2}\\d{4,}$", "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}",
                "CUST-0[0-9]\\d{4}", "\\d{4}-\\d{2}-\\d{2}")) {
            AsciiPattern compiled = AsciiPattern.compile(regex);
            assertNotNull(compiled, regex);
            byte[] yes = sample(regex).getBytes(StandardCharsets.UTF_8);
            assertEquals(Pattern.matches(regex, sample(regex)) ? 1 : 0, compiled.matches(yes, 0, yes.length), regex);
        }
    }

    private static String sample(String regex) {
        switch (regex) {
            case "SKU-\\d{6}": return "SKU-123456";
            case "^[A-Z]{2}\\d{4,}$": return "AB12345";
            case "CUST-0[0-9]\\d{4}": return "CUST-012345";
            case "\\d{4}-\\d{2}-\\d{2}": return "2026-11-21";
            default: return "jane.doe+x@example.org";
        }
    }

    @Test
    void otherShapesAreLeftToJavaRegex() {
        for (String regex : List.of("(ab)+", "a|b", "(?i)abc", "a*?", "a++", "\\p{L}+", "\\bword", "[a-z&&[^b]]",
                "\\x41", "a{,3}", "é+", "[]a]", "\\1")) {
            assertNull(AsciiPattern.compile(regex), regex);
        }
    }
}
