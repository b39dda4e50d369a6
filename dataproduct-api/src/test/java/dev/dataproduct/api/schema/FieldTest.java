package dev.dataproduct.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldTest {

    @Test
    void ofGivesAFieldWithDefaults() {
        Field f = Field.of("id", LogicalType.INT64, true);
        assertTrue(f.required());
        assertEquals("", f.description());
        assertEquals(Classification.INTERNAL, f.classification());
        assertFalse(f.personalData());
        assertFalse(f.isPrimaryKey());
        assertEquals(Optional.empty(), f.conformedKey());
        assertEquals(Constraints.NONE, f.constraints());
        assertEquals(List.of(), f.examples());
    }

    @Test
    void takesNullOptionalPartsAsAbsent() {
        Field f = new Field("a", LogicalType.STRING, false, null, null, false, 0, null, null, null);
        assertEquals(Field.of("a", LogicalType.STRING, false), f);
    }

    @Test
    void rejectsBlankNameAndNegativeKeyPosition() {
        assertThrows(IllegalArgumentException.class, () -> Field.of(" ", LogicalType.STRING, false));
        assertThrows(IllegalArgumentException.class, () -> new Field("a", LogicalType.STRING, false, "",
                Classification.PUBLIC, false, -1, Optional.empty(), Constraints.NONE, List.of()));
        assertThrows(NullPointerException.class, () -> Field.of("a", null, false));
    }

    @Test
    void builderPrimaryKeyMakesTheFieldRequiredAndRejectsPositionsBelowOne() {
        Field f = Field.builder("id", LogicalType.STRING).primaryKey(3).build();
        assertTrue(f.required());
        assertEquals(3, f.primaryKeyPosition());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Field.builder("id", LogicalType.STRING).primaryKey(0));
        assertEquals("primary key position of 'id' must be 1 or more", e.getMessage());
    }

    @Test
    void builderKeepsBoundsAsCanonicalText() {
        Field f = Field.builder("x", LogicalType.FLOAT64).minimum(1.50).maximum(new BigDecimal("2.5000")).build();
        assertEquals(Optional.of("1.5"), f.constraints().minimum());
        assertEquals(Optional.of("2.5000"), f.constraints().maximum());
        assertEquals(Optional.of("10"), Field.builder("y", LogicalType.decimal(5, 0))
                .minimum(new BigDecimal("1E+1")).build().constraints().minimum());
    }

    @Test
    void toBuilderRebuildsAnEqualField() {
        Field f = Field.builder("sku", LogicalType.STRING)
                .required().description("d").classification(Classification.RESTRICTED).personalData()
                .primaryKey(2).conformedKey("product").minimum("a").maximum("z").length(1, 9)
                .pattern("[a-z]+").allowedValues("abc", "def").examples("abc").build();
        assertEquals(f, f.toBuilder().build());
        assertEquals("other", f.withName("other").name());
        assertEquals(f.constraints(), f.withName("other").constraints());
    }

    @Test
    void constraintsRejectNegativeLengthsAndTakeNullPartsAsAbsent() {
        assertThrows(IllegalArgumentException.class, () -> new Constraints(null, null, Optional.of(-1), null, null,
                null));
        assertThrows(IllegalArgumentException.class, () -> new Constraints(null, null, null, Optional.of(-2), null,
                null));
        Constraints c = new Constraints(null, null, null, null, null, null);
        assertTrue(c.isEmpty());
        assertFalse(new Constraints(null, null, Optional.of(1), null, null, null).isEmpty());
    }

    @Test
    void classificationLabelsReadBackIgnoringCase() {
        for (Classification c : Classification.values()) {
            assertEquals(c, Classification.ofLabel(c.label()));
            assertEquals(c, Classification.ofLabel(c.label().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals("confidential", Classification.CONFIDENTIAL.label());
        assertTrue(Classification.CONFIDENTIAL.isSensitive());
        assertTrue(Classification.RESTRICTED.isSensitive());
        assertFalse(Classification.INTERNAL.isSensitive());
        assertFalse(Classification.PUBLIC.isSensitive());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Classification.ofLabel("secret"));
        assertTrue(e.getMessage().startsWith("unknown classification 'secret'"), e.getMessage());
    }
}
