package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The JSON row writer's own encodings of text and numbers read back as the values in the vectors. */
class RowFormatTest {
    private static final long SEED = 20261201L;

    @Test
    void fewDecimalsReadBackAsTheSameDoubleAndAreNoLongerThanTheJdksText() {
        SplittableRandom random = new SplittableRandom(SEED);
        char[] out = new char[24];
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 3) {
                // a value of k decimals, as prices and measures are
                case 0 -> random.nextLong(-10_000_000_000L, 10_000_000_000L) / Math.pow(10, random.nextInt(7));
                case 1 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextDouble(-1e7, 1e7);
            };
            int n = RowFormat.fewDecimals(d, out);
            if (i % 3 == 0 && Math.abs(d) >= 1e-3 && Math.abs(d) < 1e7) {
                assertTrue(n > 0, () -> d + " has few decimals (seed " + SEED + ")");
                fast++;
            }
            if (n < 0) {
                continue;
            }
            String text = new String(out, 0, n);
            assertEquals(d, Double.parseDouble(text), () -> text + " for " + d + " (seed " + SEED + ")");
            assertTrue(text.length() <= Double.toString(d).length(), () -> text + " is longer than "
                    + Double.toString(d) + " (seed " + SEED + ")");
            assertTrue(text.contains(".") && !text.contains("E"), () -> text + " (seed " + SEED + ")");
        }
        assertTrue(fast > 10_000, "values of few decimals tried: " + fast);
    }

    @Test
    void fewDecimalsWritesLikeTheJdk() {
        char[] out = new char[24];
        for (double d : new double[] {1.0, -2.5, 0.001, 0.25, 123456.75, 9_999_999.5, 3.141592, 10.1}) {
            int n = RowFormat.fewDecimals(d, out);
            assertEquals(Double.toString(d), new String(out, 0, n));
        }
        for (double d : new double[] {0.0, -0.0, 1e7, 0.0009, 0.1 + 0.2, Math.PI}) {
            assertEquals(-1, RowFormat.fewDecimals(d, out), "general algorithm for " + d);
        }
    }

    @Test
    void jsonRowsEscapeTextAndKeepNumbersAndNulls() throws Exception {
        List<String> texts = List.of("plain", "quote \" back \\ slash", "line\nfeed\ttab\u0001", "ünïcødé ✓ 𝄞", "");
        try (BufferAllocator allocator = new RootAllocator();
             VarCharVector s = new VarCharVector("s", allocator);
             BigIntVector n = new BigIntVector("n", allocator);
             Float8Vector x = new Float8Vector("x", allocator);
             BitVector b = new BitVector("b", allocator)) {
            int rows = texts.size() + 1;
            for (int i = 0; i < texts.size(); i++) {
                s.setSafe(i, texts.get(i).getBytes(StandardCharsets.UTF_8));
                n.setSafe(i, Long.MIN_VALUE + i);
                x.setSafe(i, i == 0 ? Double.NaN : i * 0.1 + 1e-9 * i);
                b.setSafe(i, i % 2);
            }
            s.setNull(texts.size());
            n.setNull(texts.size());
            x.setNull(texts.size());
            b.setNull(texts.size());
            for (var v : List.of(s, n, x, b)) {
                v.setValueCount(rows);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(s, n, x, b));
                 RowFormat.Writer w = RowFormat.JSON.open(new Schema(List.of(s.getField(), n.getField(),
                         x.getField(), b.getField())), bytes, allocator)) {
                w.write(root);
                w.finish();
            }
            JsonNode json = new ObjectMapper().readTree(bytes.toByteArray());
            assertEquals(rows, json.size());
            for (int i = 0; i < texts.size(); i++) {
                JsonNode row = json.get(i);
                assertEquals(texts.get(i), row.get("s").asText());
                assertEquals(Long.MIN_VALUE + i, row.get("n").asLong());
                if (i == 0) {
                    assertEquals("NaN", row.get("x").asText());
                } else {
                    assertEquals(i * 0.1 + 1e-9 * i, row.get("x").asDouble());
                }
                assertEquals(i % 2 == 1, row.get("b").asBoolean());
            }
            JsonNode last = json.get(texts.size());
            for (String f : List.of("s", "n", "x", "b")) {
                assertTrue(last.get(f).isNull(), f);
            }
        }
    }

    @Test
    void jsonRowsKeepEveryStringAcrossBufferBoundariesWhateverItsLengthAndEscapes() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        String alphabet = "ab\"\\\n\r\t\b\f\u0000\u001f/é€𝄞 ";
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int length = i == 7 ? 40_000 : i % 500 == 3 ? 12_000 : random.nextInt(40);
            StringBuilder b = new StringBuilder();
            while (b.length() < length) {
                int at = random.nextInt(alphabet.length());
                // a surrogate pair is kept whole
                if (Character.isHighSurrogate(alphabet.charAt(at))) {
                    b.append(alphabet, at, at + 2);
                } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                    b.append(alphabet.charAt(at));
                }
            }
            texts.add(b.toString());
        }
        try (BufferAllocator allocator = new RootAllocator(); VarCharVector s = new VarCharVector("s \"q\"", allocator)) {
            for (int i = 0; i < texts.size(); i++) {
                s.setSafe(i, texts.get(i).getBytes(StandardCharsets.UTF_8));
            }
            s.setValueCount(texts.size());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(s));
                 RowFormat.Writer w = RowFormat.JSON.open(new Schema(List.of(s.getField())), bytes, allocator)) {
                w.write(root);
                w.write(root);
                w.finish();
            }
            JsonNode json = new ObjectMapper().readTree(bytes.toByteArray());
            assertEquals(2 * texts.size(), json.size());
            for (int i = 0; i < json.size(); i++) {
                int row = i % texts.size();
                assertEquals(texts.get(row), json.get(i).get("s \"q\"").asText(), "row " + row + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    void jsonRowsReplaceInvalidUtf8WithReplacementCharactersSoTheBodyStaysValidUtf8() throws Exception {
        byte[][] texts = {
            {'o', 'k', (byte) 0xC3, (byte) 0xA9},                        // valid: é
            {'a', (byte) 0x80, 'b'},                                     // a lone continuation byte
            {(byte) 0xE2, (byte) 0x82},                                  // a sequence cut short at the end
            {(byte) 0xE2, (byte) 0x82, '"', 'x'},                        // cut short before an escape
            {(byte) 0xC0, (byte) 0xAF},                                  // an overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},                     // a surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},        // above U+10FFFF
            {(byte) 0xFF, '\\', (byte) 0xF0, (byte) 0x9D, (byte) 0x84, (byte) 0x9E}, // 0xFF, then a valid 𝄞
        };
        try (BufferAllocator allocator = new RootAllocator(); VarCharVector s = new VarCharVector("s", allocator)) {
            for (int i = 0; i < texts.length; i++) {
                s.setSafe(i, texts[i]);
            }
            s.setValueCount(texts.length);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(s));
                 RowFormat.Writer w = RowFormat.JSON.open(new Schema(List.of(s.getField())), bytes, allocator)) {
                w.write(root);
                w.finish();
            }
            // a strict decoder refuses any malformed byte in the body
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            JsonNode json = new ObjectMapper().readTree(bytes.toByteArray());
            assertEquals(texts.length, json.size());
            for (int i = 0; i < texts.length; i++) {
                assertEquals(new String(texts[i], StandardCharsets.UTF_8), json.get(i).get("s").asText(), "row " + i);
            }
            assertEquals("a\uFFFDb", json.get(1).get("s").asText());
        }
    }

    @Test
    void integersWriteLikeTheJdkAtEveryLength() {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[] out = new byte[Digits.MAX + 3];
        List<Long> values = new java.util.ArrayList<>(List.of(0L, 9L, 10L, 99L, 100L, -1L, Long.MAX_VALUE,
                Long.MIN_VALUE, (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L));
        for (int i = 0; i < 20_000; i++) {
            // every length equally often: a uniform long nearly always has 19 digits
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long v : values) {
            int end = Digits.integer(v, out, 3);
            assertEquals(Long.toString(v), new String(out, 3, end - 3, StandardCharsets.US_ASCII),
                    "value " + v + " (seed " + SEED + ")");
        }
    }

    @Test
    void numbersAreWrittenWithinTheirRoomAndLeaveWhatPrecedesThemAlone() {
        SplittableRandom random = new SplittableRandom(SEED);
        int at = 5;
        byte[] out = new byte[at + Digits.MAX + 8];
        for (int i = 0; i < 50_000; i++) {
            java.util.Arrays.fill(out, (byte) '#');
            long v = random.nextLong() >> random.nextInt(64);
            double d = i % 2 == 0 ? v / Math.pow(10, random.nextInt(7)) : random.nextDouble(-1e7, 1e7);
            int end = i % 3 == 0 ? Digits.fewDecimals(d, out, at) : Digits.integer(v, out, at);
            String what = (i % 3 == 0 ? "double " + d : "long " + v) + " (seed " + SEED + ")";
            for (int k = 0; k < at; k++) {
                assertEquals('#', out[k], "byte " + k + " before the number, " + what);
            }
            for (int k = at + Digits.MAX; k < out.length; k++) {
                assertEquals('#', out[k], "byte " + k + " past the room, " + what);
            }
            if (end > 0) {
                String text = new String(out, at, end - at, StandardCharsets.US_ASCII);
                assertEquals(i % 3 == 0 ? d : (double) v, i % 3 == 0 ? Double.parseDouble(text) : Long.parseLong(text),
                        what);
            }
        }
    }

    @Test
    void validUtf8AcceptsWellFormedTextAndRefusesWhatTheJdkReplaces() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(1, 8)];
            for (int k = 0; k < b.length; k++) {
                // bytes at and above 0x80 mostly, where the rules are
                b[k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
            }
            boolean jdk = java.util.Arrays.equals(b, new String(b, StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(jdk, JsonRows.validUtf8(b, 0, b.length), java.util.HexFormat.of().formatHex(b)
                    + " (seed " + SEED + ")");
        }
    }
}
