package dev.dataproduct.ports.stream;

import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The child process of {@link KafkaExactlyOnceCrashTest}: runs the events product over a topic
 * again and again until it is killed. Arguments: bootstrap servers, topic, store directory.
 */
public final class StreamCrashRunner {
    private StreamCrashRunner() {
    }

    /**
     * @param args bootstrap servers, topic, store directory
     * @throws InterruptedException never: the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
        KafkaStream stream = KafkaStream.connect(args[0]);
        StreamInput input = StreamInput.from(stream, args[1], Events.SPEC.schema()).named("raw").batchSize(50);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(Path.of(args[2]))).build()) {
            System.out.println("ready");
            System.out.flush();
            while (true) {
                long rows = runtime.run(Events.product(input)).rowsIn();
                System.out.println("committed " + rows);
                System.out.flush();
                if (rows == 0) {
                    Thread.sleep(50);  // nothing new: no need for a snapshot a millisecond
                }
            }
        }
    }
}
