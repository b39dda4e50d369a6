package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.core.yaml.DocumentLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oversized or pathological documents are refused quickly with a message saying what and where. */
class OdcsLimitsTest {
    private static final String HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n";

    private static String problem(Runnable read) {
        List<String> problems = assertThrows(InvalidDefinitionException.class, read::run).problems();
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @Test
    void refusesAYamlLineLongerThanTheLimitBeforeParsingIt() {
        // the YAML parser's time grows with the square of a line: 50 MiB on one line would not end
        String yaml = HEAD + "description:\n  purpose: " + "a".repeat(200_000) + "\n";
        String message = problem(() -> OdcsCodec.readYaml(yaml));
        assertTrue(message.startsWith("line 7 is 200011 characters long, more than the limit of 65536 for a YAML "
                + "line; write long text as a block scalar (|)"), message);
    }

    @Test
    void refusesA50MiBScalarUpFront() {
        String yaml = HEAD + "description:\n  purpose: " + "a".repeat(50 << 20) + "\n";
        String message = problem(() -> OdcsCodec.readYaml(yaml));
        assertTrue(message.startsWith("the document is " + (yaml.length()) + " bytes long, more than the limit of "
                + (16 << 20) + " bytes"), message);
    }

    @Test
    void acceptsLongTextWrittenAsABlockScalar() {
        String block = ("  " + "b".repeat(70) + "\n").repeat(4000);
        assertEquals(70 * 4000 + 3999, OdcsCodec.readYaml(HEAD + "description:\n  purpose: |-\n" + block.replace("\n  ",
                "\n    ").replaceFirst("^  ", "    ")).description().purpose().length());
    }

    @Test
    void refusesADocumentOverTheSizeLimitBeforeReadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.odcs.yaml");
        Files.writeString(file, HEAD + ("x-pad: " + "p".repeat(100) + "\n").repeat(100));
        OdcsReader reader = OdcsCodec.reader().limits(DocumentLimits.defaults().withMaxDocumentBytes(4096));
        String message = problem(() -> reader.read(file));
        assertTrue(message.startsWith("the document is " + Files.size(file) + " bytes long, more than the limit of "
                + "4096 bytes"), message);
        assertTrue(message.contains("raise DocumentLimits.maxDocumentBytes"), message);
    }

    @Test
    void refusesAValueOverTheScalarLimitInYamlAndJson() {
        OdcsReader reader = OdcsCodec.reader().limits(DocumentLimits.defaults().withMaxScalarChars(1000));
        String yaml = problem(() -> reader.readYaml(HEAD + "name: |\n" + ("  " + "n".repeat(60) + "\n").repeat(30)));
        assertTrue(yaml.startsWith("a value of 1830 characters (line 6, column 7) is longer than the limit of 1000"),
                yaml);
        String json = problem(() -> reader.readJson("{\"apiVersion\": \"v3.1.0\",\n \"name\": \"" + "n".repeat(2000)
                + "\"}"));
        assertTrue(json.startsWith("a value of 2000 characters (line 2, column 10) is longer"), json);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = HEAD + "x-deep: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertTrue(problem(() -> OdcsCodec.readYaml(deep)).startsWith(
                "the document nests mappings and lists more than 64 levels deep (line 6, column 72)"));
        String json = "{\"x\": " + "[".repeat(100) + "]".repeat(100) + "}";
        assertTrue(problem(() -> OdcsCodec.readJson(json)).startsWith(
                "the document nests mappings and lists more than 64 levels deep (line 1, column 70)"));
    }

    @Test
    void refusesAliasesThatExpandBeyondTheValueLimit() {
        StringBuilder yaml = new StringBuilder(HEAD).append("x-0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            String previous = "*a" + (i - 1);
            yaml.append("x-").append(i).append(": &a").append(i).append(" [").append(
                    String.join(", ", java.util.Collections.nCopies(10, previous))).append("]\n");
        }
        String message = problem(() -> OdcsCodec.readYaml(yaml.toString()));
        assertTrue(message.startsWith("the document holds more than 1000000 values once its aliases are expanded"),
                message);
    }

    @Test
    void namesTheByteOffsetOfTheFirstByteThatIsNotUtf8(@TempDir Path dir) throws IOException {
        byte[] head = (HEAD + "name: caf").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xE9; // Latin-1 é
        bytes[head.length + 1] = '\n';
        Path file = dir.resolve("latin1.odcs.yaml");
        Files.write(file, bytes);
        String message = problem(() -> OdcsCodec.read(file));
        assertEquals("the file is not valid UTF-8: byte offset " + head.length + " (line 6, byte 10 of the line) holds "
                + "0xE9, which does not start a UTF-8 character there; save the file as UTF-8", message);
    }

    @Test
    void namesTheLineAndColumnOfACharacterYamlDoesNotAllow() {
        String message = problem(() -> OdcsCodec.readYaml(HEAD + "name: bell\u0007\n"));
        assertEquals("the character U+0007 (line 6, column 11) is not allowed in YAML, which takes no control "
                + "characters but tab and line breaks; remove it or write it as an escape in a double-quoted string",
                message);
    }
}
