package dev.dataproduct.core.runtime;

import dev.dataproduct.api.error.DataProductException;

/** Checks, before Arrow fails obscurely, that the JVM lets Arrow reach direct buffers. */
final class ArrowEnvironment {
    static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private ArrowEnvironment() {
    }

    static void check() {
        Module arrow = org.apache.arrow.memory.BufferAllocator.class.getModule();
        if (!java.nio.Buffer.class.getModule().isOpen("java.nio", arrow)) {
            throw new DataProductException("Apache Arrow needs the JVM option " + FLAG + " on Java 17 and later, and "
                    + "this JVM was started without it. Add it to the java command line (or to the argLine of "
                    + "Surefire, MAVEN_OPTS for exec:java, or the JVM options of your application server).");
        }
    }
}
