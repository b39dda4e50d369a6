package dev.dataproduct.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.contract.Role;
import dev.dataproduct.api.descriptor.AccessOption;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.core.descriptor.DescriptorCodec;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.core.odps.OdpsCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedAccessTest {
    static final DataProduct PRODUCT = DataProduct.builder("students").domain("k12").version("1.0.0")
            .owner(Owner.person("Ana Ruiz", "ana@k12.example")).purpose("Every student of the district.")
            .output(Students.SPEC).transform(Transform.of(ctx -> { throw new UnsupportedOperationException(); }))
            .access(Policy.forDataset("students")
                    .tag("secret-contact-tag", "email")
                    .mask(Target.tag("secret-contact-tag"), Mask.keyedHash("vault-key-7731"))
                    .mask(Target.field("birth"), Mask.redact(java.time.LocalDate.of(1901, 2, 3)))
                    .grant(Grant.to(Audience.role("counselor")).allColumns()
                            .rows(Expr.col("school").eq(Expr.principal("school_code"))))
                    .grant(Grant.to(Audience.role("nurse")).columns("id", "name")
                            .rows(Expr.col("grade").between(10, 11)))
                    .grant(Grant.to(Audience.role("counselor")).named("counselor-extra").columns("grade"))
                    .grant(Grant.to(Audience.principal("hidden-person@k12.example")).columns("id"))
                    .grant(Grant.to(Audience.where(Expr.principal("region").eq("EU-WEST-SECRET")))
                            .columns("id"))
                    .build())
            .build();

    @Test
    void theContractCarriesOneReadRolePerRoleNamedByTheGrantsApprovedByTheOwner() {
        assertEquals(List.of(
                new Role("", "counselor", "Reads students through the product's access policy.", "read",
                        "ana@k12.example", "", List.of(), Map.of()),
                new Role("", "nurse", "Reads students through the product's access policy.", "read",
                        "ana@k12.example", "", List.of(), Map.of())), PRODUCT.contract().roles());
        assertEquals(List.of(new AccessOption("counselor", "read", List.of("students")),
                new AccessOption("nurse", "read", List.of("students"))), PRODUCT.describe().access());
    }

    @Test
    void noFilterMaskKeyTagOrAttributeValueIsPublished() {
        String published = String.join("\n", OdcsCodec.toYaml(PRODUCT.contract()), OdcsCodec.toJson(PRODUCT.contract()),
                OdpsCodec.toYaml(PRODUCT), OdpsCodec.toJson(PRODUCT), DescriptorCodec.toJson(PRODUCT.describe()),
                DescriptorCodec.toYaml(PRODUCT.describe()));
        for (String secret : List.of("vault-key-7731", "secret-contact-tag", "school_code", "1901", "EU-WEST-SECRET",
                "region", "hidden-person", "between", "counselor-extra", "keyedHash", "HMAC")) {
            assertFalse(published.contains(secret), "'" + secret + "' is published");
        }
    }

    @Test
    void theDescriptorRoundTripsItsAccessThroughJsonAndOdps() {
        assertEquals(PRODUCT.describe(), DescriptorCodec.fromJson(DescriptorCodec.toJson(PRODUCT.describe())));
        assertEquals(PRODUCT.describe(), OdpsCodec.fromJson(OdpsCodec.toJson(PRODUCT), id -> PRODUCT.contract()));
    }
}
