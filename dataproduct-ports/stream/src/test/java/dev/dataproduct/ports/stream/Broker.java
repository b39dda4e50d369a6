package dev.dataproduct.ports.stream;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One single-node KRaft broker in the test JVM, shared by the test classes of this module so that
 * the suite starts one: started on first use, stopped when the test session ends
 * ({@link BrokerSession}). Startup is retried, since a loaded machine can miss the test kit's
 * deadlines. Stopping it in a JVM shutdown hook instead raced the forked test JVM's exit: the
 * broker's own shutdown, still running when Surefire expected the fork to be gone, failed the build
 * after every test had passed.
 */
final class Broker {
    private static KafkaClusterTestKit cluster;

    private Broker() {
    }

    /** @return the bootstrap servers of the running broker */
    static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
        }
        return cluster.bootstrapServers();
    }

    /**
     * Stops the broker if one was started.
     *
     * @throws Exception if the broker fails to stop
     */
    static synchronized void stop() throws Exception {
        if (cluster != null) {
            KafkaClusterTestKit running = cluster;
            cluster = null;
            running.close();
        }
    }

    /** @return a stream over the broker whose reads give up after 30 s */
    static KafkaStream stream() {
        return KafkaStream.connect(bootstrapServers()).timeout(java.time.Duration.ofSeconds(30));
    }

    private static KafkaClusterTestKit start() {
        Exception last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            KafkaClusterTestKit kit = null;
            try {
                kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        // tests stamp records with fixed clocks, months or years in the past: with
                        // the default 7-day retention a clean-up would delete them under a reader.
                        // Clean-ups run from the start and often, so that a test depending on
                        // retention fails every time rather than only when a build is slow
                        .setConfigProp("log.retention.ms", "-1")
                        .setConfigProp("log.retention.check.interval.ms", "500")
                        .setConfigProp("log.initial.task.delay.ms", "0")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                return kit;
            } catch (Exception e) {
                last = e;
                if (kit != null) {
                    try {
                        kit.close();
                    } catch (Exception ignored) {
                        // the next attempt starts afresh
                    }
                }
            }
        }
        throw new IllegalStateException("the test broker did not start in 3 attempts", last);
    }
}
