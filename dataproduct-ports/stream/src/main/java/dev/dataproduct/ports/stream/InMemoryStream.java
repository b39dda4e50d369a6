package dev.dataproduct.ports.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event stream held in memory, for unit tests of products with stream ports: topics of a fixed
 * number of partitions, records placed by key hash, transactions whose records become visible
 * together at commit and a newer publisher with the same transactional id fencing the older, as on
 * Kafka. The stream ports pass the same conformance kits on it as on {@link KafkaStream}.
 *
 * <pre>{@code
 * InMemoryStream stream = InMemoryStream.create();
 * OutputPort out = StreamOutput.to(stream, "attendance");
 * InputPort in = StreamInput.from(stream, "attendance-raw", schema);
 * }</pre>
 */
public final class InMemoryStream extends EventStream {
    private final int partitions;
    private final Map<String, List<List<StreamRecord>>> topics = new LinkedHashMap<>();
    private final Map<String, Long> epochs = new ConcurrentHashMap<>();

    private InMemoryStream(int partitions) {
        this.partitions = partitions;
    }

    /** @return an empty stream whose topics have one partition */
    public static InMemoryStream create() {
        return withPartitions(1);
    }

    /**
     * @param partitions the number of partitions of each topic, at least 1
     * @return an empty stream
     */
    public static InMemoryStream withPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, not " + partitions);
        }
        return new InMemoryStream(partitions);
    }

    /**
     * Appends a record outside any transaction, as a producer that is not a data product would.
     *
     * @param topic the topic, created if absent
     * @param key the key; empty for none
     * @param value the value
     * @param headers the headers
     * @param timestamp the record's timestamp
     * @return the record as stored, with its partition and offset
     */
    public synchronized StreamRecord append(String topic, byte[] key, byte[] value, Map<String, String> headers,
                                            Instant timestamp) {
        List<List<StreamRecord>> parts = topic(topic);
        int p = key == null || key.length == 0 ? 0 : (Arrays.hashCode(key) & Integer.MAX_VALUE) % parts.size();
        List<StreamRecord> part = parts.get(p);
        StreamRecord r = new StreamRecord(topic, p, part.size(), timestamp, key, value, headers);
        part.add(r);
        return r;
    }

    private List<List<StreamRecord>> topic(String name) {
        return topics.computeIfAbsent(name, k -> {
            List<List<StreamRecord>> parts = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                parts.add(new ArrayList<>());
            }
            return parts;
        });
    }

    @Override
    synchronized void ensureTopic(String topic) {
        topic(topic);
    }

    @Override
    Publisher publisher(String transactionalId) {
        long epoch = epochs.merge(transactionalId, 1L, Long::sum);
        return new Publisher() {
            private final List<Object[]> pending = new ArrayList<>();
            private boolean open;

            @Override
            public void begin() {
                checkEpoch();
                if (open) {
                    throw new IllegalStateException("a transaction is already open for " + transactionalId);
                }
                open = true;
            }

            @Override
            public void send(String topic, byte[] key, byte[] value, Map<String, String> headers, Instant timestamp) {
                if (!open) {
                    throw new IllegalStateException("begin a transaction before sending");
                }
                pending.add(new Object[] {topic, key, value, Map.copyOf(headers), timestamp});
            }

            @Override
            @SuppressWarnings("unchecked")
            public void commit() {
                synchronized (InMemoryStream.this) {
                    checkEpoch();
                    for (Object[] r : pending) {
                        append((String) r[0], (byte[]) r[1], (byte[]) r[2], (Map<String, String>) r[3],
                                (Instant) r[4]);
                    }
                }
                pending.clear();
                open = false;
            }

            @Override
            public void abort() {
                pending.clear();
                open = false;
            }

            private void checkEpoch() {
                if (epochs.get(transactionalId) != epoch) {
                    throw new IllegalStateException("publisher '" + transactionalId + "' was fenced by a newer one "
                            + "with the same transactional id");
                }
            }

            @Override
            public void close() {
                abort();
            }
        };
    }

    @Override
    Reader reader() {
        return new Reader() {
            @Override
            public List<Integer> partitions(String topic) {
                synchronized (InMemoryStream.this) {
                    List<List<StreamRecord>> parts = topics.get(topic);
                    List<Integer> ids = new ArrayList<>();
                    for (int i = 0; parts != null && i < parts.size(); i++) {
                        ids.add(i);
                    }
                    return ids;
                }
            }

            @Override
            public Map<Integer, Long> beginning(String topic) {
                Map<Integer, Long> m = new LinkedHashMap<>();
                partitions(topic).forEach(p -> m.put(p, 0L));
                return m;
            }

            @Override
            public Map<Integer, Long> end(String topic) {
                synchronized (InMemoryStream.this) {
                    Map<Integer, Long> m = new LinkedHashMap<>();
                    List<List<StreamRecord>> parts = topics.get(topic);
                    for (int i = 0; parts != null && i < parts.size(); i++) {
                        m.put(i, (long) parts.get(i).size());
                    }
                    return m;
                }
            }

            @Override
            public Map<Integer, Long> offsetsAt(String topic, Instant time) {
                synchronized (InMemoryStream.this) {
                    Map<Integer, Long> m = new LinkedHashMap<>();
                    List<List<StreamRecord>> parts = topics.get(topic);
                    for (int i = 0; parts != null && i < parts.size(); i++) {
                        List<StreamRecord> part = parts.get(i);
                        long at = part.size();
                        for (StreamRecord r : part) {
                            if (!r.timestamp().isBefore(time)) {
                                at = r.offset();
                                break;
                            }
                        }
                        m.put(i, at);
                    }
                    return m;
                }
            }

            @Override
            public Records read(String topic, Map<Integer, Long> from, Map<Integer, Long> to) {
                List<StreamRecord> out = new ArrayList<>();
                synchronized (InMemoryStream.this) {
                    List<List<StreamRecord>> parts = topics.getOrDefault(topic, List.of());
                    for (int p = 0; p < parts.size(); p++) {
                        List<StreamRecord> part = parts.get(p);
                        long end = Math.min(to.getOrDefault(p, 0L), part.size());
                        for (long o = from.getOrDefault(p, 0L); o < end; o++) {
                            out.add(part.get((int) o));
                        }
                    }
                }
                return new Records() {
                    private int next;

                    @Override
                    public StreamRecord next() {
                        return next < out.size() ? out.get(next++) : null;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        return "in-memory stream of " + partitions + " partition(s) per topic";
    }
}
