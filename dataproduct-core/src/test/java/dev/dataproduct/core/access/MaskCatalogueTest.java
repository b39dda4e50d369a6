package dev.dataproduct.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.expr.Function;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaskCatalogueTest {
    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    /** The first row of students as seen by a principal whose one grant masks a field. */
    private Map<String, Object> masked(String field, Mask mask, MaskKeys keys) {
        Policy policy = Policy.forDataset("students").mask(Target.field(field), mask)
                .grant(Grant.to(Audience.role("r")).allColumns()).build();
        AccessView view = AccessEnforcer.of("urn:dataproduct:k12:students:v1", Students.SPEC, Optional.of(policy), keys)
                .viewFor(Principal.of("r", "r"));
        try (VectorSchemaRoot batch = Students.batch(allocator, 0, 1);
             VectorSchemaRoot seen = view.apply(batch, allocator)) {
            return Students.rows(seen).get(0);
        }
    }

    private Object masked(String field, Mask mask) {
        return masked(field, mask, MaskKeys.none()).get(field);
    }

    @Test
    void nullifyShowsNull() {
        assertNull(masked("school", Mask.nullify()));
    }

    @Test
    void redactShowsTheReplacementOfTheFieldsType() {
        assertEquals("XX", masked("school", Mask.redact("XX")));
        assertEquals(0L, masked("grade", Mask.redact(0)));
        assertEquals(LocalDate.of(2000, 1, 1), masked("birth", Mask.redact(LocalDate.of(2000, 1, 1))));
    }

    @Test
    void showFirstAndShowLastKeepThatManyCharacters() {
        assertEquals("s*", masked("id", Mask.showFirst(1)));
        assertEquals("*0", masked("id", Mask.showLast(1)));
        assertEquals("s0", masked("id", Mask.showFirst(10)));
        assertEquals("**", masked("id", Mask.showLast(0)));
    }

    @Test
    void showFirstCountsCharactersNotUtf16Units() {
        assertEquals("\uD83D\uDE00*", MaskKernels.showFirst("\uD83D\uDE00\uD83D\uDE01", 1));
        assertEquals("*\uD83D\uDE01", MaskKernels.showLast("\uD83D\uDE00\uD83D\uDE01", 1));
    }

    @Test
    void emailKeepsTheFirstCharacterAndTheDomain() {
        assertEquals("s***@school.example", masked("email", Mask.email()));
        assertEquals("***", MaskKernels.email("not an address"));
        assertEquals("***", MaskKernels.email("@domain.only"));
    }

    @Test
    void yearOnlyKeepsTheYearOfDatesAndTimestamps() {
        assertEquals(LocalDate.of(2008, 1, 1), masked("birth", Mask.yearOnly()));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), masked("seen_at", Mask.yearOnly()));
    }

    @Test
    void keyedHashIsHmacSha256InHex() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        // RFC 4231 test case 1: key 0x0b x 20, data "Hi There"
        Map<String, Object> row = masked("school", Mask.custom("hi", v -> "Hi There"), MaskKeys.none());
        assertEquals("Hi There", row.get("school"));
        Policy policy = Policy.forDataset("students")
                .mask(Target.field("school"), Mask.keyedHash("k"))
                .grant(Grant.to(Audience.role("r")).allColumns()).build();
        AccessView view = AccessEnforcer.of("urn:dataproduct:k12:students:v1", Students.SPEC, Optional.of(policy),
                MaskKeys.none().with("k", key)).viewFor(Principal.of("r", "r"));
        try (VectorSchemaRoot batch = BatchBuilder.fromRows(Students.SPEC.schema(),
                List.of(schoolOnly("Hi There")), allocator);
             VectorSchemaRoot seen = view.apply(batch, allocator)) {
            assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                    Students.rows(seen).get(0).get("school"));
        }
    }

    private static Map<String, Object> schoolOnly(String school) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", "x");
        row.put("school", school);
        return row;
    }

    @Test
    void keyedHashDependsOnTheKey() {
        byte[] one = new byte[16];
        byte[] two = new byte[16];
        two[0] = 1;
        Object a = masked("id", Mask.keyedHash("k"), MaskKeys.none().with("k", one)).get("id");
        Object b = masked("id", Mask.keyedHash("k"), MaskKeys.none().with("k", two)).get("id");
        assertEquals(64, ((String) a).length());
        assertFalse(a.equals(b));
    }

    @Test
    void refusesAShortHashKey() {
        assertThrows(IllegalArgumentException.class, () -> MaskKeys.none().with("k", new byte[8]));
        assertFalse(MaskKeys.none().with("k", new byte[16]).toString().contains("0"));
    }

    @Test
    void typeDefaultShowsTheZeroOfEachType() {
        assertEquals("", masked("school", Mask.typeDefault()));
        assertEquals(0L, masked("grade", Mask.typeDefault()));
        assertEquals(LocalDate.EPOCH, masked("birth", Mask.typeDefault()));
        assertEquals(Instant.EPOCH, masked("seen_at", Mask.typeDefault()));
    }

    @Test
    void aNullStaysNullUnderEveryMask() {
        Policy policy = Policy.forDataset("students").mask(Target.field("school"), Mask.redact("XX"))
                .grant(Grant.to(Audience.role("r")).allColumns()).build();
        AccessView view = AccessEnforcer.of("urn:dataproduct:k12:students:v1", Students.SPEC, Optional.of(policy),
                MaskKeys.none()).viewFor(Principal.of("r", "r"));
        Map<String, Object> row = new HashMap<>();
        row.put("id", "x");
        try (VectorSchemaRoot batch = BatchBuilder.fromRows(Students.SPEC.schema(), List.of(row), allocator);
             VectorSchemaRoot seen = view.apply(batch, allocator)) {
            assertNull(Students.rows(seen).get(0).get("school"));
        }
    }

    @Test
    void aCustomJavaMaskMapsEachValue() {
        assertEquals("S0", masked("id", Mask.custom("upper", v -> ((String) v).toUpperCase())));
    }

    @Test
    void aCustomMaskThatChangesTheTypeFailsWithoutQuotingTheValueOrTheMask() {
        DataProductException e = assertThrows(DataProductException.class,
                () -> masked("school", Mask.custom("bad", v -> 42.5)));
        // the reader learns which column's mask failed; the mask itself is policy content, kept for the log
        assertTrue(e.getMessage().contains("column 'school'") && e.getMessage().contains("owner must fix"),
                e.getMessage());
        assertFalse(e.getMessage().contains("42.5") || e.getMessage().contains("custom(bad)"), e.getMessage());
    }

    @Test
    void aComputedMaskEvaluatesItsExpressionOverTheRow() {
        assertEquals("STUDENT0@SCHOOL.EXAMPLE", masked("email", Mask.computed(Expr.call(Function.UPPER,
                Expr.col("email")))));
        assertEquals(0L, masked("grade", Mask.computed(Expr.col("grade").minus(Expr.col("grade")))));
    }
}
