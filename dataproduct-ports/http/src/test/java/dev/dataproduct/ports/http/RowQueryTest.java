package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RowQueryTest {
    static final LogicalType DECIMAL = LogicalType.decimal(10, 2);

    @Test
    void aDecimalLiteralIsAsciiDigitsWithAnOptionalPointAndExponent() {
        assertEquals(new BigDecimal("-12.50"), RowQuery.literal("fee", "-12.50", DECIMAL));
        assertEquals(new BigDecimal("1.5E+2"), RowQuery.literal("fee", "1.5e2", DECIMAL));
        for (String bad : new String[] {"\u0665", "1\uff12", "NaN", " 1", "1 ", "0x10", ""}) {
            BadRequest e = assertThrows(BadRequest.class, () -> RowQuery.literal("fee", bad, DECIMAL), bad);
            assertEquals("fee", e.parameter());
        }
    }
}
