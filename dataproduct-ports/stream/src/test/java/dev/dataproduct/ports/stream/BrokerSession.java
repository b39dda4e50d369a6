package dev.dataproduct.ports.stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared test broker ({@link Broker}) when the JUnit session ends, while the test JVM is
 * still fully alive, so that the broker's shutdown finishes before the fork exits. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class BrokerSession implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            Broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not stop cleanly", e);
        }
    }
}
