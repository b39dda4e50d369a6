package dev.dataproduct.api.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnerTest {

    @Test
    void keepsNameAndAddress() {
        Owner o = Owner.person("Ana Ruiz", "ana.ruiz@example.com");
        assertEquals("Ana Ruiz", o.name());
        assertEquals("ana.ruiz@example.com", o.email());
        assertEquals("Ana Ruiz <ana.ruiz@example.com>", o.toString());
        assertEquals(new Owner("Ana Ruiz", "ana.ruiz@example.com"), o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ana", "ana.example.com", "ana@example", "@example.com", "ana@@example.com",
            "ana ruiz@example.com", "ana@exa mple.com", "ana@example.", "ana@.com"})
    void rejectsAnAddressThatIsNotAnEmailAddress(String email) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Owner.person("Ana", email));
        assertEquals("owner contact '" + email + "' is not an e-mail address", e.getMessage());
    }

    @Test
    void rejectsABlankOrMissingName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Owner.person("  ", "ana@example.com"));
        assertEquals("an owner needs a name", e.getMessage());
        assertThrows(NullPointerException.class, () -> Owner.person(null, "ana@example.com"));
        assertThrows(NullPointerException.class, () -> Owner.person("Ana", null));
    }
}
