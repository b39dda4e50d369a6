package dev.dataproduct.ports.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Content negotiation by {@code Accept} (RFC 9110 section 12.5.1): media ranges with q values. */
final class MediaTypes {
    static final String PROBLEM = "application/problem+json";
    static final String JSON = "application/json";
    static final String YAML = "application/yaml";
    static final String HTML = "text/html";

    private MediaTypes() {
    }

    /**
     * @param accept the Accept header, or null
     * @param offered the media types served, the default first
     * @return the type to answer with, or empty if the client accepts none of them (406)
     */
    static Optional<String> negotiate(String accept, List<String> offered) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(offered.get(0));
        }
        String best = null;
        double bestQ = 0;
        for (String type : offered) {
            double q = quality(accept, type);
            if (q > bestQ) {
                best = type;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A weight between 0 and 1; one that is not a number counts as 0, so it never wins. */
    private static double weight(String q) {
        try {
            double w = Double.parseDouble(q);
            return Double.isNaN(w) ? 0 : Math.max(0, Math.min(1, w));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The q of the most specific range that matches the type (0 if none does). */
    private static double quality(String accept, String type) {
        int bestSpecificity = -1;
        double q = 0;
        String[] t = type.split("/");
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            String r = parts[0].trim().toLowerCase(Locale.ROOT);
            double rq = 1;
            for (int i = 1; i < parts.length; i++) {
                // parameter names are case-insensitive and "=" may have spaces around it (RFC 9110 5.6.6)
                String[] p = parts[i].split("=", 2);
                if (p.length == 2 && p[0].trim().equalsIgnoreCase("q")) {
                    rq = weight(p[1].trim());
                }
            }
            int specificity;
            if (r.equals(type)) {
                specificity = 2;
            } else if (r.equals(t[0] + "/*")) {
                specificity = 1;
            } else if (r.equals("*/*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = rq;
            }
        }
        return q;
    }
}
