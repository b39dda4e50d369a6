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
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Classification;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessEnforcerTest {
    private static final String PRODUCT = "urn:dataproduct:k12:students:v1";
    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private List<Map<String, Object>> read(Policy policy, Principal who, int rows) {
        AccessView view = AccessEnforcer.of(PRODUCT, Students.SPEC, Optional.of(policy), MaskKeys.none()).viewFor(who);
        try (VectorSchemaRoot batch = Students.batch(allocator, 0, rows);
             VectorSchemaRoot seen = view.apply(batch, allocator)) {
            return Students.rows(seen);
        }
    }

    private static Principal person(String id, Map<String, Object> attributes, String... roles) {
        return new Principal(id, Set.of(roles), attributes);
    }

    @Test
    void deniesAPrincipalNoGrantIsForWithoutTellingThePolicy() {
        Policy policy = Policy.forDataset("students")
                .grant(Grant.to(Audience.role("secret-role-name")).rows(Expr.col("school").eq("A")).allColumns())
                .build();
        AccessEnforcer enforcer = AccessEnforcer.of(PRODUCT, Students.SPEC, Optional.of(policy), MaskKeys.none());
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> enforcer.viewFor(Principal.of("mallory", "student")));
        assertTrue(e.getMessage().contains("students") && e.getMessage().contains(PRODUCT), e.getMessage());
        assertFalse(e.getMessage().contains("secret-role-name") || e.getMessage().contains("school"), e.getMessage());
    }

    @Test
    void deniesEveryoneWhenTheDatasetHasNoPolicy() {
        AccessEnforcer enforcer = AccessEnforcer.of(PRODUCT, Students.SPEC, Optional.empty(), MaskKeys.none());
        assertThrows(AccessDeniedException.class, () -> enforcer.viewFor(Principal.of("root", "admin")));
    }

    @Test
    void masksConfidentialAndRestrictedFieldsAsNullUnlessAGrantUnmasksThem() {
        Policy policy = Policy.forDataset("students")
                .grant(Grant.to(Audience.role("teacher")).allColumns())
                .grant(Grant.to(Audience.role("office")).allColumns()
                        .unmask(Target.classification(Classification.RESTRICTED)))
                .build();
        Map<String, Object> teacher = read(policy, Principal.of("t", "teacher"), 1).get(0);
        assertNull(teacher.get("name"));
        assertNull(teacher.get("email"));
        assertEquals("A", teacher.get("school"));
        Map<String, Object> office = read(policy, Principal.of("o", "office"), 1).get(0);
        assertEquals("Student Number0", office.get("name"));
        assertNull(office.get("email"));
    }

    @Test
    void filtersRowsWithPrincipalAttributesBoundAsConstants() {
        Policy policy = Policy.forDataset("students")
                .grant(Grant.to(Audience.role("counselor")).columns("id", "school")
                        .rows(Expr.col("school").eq(Expr.principal("school"))))
                .build();
        List<Map<String, Object>> seen = read(policy, person("c", Map.of("school", "B"), "counselor"), 6);
        assertEquals(List.of("s1", "s3", "s5"), seen.stream().map(r -> r.get("id")).toList());
        assertEquals(List.of("id", "school"), List.copyOf(seen.get(0).keySet()));
        // no attribute: the filter is unknown for every row, so no row
        assertEquals(List.of(), read(policy, Principal.of("c2", "counselor"), 6));
    }

    @Test
    void matchesAudiencesByAttributesAndById() {
        Policy policy = Policy.forDataset("students")
                .grant(Grant.to(Audience.where(Expr.principal("region").eq("EU"))).columns("id"))
                .grant(Grant.to(Audience.principal("auditor@example.com")).columns("grade"))
                .build();
        assertEquals(List.of("id"), List.copyOf(read(policy, person("x", Map.of("region", "EU")), 1).get(0).keySet()));
        assertEquals(List.of("grade"), List.copyOf(read(policy, Principal.of("auditor@example.com"), 1).get(0).keySet()));
        AccessEnforcer enforcer = AccessEnforcer.of(PRODUCT, Students.SPEC, Optional.of(policy), MaskKeys.none());
        assertThrows(AccessDeniedException.class, () -> enforcer.viewFor(person("y", Map.of("region", "US"))));
    }

    @Test
    void combinesGrantsRowsAsUnionColumnsAsUnionAndClearOnlyWhereTheAdmittingGrantShowsIt() {
        Policy policy = Policy.forDataset("students")
                // school A: every column, names in the clear
                .grant(Grant.to(Audience.role("a")).named("school A").rows(Expr.col("school").eq("A"))
                        .columns("id", "name", "school").unmask(Target.field("name")))
                // grade 10: id, name masked, grade
                .grant(Grant.to(Audience.role("b")).named("grade 10").rows(Expr.col("grade").eq(10))
                        .columns("id", "name", "grade").mask(Target.field("name"), Mask.showFirst(3)))
                .build();
        List<Map<String, Object>> seen = read(policy, Principal.of("ab", "a", "b"), 8);
        // rows: school A (even ids) or grade 10 (i % 4 == 1)
        assertEquals(List.of("s0", "s1", "s2", "s4", "s5", "s6"), seen.stream().map(r -> r.get("id")).toList());
        assertEquals(List.of("id", "name", "school", "grade"), List.copyOf(seen.get(0).keySet()));
        Map<String, Object> s0 = seen.get(0);
        assertEquals("Student Number0", s0.get("name"));       // admitted by school A, which unmasks
        assertNull(s0.get("grade"));                           // grade shown only by a grant that does not admit s0
        Map<String, Object> s1 = seen.get(1);
        assertEquals("Stu************", s1.get("name"));       // admitted only by grade 10, which masks
        assertEquals(10L, s1.get("grade"));
        assertNull(s1.get("school"));                          // school shown only by a grant that does not admit s1
    }

    @Test
    void theGrantsOwnMaskWinsOverThePolicysAndFieldOverTagOverClassification() {
        Policy policy = Policy.forDataset("students")
                .tag("contact", "email")
                .mask(Target.classification(Classification.CONFIDENTIAL), Mask.redact("CONFIDENTIAL"))
                .mask(Target.tag("contact"), Mask.email())
                .mask(Target.field("name"), Mask.showLast(2))
                .mask(Target.classification(Classification.RESTRICTED), Mask.redact("RESTRICTED"))
                .grant(Grant.to(Audience.role("plain")).allColumns())
                .grant(Grant.to(Audience.role("own")).allColumns().mask(Target.field("email"), Mask.typeDefault()))
                .build();
        Map<String, Object> plain = read(policy, Principal.of("p", "plain"), 1).get(0);
        assertEquals("s***@school.example", plain.get("email"));
        assertEquals("*************r0", plain.get("name"));
        Map<String, Object> own = read(policy, Principal.of("o", "own"), 1).get(0);
        assertEquals("", own.get("email"));
    }

    @Test
    void writesStringValuesMaskedByDifferentGrantsInRowOrder() {
        Policy policy = Policy.forDataset("students")
                .grant(Grant.to(Audience.role("r")).named("school B").rows(Expr.col("school").eq("B")).allColumns()
                        .mask(Target.field("school"), Mask.redact("masked by B")))
                .grant(Grant.to(Audience.role("r")).named("everyone").allColumns()
                        .mask(Target.field("school"), Mask.showFirst(0)))
                .grant(Grant.to(Audience.role("r")).named("grade 11").rows(Expr.col("grade").eq(11)).allColumns()
                        .unmask(Target.field("school")))
                .build();
        List<Object> schools = read(policy, Principal.of("r", "r"), 6).stream().map(r -> r.get("school")).toList();
        assertEquals(List.of("*", "masked by B", "A", "masked by B", "*", "masked by B"), schools);
    }

    @Test
    void reportsABrokenRowFilterWithoutItsContents() {
        Policy policy = Policy.forDataset("students")
                .grant(Grant.to(Audience.role("r")).allColumns().rows(Expr.col("grade").eq("top-secret-literal")))
                .build();
        AccessView view = AccessEnforcer.of(PRODUCT, Students.SPEC, Optional.of(policy), MaskKeys.none())
                .viewFor(Principal.of("r", "r"));
        try (VectorSchemaRoot batch = Students.batch(allocator, 0, 2)) {
            DataProductException e = assertThrows(DataProductException.class, () -> view.apply(batch, allocator));
            assertFalse(e.getMessage().contains("top-secret-literal"), e.getMessage());
            assertTrue(e.getMessage().contains("students"), e.getMessage());
        }
    }

    @Test
    void refusesAPolicyWhoseHashKeyTheApplicationDidNotGive() {
        Policy policy = Policy.forDataset("students")
                .mask(Target.field("email"), Mask.keyedHash("pii"))
                .grant(Grant.to(Audience.role("r")).allColumns()).build();
        DataProductException e = assertThrows(DataProductException.class,
                () -> AccessEnforcer.of(PRODUCT, Students.SPEC, Optional.of(policy), MaskKeys.none()));
        assertTrue(e.getMessage().contains("hashKey(\"pii\""), e.getMessage());
    }

    @Test
    void reportsColumnsThatMayBeMasked() {
        Policy policy = Policy.forDataset("students")
                .grant(Grant.to(Audience.role("r")).columns("id", "name", "grade")).build();
        AccessView view = AccessEnforcer.of(PRODUCT, Students.SPEC, Optional.of(policy), MaskKeys.none())
                .viewFor(Principal.of("r", "r"));
        assertEquals(List.of("id", "name", "grade"), view.columns());
        assertEquals(Set.of("name"), view.maskedColumns());
    }
}
