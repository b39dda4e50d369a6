package dev.dataproduct.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Arrow misconfigurations reach the user as the SDK's message, in JVMs started without what Arrow needs. */
class ArrowMemoryTest {
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void arrowIpcWithoutTheJvmFlagFailsWithTheSdkMessageNamingTheFlag() throws Exception {
        String out = probe(CLASS_PATH, false, "write");
        assertTrue(out.startsWith("dev.dataproduct.api.error.DataProductException: "), out);
        assertTrue(out.contains(ArrowMemory.JVM_FLAG), out);
        assertFalse(out.contains("sun.misc.Unsafe"), out);
    }

    @Test
    void runtimeWithoutAMemoryImplementationNamesTheDependencyToAdd() throws Exception {
        String withoutNetty = Arrays.stream(CLASS_PATH.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("arrow-memory-netty"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(withoutNetty.length() < CLASS_PATH.length(), "the test class path has arrow-memory-netty");
        String out = probe(withoutNetty, true, "runtime");
        assertTrue(out.startsWith("dev.dataproduct.api.error.DataProductException: "), out);
        assertTrue(out.contains("arrow-memory-netty"), out);
    }

    @Test
    void probeSucceedsInAProperlyConfiguredJvm() throws Exception {
        assertEquals("ok", probe(CLASS_PATH, true, "write"));
        assertEquals("ok", probe(CLASS_PATH, true, "runtime"));
    }

    private static String probe(String classPath, boolean withFlag, String mode)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (withFlag) {
            command.add(ArrowMemory.JVM_FLAG);
        }
        command.addAll(List.of("-cp", classPath, ArrowMemoryProbe.class.getName(), mode));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe JVM did not finish in 60 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
