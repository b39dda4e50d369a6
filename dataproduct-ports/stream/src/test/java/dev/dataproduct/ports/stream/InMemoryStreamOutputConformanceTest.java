package dev.dataproduct.ports.stream;

import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.testkit.spi.DeliveryPortKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The stream output on the in-memory stream passes the delivery port kit. */
class InMemoryStreamOutputConformanceTest extends DeliveryPortKit {
    private final InMemoryStream stream = InMemoryStream.withPartitions(3);
    private final String topic = Topics.fresh("items");

    @Override
    protected OutputPort port(Path dir) {
        return StreamOutput.to(stream, topic);
    }

    @Override
    protected List<Map<String, Object>> delivered(Path dir, String dataset) {
        return Topics.lastSnapshot(stream, topic, dataset().schema());
    }
}
