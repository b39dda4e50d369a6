package dev.dataproduct.api.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductAccessTest {

    private static DataProduct.Builder product(Policy... policies) {
        return DataProduct.builder("students").domain("k12").version("1.0.0").owner(DataProductTest.ANA)
                .purpose("Enrolled students.")
                .input(new TestInputPort("sis"))
                .output(DatasetSpec.named("students")
                        .field("id", LogicalType.STRING, f -> f.primaryKey())
                        .field("email", LogicalType.STRING, f -> f.classification(Classification.CONFIDENTIAL))
                        .field("grade", LogicalType.INT32)
                        .field("birth", LogicalType.DATE))
                .transform(DataProductTest.NOTHING)
                .access(policies);
    }

    private static List<String> problems(Policy... policies) {
        return assertThrows(InvalidDefinitionException.class, () -> product(policies).build()).problems();
    }

    @Test
    void keepsThePoliciesOfItsDatasets() {
        Policy p = Policy.forDataset("students").grant(Grant.to(Audience.role("teacher")).allColumns()).build();
        DataProduct built = product(p).build();
        assertEquals(List.of(p), built.policies());
        assertEquals(Optional.of(p), built.policy("students"));
        assertEquals(Optional.empty(), built.policy("other"));
    }

    @Test
    void reportsEveryProblemOfAPolicyAtBuild() {
        Policy p = Policy.forDataset("students")
                .tag("contact", "email", "phone")
                .mask(Target.field("grade"), Mask.email())
                .mask(Target.field("grade"), Mask.keyedHash("k"))
                .mask(Target.field("email"), Mask.yearOnly())
                .mask(Target.field("grade"), Mask.redact("none"))
                .mask(Target.tag("missing"), Mask.nullify())
                .grant(Grant.to(Audience.where(Expr.col("grade").gt(1))).named("by column").columns("id"))
                .grant(Grant.to(Audience.role("teacher")).columns("id", "ssn")
                        .rows(Expr.col("school").eq(Expr.principal("school")))
                        .unmask(Target.field("secret")))
                .build();
        List<String> problems = problems(p);
        String all = String.join("\n", problems);
        assertTrue(all.contains("tag 'contact': names column 'phone'"), all);
        assertTrue(all.contains("email applies to string fields only"), all);
        assertTrue(all.contains("a keyed hash is a hex string, so it applies to string fields only"), all);
        assertTrue(all.contains("yearOnly applies to date and timestamp fields only"), all);
        assertTrue(all.contains("the replacement is a String, not a value of type int32"), all);
        assertTrue(all.contains("no tag 'missing' is declared"), all);
        assertTrue(all.contains("grant 'by column': its audience reads columns [grade]"), all);
        assertTrue(all.contains("names column 'ssn'"), all);
        assertTrue(all.contains("row filter: names column 'school'"), all);
        assertTrue(all.contains("names column 'secret'"), all);
        assertEquals(10, problems.size(), all);
    }

    @Test
    void refusesAPolicyOfADatasetThatIsNotAnOutputAndTwoPoliciesOfOne() {
        Policy other = Policy.forDataset("teachers").grant(Grant.to(Audience.role("r")).allColumns()).build();
        Policy one = Policy.forDataset("students").grant(Grant.to(Audience.role("r")).allColumns()).build();
        String all = String.join("\n", problems(other, one, one));
        assertTrue(all.contains("governs dataset 'teachers', which is not an output"), all);
        assertTrue(all.contains("dataset 'students' has more than one access policy"), all);
    }

    @Test
    void refusesGrantsWithoutColumnsOrWithTheSameName() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> Policy.forDataset("s")
                .grant(Grant.to(Audience.role("r")))
                .grant(Grant.to(Audience.role("r")).allColumns())
                .build());
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("makes no column visible"), e.getMessage());
        assertTrue(e.getMessage().contains("two grants are named 'role 'r''"), e.getMessage());
    }

    @Test
    void masksAFieldThroughTheMostSpecificBindingAndUnmasksWhatTheGrantUnmasks() {
        Policy p = Policy.forDataset("students")
                .tag("pii", "email")
                .mask(Target.classification(Classification.CONFIDENTIAL), Mask.nullify())
                .mask(Target.tag("pii"), Mask.email())
                .grant(Grant.to(Audience.role("a")).allColumns())
                .grant(Grant.to(Audience.role("b")).allColumns().unmask(Target.tag("pii")))
                .build();
        DataProduct built = product(p).build();
        var email = built.output("students").orElseThrow().schema().field("email").orElseThrow();
        var grade = built.output("students").orElseThrow().schema().field("grade").orElseThrow();
        assertEquals(Optional.of(Mask.email()), p.maskFor(p.grants().get(0), email));
        assertEquals(Optional.empty(), p.maskFor(p.grants().get(1), email));
        assertEquals(Optional.empty(), p.maskFor(p.grants().get(0), grade));
    }
}
