package dev.dataproduct.ports.stream;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.testkit.spi.InputPortKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stream input on a real Kafka broker passes the input port kit, as on the in-memory stream. */
class KafkaStreamInputConformanceTest extends InputPortKit {
    private final KafkaStream stream = Broker.stream();

    @Override
    protected InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows) {
        String topic = Topics.fresh(name);
        Topics.produce(stream, topic, rows, "id");
        return StreamInput.from(stream, topic, schema).named(name).batchSize(64);
    }

    @Override
    protected Optional<InputPort> textPort(Path dir, String name, Schema schema, List<Map<String, String>> rows) {
        String topic = Topics.fresh(name);
        Topics.produce(stream, topic, rows, "id");
        return Optional.of(StreamInput.from(stream, topic, schema).named(name));
    }
}
