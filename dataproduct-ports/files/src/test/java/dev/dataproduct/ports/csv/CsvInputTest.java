package dev.dataproduct.ports.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TimePrecision;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputTest {
    @TempDir
    Path dir;

    private CsvFixture fixture;
    private List<RejectedRow> rejects;
    private InputContext context;

    @BeforeEach
    void createAllocator() {
        fixture = new CsvFixture(dir);
        rejects = fixture.rejects;
        context = fixture.context;
    }

    @AfterEach
    void closeAllocatorSoThatALeakFailsTheTest() {
        fixture.close();
    }

    private Path csv(String name, String content) throws IOException {
        return fixture.csv(name, content);
    }

    private static List<Map<String, Object>> rows(Dataset dataset) {
        return CsvFixture.rows(dataset);
    }

    @Test
    void parsesEveryScalarTypeIntoItsArrowVector() throws IOException {
        Schema schema = Schema.of(
                Field.of("s", LogicalType.STRING, true),
                Field.of("i8", LogicalType.INT8, false),
                Field.of("i16", LogicalType.INT16, false),
                Field.of("i32", LogicalType.INT32, false),
                Field.of("i64", LogicalType.INT64, false),
                Field.of("dec", LogicalType.decimal(10, 2), false),
                Field.of("f32", LogicalType.FLOAT32, false),
                Field.of("f64", LogicalType.FLOAT64, false),
                Field.of("b", LogicalType.BOOLEAN, false),
                Field.of("d", LogicalType.DATE, false),
                Field.of("t", LogicalType.TIME, false),
                Field.of("ts", LogicalType.TIMESTAMP, false),
                Field.of("tstz", LogicalType.TIMESTAMP_TZ, false),
                Field.of("ts_ms", LogicalType.timestamp(TimePrecision.MILLIS, false), false));
        Path file = csv("types.csv", """
                s,i8,i16,i32,i64,dec,f32,f64,b,d,t,ts,tstz,ts_ms
                "hello, world",-128,32767,-2147483648,9223372036854775807,12.5,1.5,-2.25e3,true,2024-02-29,23:59:58.123456,2024-05-01 10:00:00,2024-05-01T10:00:00+02:00,2024-05-01T10:00:00.123
                plain,127,-32768,42,-1,-0.01,0,3.5,0,1970-01-01,00:00,2000-01-01T00:00:00.000001,2024-05-01T08:00:00Z,1999-12-31T23:59:59.999
                """);

        Dataset dataset = CsvInput.of("types", file, schema).open(context);
        List<Map<String, Object>> rows = rows(dataset);

        assertEquals(List.of(), rejects);
        assertEquals(2, rows.size());
        Map<String, Object> r = rows.get(0);
        assertEquals("hello, world", r.get("s"));
        assertEquals(-128L, r.get("i8"));
        assertEquals(32767L, r.get("i16"));
        assertEquals(-2147483648L, r.get("i32"));
        assertEquals(Long.MAX_VALUE, r.get("i64"));
        assertEquals(new BigDecimal("12.50"), r.get("dec"));
        assertEquals(1.5d, r.get("f32"));
        assertEquals(-2250d, r.get("f64"));
        assertEquals(true, r.get("b"));
        assertEquals(LocalDate.of(2024, 2, 29), r.get("d"));
        assertEquals(LocalTime.parse("23:59:58.123456"), r.get("t"));
        assertEquals(LocalDateTime.parse("2024-05-01T10:00:00"), r.get("ts"));
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), r.get("tstz"));
        assertEquals(LocalDateTime.parse("2024-05-01T10:00:00.123"), r.get("ts_ms"));
        Map<String, Object> r2 = rows.get(1);
        assertEquals("plain", r2.get("s"));
        assertEquals(127L, r2.get("i8"));
        assertEquals(-32768L, r2.get("i16"));
        assertEquals(new BigDecimal("-0.01"), r2.get("dec"));
        assertEquals(false, r2.get("b"));
        assertEquals(LocalTime.MIDNIGHT, r2.get("t"));
        assertEquals(LocalDateTime.parse("2000-01-01T00:00:00.000001"), r2.get("ts"));
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), r2.get("tstz"));
        assertEquals(schema, dataset.schema());
        assertEquals("types", dataset.name());
    }

    @Test
    void rejectsRowsWithUnparsableCellsNamingLineColumnTypeAndKeepingOriginalValues() throws IOException {
        Schema schema = Schema.of(
                Field.of("id", LogicalType.STRING, true),
                Field.of("quantity", LogicalType.INT32, true),
                Field.of("price", LogicalType.decimal(6, 2), false),
                Field.of("day", LogicalType.DATE, false));
        // line 3 holds a quoted cell spanning two physical lines, so the next row starts on line 5
        Path file = csv("orders.csv", """
                id,quantity,price,day
                a,1,1.00,2024-01-01
                "multi
                line",2,2.00,2024-01-02
                b,abc,3.00,2024-01-03
                c,4,9.999,2024-13-01
                d,300000000000,1.00,2024-01-04
                e,5,5.00,2024-01-05
                """);

        List<Map<String, Object>> rows = rows(CsvInput.of("orders", file, schema).open(context));

        assertEquals(List.of("a", "multi\nline", "e"), rows.stream().map(r -> r.get("id")).toList());
        assertEquals(3, rejects.size());

        RejectedRow bad = rejects.get(0);
        assertEquals("orders", bad.dataset());
        assertEquals("orders.csv:5", bad.origin());
        assertEquals(List.of(new Violation("quantity", "parse",
                "'abc' is not a number of type int32 (line 5, column 'quantity')")), bad.violations());
        assertEquals(Map.of("id", "b", "quantity", "abc", "price", "3.00", "day", "2024-01-03"), bad.values());
        assertEquals(List.of("id", "quantity", "price", "day"), List.copyOf(bad.values().keySet()));

        RejectedRow twoBadCells = rejects.get(1);
        assertEquals("orders.csv:6", twoBadCells.origin());
        assertEquals(List.of("price", "day"), twoBadCells.violations().stream().map(Violation::field).toList());
        assertTrue(twoBadCells.violations().get(0).message().contains("'9.999'"));
        assertTrue(twoBadCells.violations().get(0).message().endsWith("(line 6, column 'price')"));
        assertEquals("'2024-13-01' is not an ISO-8601 date (line 6, column 'day')",
                twoBadCells.violations().get(1).message());

        RejectedRow outOfRange = rejects.get(2);
        assertEquals("orders.csv:7", outOfRange.origin());
        assertEquals("quantity", outOfRange.violations().get(0).field());
        assertTrue(outOfRange.violations().get(0).message().contains("out of the range of int32"));
    }

    @Test
    void rejectsRowsWithTheWrongNumberOfCells() throws IOException {
        Schema schema = Schema.of(Field.of("a", LogicalType.INT32, false), Field.of("b", LogicalType.STRING, false));
        Path file = csv("cells.csv", "a,b\n1,x\n2\n3,y,extra\n4,z\n");

        List<Map<String, Object>> rows = rows(CsvInput.of("cells", file, schema).open(context));

        assertEquals(List.of(1L, 4L), rows.stream().map(r -> r.get("a")).toList());
        assertEquals(2, rejects.size());
        RejectedRow tooFew = rejects.get(0);
        assertEquals("cells.csv:3", tooFew.origin());
        assertEquals(List.of(new Violation("", "columns", "line 3 has 1 cell but the header has 2 columns")),
                tooFew.violations());
        assertEquals(Map.of("a", "2"), tooFew.values());
        RejectedRow tooMany = rejects.get(1);
        assertEquals("cells.csv:4", tooMany.origin());
        assertEquals("columns", tooMany.violations().get(0).rule());
        assertEquals(List.of("a", "b", "column 3"), List.copyOf(tooMany.values().keySet()));
        assertEquals("extra", tooMany.values().get("column 3"));
    }

    @Test
    void mapsHeaderColumnsToFieldsByNameWhateverTheirOrderAndIgnoresExtraColumns() throws IOException {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, true), Field.of("name", LogicalType.STRING, false));
        Path file = csv("people.csv", "comment,name,ID,id\nhi,Ana,x,1\nho,Bo,y,2\n");

        List<Map<String, Object>> rows = rows(CsvInput.of("people", file, schema).open(context));

        assertEquals(List.of(Map.of("id", 1L, "name", "Ana"), Map.of("id", 2L, "name", "Bo")), rows);
        assertEquals(List.of(), rejects);
    }

    @Test
    void failsAtOpenWhenTheHeaderLacksASchemaFieldNamingTheMissingFieldsAndTheHeaderFound() throws IOException {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, true), Field.of("Name", LogicalType.STRING, false),
                Field.of("age", LogicalType.INT32, false));
        Path file = csv("people.csv", "id,name\n1,Ana\n");

        PortException e = assertThrows(PortException.class, () -> CsvInput.of("people", file, schema).open(context));

        assertTrue(e.getMessage().contains("'people'"), e.getMessage());
        assertTrue(e.getMessage().contains("['Name', 'age']"), e.getMessage());
        assertTrue(e.getMessage().contains("['id', 'name']"), e.getMessage());
    }

    @Test
    void turnsEmptyCellsAndTheNullValueIntoNullsWithoutRejectingThem() throws IOException {
        Schema schema = Schema.of(Field.of("s", LogicalType.STRING, true), Field.of("n", LogicalType.INT32, true),
                Field.of("d", LogicalType.DATE, false));
        Path file = csv("nulls.csv", "s,n,d\n,,\nNA,NA,NA\n\" \", ,2024-01-01\n");

        List<Map<String, Object>> rows = rows(CsvInput.of("nulls", file, schema).nullValue("NA").open(context));

        assertEquals(List.of(), rejects);
        assertEquals(3, rows.size());
        assertNull(rows.get(0).get("s"));
        assertNull(rows.get(0).get("n"));
        assertNull(rows.get(0).get("d"));
        assertNull(rows.get(1).get("s"));
        assertNull(rows.get(1).get("n"));
        assertNull(rows.get(1).get("d"));
        assertEquals(" ", rows.get(2).get("s"), "spaces are a value in a string field");
        assertNull(rows.get(2).get("n"), "spaces are no value in a number field");
        assertEquals(LocalDate.of(2024, 1, 1), rows.get(2).get("d"));
    }

    @Test
    void fillsBatchesUpToTheBatchSizeAndSkipsRejectedRowsWithoutLeavingGaps() throws IOException {
        StringBuilder sb = new StringBuilder("n\n");
        for (int i = 0; i < 25; i++) {
            sb.append(i).append('\n');
            if (i % 10 == 3) {
                sb.append("bad\n");
            }
        }
        Path file = csv("many.csv", sb.toString());
        Dataset dataset = CsvInput.of("many", file, Schema.of(Field.of("n", LogicalType.INT32, true)))
                .batchSize(10).open(context);

        List<Integer> sizes = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        try (BatchCursor cursor = dataset.open()) {
            while (cursor.next()) {
                sizes.add(cursor.batch().getRowCount());
                for (int i = 0; i < cursor.batch().getRowCount(); i++) {
                    values.add(cursor.batch().getVector("n").getObject(i));
                }
            }
            assertFalse(cursor.next());
            assertThrows(IllegalStateException.class, cursor::batch);
        }

        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(25, values.size());
        assertEquals(24, values.get(24));
        assertEquals(3, rejects.size());
        assertEquals(List.of("many.csv:6", "many.csv:17", "many.csv:28"),
                rejects.stream().map(RejectedRow::origin).toList());
    }

    @Test
    void eachRowOfABatchKnowsTheFileAndLineItCameFrom() throws IOException {
        Path file = csv("lines.csv", "n\n1\nbad\n2\n\n3\n\"4\"\n");
        Dataset dataset = CsvInput.of("lines", file, Schema.of(Field.of("n", LogicalType.INT32, true)))
                .batchSize(2).open(context);
        List<String> origins = new ArrayList<>();
        dataset.forEachRow(row -> origins.add(row.get("n") + "@" + row.origin()));
        // the empty line 5 is an empty cell of this one-column file
        assertEquals(List.of("1@lines.csv:2", "2@lines.csv:4", "null@lines.csv:5", "3@lines.csv:6", "4@lines.csv:7"),
                origins);
    }

    @Test
    void readsAFileWithoutHeaderInSchemaOrderWithAnotherDelimiter() throws IOException {
        Schema schema = Schema.of(Field.of("k", LogicalType.STRING, true), Field.of("v", LogicalType.FLOAT64, false));
        Path file = csv("plain.csv", "a;1.5\nb;x\n");

        List<Map<String, Object>> rows = rows(CsvInput.of("plain", file, schema).header(false).delimiter(';')
                .open(context));

        assertEquals(List.of(Map.of("k", "a", "v", 1.5d)), rows);
        assertEquals(1, rejects.size());
        assertEquals("plain.csv:2", rejects.get(0).origin());
        assertEquals(Map.of("k", "b", "v", "x"), rejects.get(0).values());
        assertEquals("'x' is not a number of type float64 (line 2, column 'v')",
                rejects.get(0).violations().get(0).message());
    }

    @Test
    void readsTheFileAgainOnEachPassButReportsEachBadRowOnce() throws IOException {
        Path file = csv("twice.csv", "n\n1\nx\n2\n");
        Dataset dataset = CsvInput.of("twice", file, Schema.of(Field.of("n", LogicalType.INT8, true))).open(context);

        assertEquals(2, dataset.countRows());
        assertEquals(2, dataset.countRows());
        assertEquals(1, rejects.size());
    }

    @Test
    void refusesArrayAndStructFieldsAtOpen() throws IOException {
        Path file = csv("nested.csv", "tags\na\n");
        Schema schema = Schema.of(Field.of("tags", LogicalType.arrayOf(LogicalType.STRING), false),
                Field.of("address", LogicalType.struct(Field.of("city", LogicalType.STRING, false)), false));

        PortException e = assertThrows(PortException.class, () -> CsvInput.of("nested", file, schema).open(context));

        assertTrue(e.getMessage().contains("tags array<string>"), e.getMessage());
        assertTrue(e.getMessage().contains("address struct<city:string>"), e.getMessage());
    }

    @Test
    void failsAtOpenOnAMissingFileNamingPortAndPath() {
        Path missing = dir.resolve("nope.csv");

        PortException e = assertThrows(PortException.class,
                () -> CsvInput.of("orders", missing, Schema.of(Field.of("a", LogicalType.STRING, false)))
                        .open(context));

        assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void rejectsAValueThatParsesButDoesNotFitTheColumnAndKeepsTheRowsAround() throws IOException {
        Schema schema = Schema.of(Field.of("id", LogicalType.STRING, true),
                Field.of("at", LogicalType.timestamp(TimePrecision.NANOS, true), false));
        // nanoseconds since 1970 overflow a long after the year 2262
        Path file = csv("far.csv", "id,at\na,2024-01-01T00:00:00Z\nb,2300-01-01T00:00:00Z\nc,\n");

        List<Map<String, Object>> rows = rows(CsvInput.of("far", file, schema).open(context));

        assertEquals(List.of("a", "c"), rows.stream().map(r -> r.get("id")).toList());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), rows.get(0).get("at"));
        assertNull(rows.get(1).get("at"));
        assertEquals(1, rejects.size());
        assertEquals("far.csv:3", rejects.get(0).origin());
        assertEquals("at", rejects.get(0).violations().get(0).field());
        assertTrue(rejects.get(0).violations().get(0).message().endsWith("(line 3, column 'at')"));
    }

    @Test
    void skipsAByteOrderMarkBeforeTheHeader() throws IOException {
        Path file = csv("bom.csv", "\uFEFFid,name\n1,Ana\n");
        Schema schema = Schema.of(Field.of("id", LogicalType.INT32, true), Field.of("name", LogicalType.STRING, false));

        List<Map<String, Object>> rows = rows(CsvInput.of("bom", file, schema).open(context));

        assertEquals(List.of(Map.of("id", 1L, "name", "Ana")), rows);
    }

    @Test
    void describesItselfAsACsvFilePort() {
        Path file = dir.resolve("x.csv");
        var descriptor = CsvInput.of("x", file, Schema.of(Field.of("a", LogicalType.STRING, false))).descriptor();

        assertEquals("x", descriptor.name());
        assertEquals("file", descriptor.kind());
        assertEquals("csv", descriptor.format());
        assertEquals(file.toString(), descriptor.location());
    }

    @Test
    void refusesABatchSizeBelowOne() {
        CsvInput input = CsvInput.of("x", dir.resolve("x.csv"), Schema.of(Field.of("a", LogicalType.STRING, false)));

        assertThrows(IllegalArgumentException.class, () -> input.batchSize(0));
    }
}
