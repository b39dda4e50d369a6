package dev.dataproduct.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.core.descriptor.DescriptorCodec;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.core.odps.OdpsCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every codec of the SDK reads its documents through the one safe reader: the same refusals, with
 * the same places, for the ODCS contract, the ODPS document and the product descriptor.
 */
class SafeDocumentReadingTest {
    /** A codec, with the start of a document of its kind that the tests append to. */
    enum Codec {
        ODCS("apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n",
                OdcsCodec::readYaml, OdcsCodec::read),
        ODPS("apiVersion: v1.0.0\nkind: DataProduct\nid: x\nversion: 1.0.0\nstatus: draft\n",
                yaml -> OdpsCodec.readYaml(yaml, id -> null), file -> OdpsCodec.read(file, id -> null)),
        DESCRIPTOR("address: urn:dataproduct:d:x:v1\nname: x\ndomain: d\nversion: 1.0.0\nstatus: draft\n",
                DescriptorCodec::fromYaml, DescriptorCodec::read);

        final String head;
        final Consumer<String> readYaml;
        final Consumer<Path> readFile;

        Codec(String head, Consumer<String> readYaml, Consumer<Path> readFile) {
            this.head = head;
            this.readYaml = readYaml;
            this.readFile = readFile;
        }
    }

    private static String problem(Runnable read) {
        List<String> problems = assertThrows(InvalidDefinitionException.class, read::run).problems();
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void refusesAnAliasBeforeItsAnchorWithItsLineAndColumn(Codec codec) {
        String message = problem(() -> codec.readYaml.accept(codec.head + "purpose: *later\nowner: &later x\n"));
        assertTrue(message.startsWith("the alias *later (line 6, column 10) refers to no anchor &later defined "
                + "before it"), message);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void refusesA50MiBScalarBeforeParsingIt(Codec codec) {
        String yaml = codec.head + "purpose: " + "a".repeat(50 << 20) + "\n";
        String message = problem(() -> codec.readYaml.accept(yaml));
        assertTrue(message.startsWith("the document is " + yaml.length() + " bytes long, more than the limit of "
                + (16 << 20) + " bytes"), message);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void refusesAYamlLineLongerThanTheLimitBeforeParsingIt(Codec codec) {
        String message = problem(() -> codec.readYaml.accept(codec.head + "purpose: " + "a".repeat(200_000) + "\n"));
        assertTrue(message.startsWith("line 6 is 200009 characters long, more than the limit of 65536 for a YAML "
                + "line"), message);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void refusesAliasesThatExpandBeyondTheValueLimit(Codec codec) {
        StringBuilder yaml = new StringBuilder(codec.head).append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            yaml.append('a').append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        String message = problem(() -> codec.readYaml.accept(yaml.toString()));
        assertTrue(message.startsWith("the document holds more than 1000000 values once its aliases are expanded"),
                message);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void namesTheByteOffsetOfTheFirstByteThatIsNotUtf8(Codec codec, @TempDir Path dir) throws IOException {
        byte[] head = (codec.head + "purpose: caf").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xE9; // Latin-1 é
        bytes[head.length + 1] = '\n';
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, bytes);
        String message = problem(() -> codec.readFile.accept(file));
        assertEquals("the file is not valid UTF-8: byte offset " + head.length + " (line 6, byte 13 of the line) "
                + "holds 0xE9, which does not start a UTF-8 character there; save the file as UTF-8", message);
    }
}
