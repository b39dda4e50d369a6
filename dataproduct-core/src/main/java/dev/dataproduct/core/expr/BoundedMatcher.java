package dev.dataproduct.core.expr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Matcher} that gives up instead of running away: a user's pattern with nested or
 * overlapping repetition (such as {@code (a|ab)*c}) backtracks exponentially on some values, or
 * recurses deeper than the thread's stack, and must not take a whole run down. The text is read
 * through a view that counts the characters the matcher reads; past a budget of
 * {@value #BASE_STEPS} plus {@value #STEPS_PER_CHAR} per character of the value, or on a
 * {@link StackOverflowError}, the match is {@link #UNDECIDED}. An ordinary pattern reads each
 * character a few times, far below the budget.
 *
 * <p>One instance per pattern and thread; not thread-safe.
 */
public final class BoundedMatcher {
    /** The result of {@link #matches} when the match was given up. */
    public static final int UNDECIDED = -1;
    static final long BASE_STEPS = 100_000;
    static final long STEPS_PER_CHAR = 1_000;

    private final Pattern pattern;
    private final Matcher matcher;
    private final CountingView view = new CountingView();

    /** @param pattern the compiled pattern */
    public BoundedMatcher(Pattern pattern) {
        this.pattern = pattern;
        this.matcher = pattern.matcher("");
    }

    /** @return the pattern */
    public Pattern pattern() {
        return pattern;
    }

    /**
     * Tests whether the whole text matches.
     *
     * @param text the text
     * @return 1 if it matches, 0 if not, {@link #UNDECIDED} if the match took more than its budget
     *     of steps or more stack than the thread has
     */
    public int matches(CharSequence text) {
        view.reset(text, BASE_STEPS + STEPS_PER_CHAR * text.length());
        try {
            return matcher.reset(view).matches() ? 1 : 0;
        } catch (BudgetExceeded | StackOverflowError e) {
            return UNDECIDED;
        } finally {
            matcher.reset("");
            view.reset("", 0);
        }
    }

    /**
     * @param regex the pattern as written
     * @param length the length of the value in characters
     * @return why a match is {@link #UNDECIDED}, without the value: for messages
     */
    public static String reason(String regex, int length) {
        return "pattern '" + regex + "' could not be evaluated on a value of " + length + " characters within "
                + (BASE_STEPS + STEPS_PER_CHAR * length) + " steps (or it recursed too deep): nested or overlapping "
                + "repetition such as (a|ab)* backtracks without end; rewrite the pattern without it";
    }

    /** Thrown by the view past its budget; no stack trace, as it is caught right away. */
    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("the pattern's step budget is exhausted", null, false, false);
        }
    }

    /** A view of a text that counts the characters read and stops the matcher past a budget. */
    private static final class CountingView implements CharSequence {
        private CharSequence text;
        private long left;

        void reset(CharSequence text, long budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
