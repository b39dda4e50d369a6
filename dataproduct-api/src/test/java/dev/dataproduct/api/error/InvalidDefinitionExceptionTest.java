package dev.dataproduct.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidDefinitionExceptionTest {

    @Test
    void messageListsEveryProblemUnderTheSubject() {
        InvalidDefinitionException e = new InvalidDefinitionException("product 'p'", List.of("first", "second"));
        String nl = System.lineSeparator();
        assertEquals("Invalid definition of product 'p': 2 problems" + nl + "  - first" + nl + "  - second",
                e.getMessage());
        assertEquals("product 'p'", e.subject());
        assertEquals(List.of("first", "second"), e.problems());
    }

    @Test
    void saysProblemInTheSingularForOne() {
        InvalidDefinitionException e = new InvalidDefinitionException("dataset 'd'", List.of("only"));
        assertTrue(e.getMessage().startsWith("Invalid definition of dataset 'd': 1 problem" + System.lineSeparator()),
                e.getMessage());
    }

    @Test
    void rejectsAnEmptyListOfProblems() {
        assertThrows(IllegalArgumentException.class, () -> new InvalidDefinitionException("x", List.of()));
    }

    @Test
    void copiesTheProblems() {
        List<String> problems = new ArrayList<>(List.of("a"));
        InvalidDefinitionException e = new InvalidDefinitionException("x", problems);
        problems.add("b");
        assertEquals(List.of("a"), e.problems());
        assertThrows(UnsupportedOperationException.class, () -> e.problems().add("c"));
    }

    @Test
    void everySpecificExceptionIsADataProductException() {
        IOException cause = new IOException("disk full");
        PortException port = new PortException("port 'files' failed", cause);
        assertSame(cause, port.getCause());
        for (RuntimeException e : List.of(port, new AccessDeniedException("no"), new ContractViolationException("no"),
                new IncompatibleChangeException("no"), new InvalidDefinitionException("x", List.of("y")))) {
            assertTrue(e instanceof DataProductException, e.getClass().getName());
        }
    }
}
