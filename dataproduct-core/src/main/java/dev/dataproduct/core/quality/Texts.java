package dev.dataproduct.core.quality;

import java.util.Locale;

/** Number and text formatting for messages, labels and tables. */
final class Texts {
    private Texts() {
    }

    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        double abs = Math.abs(d);
        if (abs >= 1e-3 && abs < 1e9) {
            String s = String.format(Locale.ROOT, "%.4f", d);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return String.format(Locale.ROOT, "%.4g", d);
    }

    /**
     * @return the text, or its first {@code max - 3} characters and {@code ...} if longer, cut between
     *     code points: never inside a surrogate pair
     */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 3;
        if (Character.isHighSurrogate(s.charAt(cut - 1)) && Character.isLowSurrogate(s.charAt(cut))) {
            cut--;
        }
        return s.substring(0, cut) + "...";
    }
}
