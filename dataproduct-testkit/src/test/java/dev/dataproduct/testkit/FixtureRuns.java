package dev.dataproduct.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a fixture test class with the JUnit launcher, to see what the testkit's JUnit parts make of it. */
public final class FixtureRuns {
    private FixtureRuns() {
    }

    /** @return each test's failure by display name, or null where it passed */
    public static Map<String, Throwable> run(Class<?> fixture) {
        Map<String, Throwable> outcomes = new LinkedHashMap<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            outcomes.put(id.getDisplayName(), result.getThrowable().orElse(null));
                        }
                    }
                });
        return outcomes;
    }
}
