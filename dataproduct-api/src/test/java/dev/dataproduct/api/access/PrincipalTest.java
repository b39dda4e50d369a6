package dev.dataproduct.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void knowsItsRolesAndAttributes() {
        Principal p = new Principal("ana@example.com", Set.of("analyst"), Map.of("region", "EU"));
        assertTrue(p.hasRole("analyst"));
        assertFalse(p.hasRole("admin"));
        assertEquals(Optional.of("EU"), p.attribute("region"));
        assertEquals(Optional.empty(), p.attribute("team"));
    }

    @Test
    void ofGivesAPrincipalWithRolesAndNoAttributes() {
        Principal p = Principal.of("svc", "reader", "writer");
        assertEquals(Set.of("reader", "writer"), p.roles());
        assertEquals(Map.of(), p.attributes());
    }

    @Test
    void copiesItsRolesAndAttributes() {
        Map<String, Object> attributes = new HashMap<>(Map.of("region", "EU"));
        Principal p = new Principal("ana", Set.of(), attributes);
        attributes.put("region", "US");
        assertEquals(Optional.of("EU"), p.attribute("region"));
        assertThrows(UnsupportedOperationException.class, () -> p.roles().add("admin"));
        assertThrows(NullPointerException.class, () -> Principal.of(null));
    }
}
