package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.InvalidDefinitionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of valid contracts never escape the reader as anything but an
 * {@link InvalidDefinitionException} with located problems, never hang, and whatever reads
 * writes back and reads again equal. Re-run a failure with {@code -Dodcs.fuzz.seed=<seed>}.
 */
class OdcsReaderFuzzTest {
    private static final int CASES = 400;
    private static final long SEED = Long.getLong("odcs.fuzz.seed", 0x0DC5_2026L);
    /** A located problem names a line, a byte offset, or concerns the document as a whole. */
    private static final Pattern LOCATED = Pattern.compile(".*(\\(line \\d+|line \\d+ is|byte offset \\d+).*"
            + "|^the document .*|^the file holds more than one document.*", Pattern.DOTALL);

    private record Source(String name, byte[] bytes) {
    }

    private record Case(int index, String mutation, String fileName, byte[] bytes) {
        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return "case " + index + " of seed " + SEED + " (" + mutation + ", " + fileName + ", " + bytes.length
                    + " bytes):\n" + (text.length() > 3000 ? text.substring(0, 3000) + "\n[...]" : text);
        }
    }

    @Test
    void mutatedContractsAreReadOrRefusedWithLocatedProblems(@TempDir Path dir) throws IOException {
        List<Source> sources = List.of(source(OdcsTestFiles.FULL), source(OdcsTestFiles.V302),
                source(OdcsTestFiles.JSON));
        SplittableRandom random = new SplittableRandom(SEED);
        int read = 0;
        for (int i = 0; i < CASES; i++) {
            Source source = sources.get(random.nextInt(sources.size()));
            Case c = mutate(i, source, random.split());
            Path file = dir.resolve(i + "-" + c.fileName());
            Files.write(file, c.bytes());
            if (check(c, file)) {
                read++;
            }
        }
        assertFalse(read == 0 || read == CASES, "the mutations should both keep and break documents: " + read
                + " of " + CASES + " read, seed " + SEED);
    }

    /** @return whether the case read successfully */
    private static boolean check(Case c, Path file) {
        OdcsReadResult result;
        try {
            result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> OdcsCodec.reader().read(file),
                    () -> "the reader hung on " + c);
        } catch (InvalidDefinitionException e) {
            assertFalse(e.problems().isEmpty(), () -> "no problem listed for " + c);
            for (String problem : e.problems()) {
                if (!LOCATED.matcher(problem).matches()) {
                    fail("problem without a place: '" + problem + "' for " + c);
                }
            }
            return false;
        } catch (RuntimeException | Error e) {
            if (e instanceof org.opentest4j.AssertionFailedError) {
                throw e;
            }
            throw new AssertionError("untyped " + e + " for " + c, e);
        }
        DataContract contract = result.contract();
        try {
            assertEquals(contract, OdcsCodec.readYaml(OdcsCodec.toYaml(contract)), () -> "YAML round trip of " + c);
            assertEquals(contract, OdcsCodec.readJson(OdcsCodec.toJson(contract)), () -> "JSON round trip of " + c);
        } catch (InvalidDefinitionException e) {
            throw new AssertionError("what was read does not read back: " + e.getMessage() + " for " + c, e);
        }
        return true;
    }

    private static Source source(String name) {
        return new Source(name, OdcsTestFiles.text(name).getBytes(StandardCharsets.UTF_8));
    }

    private static Case mutate(int index, Source source, SplittableRandom r) {
        byte[] b = source.bytes();
        List<String> lines = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
        int line = r.nextInt(lines.size());
        int kind = r.nextInt(12);
        String name = source.name();
        switch (kind) {
            case 0: {
                int at = r.nextInt(b.length);
                return new Case(index, "truncated at byte " + at, name, Arrays.copyOf(b, at));
            }
            case 1: {
                byte[] flipped = b.clone();
                int flips = 1 + r.nextInt(4);
                StringBuilder what = new StringBuilder("bytes flipped at");
                for (int k = 0; k < flips; k++) {
                    int at = r.nextInt(flipped.length);
                    flipped[at] ^= (byte) (1 << r.nextInt(8));
                    what.append(' ').append(at);
                }
                return new Case(index, what.toString(), name, flipped);
            }
            case 2:
                lines.remove(line);
                return text(index, "line " + (line + 1) + " deleted", name, lines);
            case 3:
                lines.add(line, lines.get(line));
                return text(index, "line " + (line + 1) + " duplicated", name, lines);
            case 4: {
                String[] swaps = {"[1, 2]", "{a: 1}", "true", "null", "42", "-1.5", "''", "~", "\"x\""};
                String swap = swaps[r.nextInt(swaps.length)];
                String swapped = lines.get(line).replaceFirst("(:\\s*|-\\s+)\\S.*$", "$1" + swap);
                lines.set(line, swapped);
                return text(index, "value on line " + (line + 1) + " swapped for " + swap, name, lines);
            }
            case 5: {
                int other = r.nextInt(lines.size());
                lines.set(line, lines.get(line).replaceFirst(":\\s+(\\S)", ": &anchor $1"));
                lines.set(other, lines.get(other).replaceFirst(":\\s+\\S.*$", ": *anchor"));
                return text(index, "anchor on line " + (line + 1) + ", alias on line " + (other + 1), name, lines);
            }
            case 6: {
                int size = r.nextBoolean() ? 70_000 + r.nextInt(1_000_000) : 1_100_000;
                String huge = r.nextBoolean() ? "x-huge: " + "h".repeat(size)
                        : "x-huge: |\n" + ("  " + "h".repeat(79) + "\n").repeat(size / 80);
                lines.add(Math.min(line, lines.size()), huge);
                return text(index, "huge scalar of " + size + " characters at line " + (line + 1), name, lines);
            }
            case 7: {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = r.nextInt(b.length);
                out.write(b, 0, at);
                byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
                        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
                byte[] bad = invalid[r.nextInt(invalid.length)];
                out.write(bad, 0, bad.length);
                out.write(b, at, b.length - at);
                return new Case(index, "invalid UTF-8 at byte " + at, name, out.toByteArray());
            }
            case 8: {
                int depth = 20 + r.nextInt(2000);
                lines.add(Math.min(line, lines.size()), "x-deep: " + "[".repeat(depth) + "]".repeat(depth));
                return text(index, "nesting " + depth + " deep at line " + (line + 1), name, lines);
            }
            case 9: {
                StringBuilder bomb = new StringBuilder("x-a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
                int levels = 3 + r.nextInt(8);
                for (int k = 1; k < levels; k++) {
                    bomb.append("\nx-a").append(k).append(": &a").append(k).append(" [")
                            .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (k - 1)))).append(']');
                }
                lines.add(0, bomb.toString());
                return text(index, "aliases " + levels + " levels deep", name, lines);
            }
            case 10: {
                String alias = "x-early: *later\nx-late: &later value";
                lines.add(0, alias);
                return text(index, "alias before its anchor", name, lines);
            }
            default: {
                String merge = "x-base: &base {required: true, description: merged}";
                lines.add(0, merge);
                lines.set(line + 1 >= lines.size() ? lines.size() - 1 : line + 1,
                        lines.get(Math.min(line + 1, lines.size() - 1)).replaceFirst("^(\\s*)- ", "$1- <<: *base\n$1  "));
                return text(index, "merge key near line " + (line + 2), name, lines);
            }
        }
    }

    private static Case text(int index, String mutation, String name, List<String> lines) {
        return new Case(index, mutation, name, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
