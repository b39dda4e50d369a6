package dev.dataproduct.api.metric;

import java.util.Objects;
import java.util.regex.Pattern;

/** The one rule for the names of a semantic model. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private Names() {
    }

    /** Names are lower-case identifiers, so they are the same word in Java, YAML, SQL and URLs. */
    static String check(String name, String what) {
        Objects.requireNonNull(name, what + " name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the " + what + " name '" + name
                    + "' is not valid: use lower-case letters, digits and '_', starting with a letter");
        }
        return name;
    }
}
