package dev.dataproduct.api.product;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The person accountable for a product, and how to reach them.
 *
 * @param name the owner's name
 * @param email a contact address
 */
public record Owner(String name, String email) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Validates the components. */
    public Owner {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an owner needs a name");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("owner contact '" + email + "' is not an e-mail address");
        }
    }

    /**
     * @param name the owner's name
     * @param email a contact address
     * @return the owner
     * @throws IllegalArgumentException if the name is blank or the address is not an e-mail address
     */
    public static Owner person(String name, String email) {
        return new Owner(name, email);
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
