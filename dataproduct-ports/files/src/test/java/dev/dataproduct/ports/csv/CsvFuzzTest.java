package dev.dataproduct.ports.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a few hundred seeded mutations of valid CSV files through a whole product run. For every
 * case: no exception but a port failure with a located message (and only for a file that cannot
 * be read on), no hang, and for every run that completes, rows in = published + quarantined = the
 * records of the file as an independent RFC 4180 count finds them.
 *
 * <p>Runs with seed {@code -Dcsv.fuzz.seed=<n>} to repeat another series; a failure prints the
 * seed, the case, the mutations and the file's bytes.
 */
class CsvFuzzTest {
    private static final long SEED = Long.getLong("csv.fuzz.seed", 0x5EED_C5FL);
    private static final int CASES = 400;
    /** A hang guard per case, far above what a case takes; not a timing claim. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private static final Schema SCHEMA = Schema.of(
            Field.of("id", LogicalType.STRING, false),
            Field.of("qty", LogicalType.INT32, false),
            Field.of("small", LogicalType.INT8, false),
            Field.of("price", LogicalType.decimal(10, 2), false),
            Field.of("ratio", LogicalType.FLOAT64, false),
            Field.of("f32", LogicalType.FLOAT32, false),
            Field.of("flag", LogicalType.BOOLEAN, false),
            Field.of("day", LogicalType.DATE, false),
            Field.of("at", LogicalType.TIMESTAMP_TZ, false),
            Field.of("note", LogicalType.STRING, false));
    private static final String[] HUGE = {"1e999999999", "1e2147483647", "1E+100000000", "-1e-2147483648",
        "9".repeat(5000), "0." + "0".repeat(3000) + "1", "3.4028235E38", "1e-400", "\u0663", "\uFF15", "\u00A01"};
    private static final byte[][] BAD_BYTES = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    @Test
    void everyMutatedFileEndsInRowsAccountedForOrALocatedRefusal() throws IOException {
        SplittableRandom seeds = new SplittableRandom(SEED);
        int completed = 0;
        int refused = 0;
        for (int c = 0; c < CASES; c++) {
            SplittableRandom random = seeds.split();
            List<String> mutations = new ArrayList<>();
            byte[] bytes = mutate(validFile(random), random, mutations);
            Path file = Files.write(dir.resolve("case" + c + ".csv"), bytes);
            try {
                if (assertTimeoutPreemptively(HANG_GUARD, () -> runCase(file, bytes))) {
                    completed++;
                } else {
                    refused++;
                }
            } catch (Throwable t) {
                throw new AssertionError("CSV fuzz case " + c + " of seed " + SEED + " (-Dcsv.fuzz.seed=" + SEED
                        + ") failed after mutations " + mutations + ": " + t + "\nfile bytes: " + escape(bytes), t);
            }
        }
        // the series must exercise both outcomes, or it tests less than it claims
        assertTrue(completed > CASES / 4, "only " + completed + " runs completed");
        assertTrue(refused > 0, "no file was refused");
    }

    /** @return {@code true} if the run completed, {@code false} if the port refused the file */
    private static boolean runCase(Path file, byte[] bytes) {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(new InMemorySnapshotStore()).build()) {
            RunResult result;
            try {
                result = runtime.run(product(file));
            } catch (DataProductException e) {
                PortException port = portFailure(e);
                String message = port.getMessage();
                assertTrue(message.contains(file.toString()), "the message names the file: " + message);
                assertTrue(message.contains("line ") || message.contains("header") || message.contains("empty")
                        || message.contains("byte order mark"), "the message says where: " + message);
                return false;
            }
            assertEquals(result.rowsIn(), result.published() + result.quarantined(), result.summary());
            long records = recordsAfterHeader(bytes);
            if (records >= 0) {
                assertEquals(records, result.rowsIn(), "rows in against an independent count of records; "
                        + result.summary());
            }
            return true;
        }
    }

    /** @return the port failure the run ended in; anything else (a wrapped JDK exception) fails the case */
    private static PortException portFailure(DataProductException e) {
        Throwable t = e;
        while (t != null && !(t instanceof PortException)) {
            if (!(t instanceof DataProductException)) {
                throw new AssertionError("an untyped exception escaped the port: " + t, e);
            }
            t = t.getCause();
        }
        if (t == null) {
            throw new AssertionError("the run failed without a port failure: " + e, e);
        }
        return (PortException) t;
    }

    private static DataProduct product(Path file) {
        // every row of a mutated file may be bad: the accounting is what is checked, not the share
        DatasetSpec.Builder out = DatasetSpec.named("out").maxQuarantinedShare(1);
        SCHEMA.fields().forEach(out::field);
        return DataProduct.builder("fuzz")
                .domain("test")
                .version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com"))
                .purpose("Reads a mutated CSV file.")
                .input(CsvInput.of("in", file, SCHEMA).batchSize(7))
                .output(out)
                .transform(ctx -> ctx.input("in"))
                .build();
    }

    private static byte[] validFile(SplittableRandom random) {
        StringBuilder sb = new StringBuilder(String.join(",", SCHEMA.fieldNames())).append('\n');
        int rows = random.nextInt(1, 15);
        for (int r = 0; r < rows; r++) {
            sb.append("id").append(r).append(',')
                    .append(random.nextInt(-1000, 1000)).append(',')
                    .append(random.nextInt(-128, 128)).append(',')
                    .append(random.nextInt(-99999, 99999)).append('.').append(random.nextInt(10, 100)).append(',')
                    .append(random.nextDouble(-1e6, 1e6)).append(',')
                    .append(random.nextInt(-100, 100)).append(".5,")
                    .append(random.nextBoolean()).append(',')
                    .append("2024-0").append(random.nextInt(1, 10)).append("-1").append(random.nextInt(0, 10))
                    .append(',')
                    .append("2024-05-01T10:00:0").append(random.nextInt(0, 10)).append(".123456Z,")
                    .append(switch (random.nextInt(4)) {
                        case 0 -> "plain";
                        case 1 -> "\"with, comma\"";
                        case 2 -> "\"two\nlines\"";
                        default -> "\"say \"\"hi\"\"\"";
                    })
                    .append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(byte[] file, SplittableRandom random, List<String> applied) {
        byte[] b = file;
        int count = random.nextInt(1, 4);
        for (int m = 0; m < count; m++) {
            int at = random.nextInt(b.length + 1);
            int kind = random.nextInt(12);
            applied.add(kind + "@" + at);
            b = switch (kind) {
                case 0 -> flipBit(b, random);
                case 1 -> java.util.Arrays.copyOf(b, at);
                case 2 -> insert(b, at, "\"".getBytes(StandardCharsets.US_ASCII));
                case 3 -> insert(b, at, new String[] {"\n", "\r", "\r\n", "\n\n"}[random.nextInt(4)]
                        .getBytes(StandardCharsets.US_ASCII));
                case 4 -> insert(b, at, new byte[] {0});
                case 5 -> insert(b, random.nextBoolean() ? 0 : at, BOM);
                case 6 -> insert(b, at, BAD_BYTES[random.nextInt(BAD_BYTES.length)]);
                case 7 -> replaceCell(b, random, HUGE[random.nextInt(HUGE.length)]);
                case 8 -> insert(b, at, ",".repeat(random.nextBoolean() ? 1 : 3000).getBytes(StandardCharsets.US_ASCII));
                case 9 -> deleteRange(b, at, random.nextInt(1, 20));
                case 10 -> insert(b, at, "\u00A0\u200B\uFEFF".getBytes(StandardCharsets.UTF_8));
                default -> {
                    byte[] copy = b.clone();
                    if (copy.length > 0) {
                        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    }
                    yield copy;
                }
            };
        }
        return b;
    }

    private static byte[] flipBit(byte[] b, SplittableRandom random) {
        byte[] copy = b.clone();
        if (copy.length > 0) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
        out.write(b, 0, at);
        out.write(what, 0, what.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] deleteRange(byte[] b, int at, int length) {
        int end = Math.min(b.length, at + length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, at);
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }

    /** Puts text in place of the cell after a random comma. */
    private static byte[] replaceCell(byte[] b, SplittableRandom random, String text) {
        int start = random.nextInt(b.length + 1);
        while (start < b.length && b[start] != ',') {
            start++;
        }
        if (start >= b.length) {
            return b;
        }
        int end = start + 1;
        while (end < b.length && b[end] != ',' && b[end] != '\n' && b[end] != '\r') {
            end++;
        }
        byte[] cut = deleteRange(b, start + 1, end - start - 1);
        return insert(cut, start + 1, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Counts the records of a file the way RFC 4180 reads them, apart from the port: a quote opens
     * a quoted cell only as a cell's first character, {@code ""} inside it is a quote, line ends
     * are LF, CR LF or CR, and an empty line is no record.
     *
     * @return the records after the header, or {@code -1} if the file is not well-formed CSV
     */
    private static long recordsAfterHeader(byte[] bytes) {
        int from = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        long records = 0;
        boolean inQuotes = false;
        boolean cellStart = true;
        boolean afterClosingQuote = false;
        boolean lineHasText = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (inQuotes) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                }
                continue;
            }
            if (ch == '\n' || ch == '\r') {
                if (lineHasText) {
                    records++;
                }
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lineHasText = false;
                cellStart = true;
                afterClosingQuote = false;
                continue;
            }
            if (afterClosingQuote && ch != ',') {
                return -1;
            }
            lineHasText = true;
            afterClosingQuote = false;
            if (ch == ',') {
                cellStart = true;
            } else {
                if (ch == '"' && cellStart) {
                    inQuotes = true;
                }
                cellStart = false;
            }
        }
        if (inQuotes) {
            return -1;
        }
        if (lineHasText) {
            records++;
        }
        return Math.max(0, records - 1);
    }

    /** @return the bytes as text: printable ASCII as is, everything else as {@code \xHH} */
    private static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v >= 0x20 && v < 0x7F && v != '\\') {
                sb.append((char) v);
            } else {
                sb.append(String.format("\\x%02X", v));
            }
        }
        return sb.toString();
    }
}
