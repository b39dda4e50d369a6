package dev.dataproduct.benchmarks;

import java.time.Duration;
import java.util.Arrays;

/**
 * Runs one benchmark by name: {@code quality} (one profile, engine against DuckDB, ends with the
 * line {@code ratio engine/duckdb: X.XX}), {@code scaling} (10, 100 and 500 checks),
 * {@code kernels} (each check alone), {@code memory} (streamed, 10M and 50M rows) or {@code rest}
 * (REST rows/s, JSON and Arrow, against a bare JDK server; ends with {@code ratio rest/bare: X.XX}) or
 * {@code restload} ({@code -Dclients} concurrent REST clients, 200 by default, for {@code -Dloadseconds}
 * seconds, 60 by default: errors, latency percentiles, memory and threads before and after);
 * {@code sql} (a scan-and-aggregate query through the SQL port against plain DuckDB over the same rows;
 * ends with {@code ratio sql/duckdb: X.XX});
 * {@code incremental} (append and upsert of 1% against a rewrite of 10M rows; ends with
 * {@code ratio append/rewrite: X.XX}); {@code join} (a 10M x 1M hash join on a conformed key against
 * DuckDB's join of the same rows; ends with {@code ratio join/duckdb: X.XX}); {@code asof} (the offline
 * as-of join of feature products against DuckDB's ASOF JOIN, and online lookup latency; ends with {@code ratio asof/duckdb: X.XX});
 * {@code stream} (records/s delivering a {@code -Dstreamrows} snapshot, 1M by default, through the
 * stream output against a bare KafkaProducer writing the same bytes; ends with
 * {@code ratio port/producer: X.XX}). See
 * {@code benchmarks/README.md}.
 */
public final class Bench {
    private Bench() {
    }

    /**
     * @param args the benchmark's name
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "quality" : args[0];
        switch (name) {
            case "quality":
                QualityBenchmark.fromSystemProperties().quality(Integer.getInteger("checks", 0));
                break;
            case "scaling":
                int[] counts = Arrays.stream(System.getProperty("scale", "10,100,500").split(","))
                        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                QualityBenchmark.fromSystemProperties().scaling(counts);
                break;
            case "kernels":
                QualityBenchmark.fromSystemProperties().kernels(Integer.getInteger("checks", 0));
                break;
            case "access":
                AccessBenchmark.run(System.out);
                break;
            case "rest":
                RestBenchmark.run(Integer.getInteger("restrows", 500_000), Integer.getInteger("warmups", 2),
                        Integer.getInteger("runs", 5), System.out);
                break;
            case "restload":
                RestLoad.print(RestLoad.run(Integer.getInteger("clients", 200),
                        Duration.ofSeconds(Integer.getInteger("loadseconds", 60)), Integer.getInteger("loadrows", 10_000)),
                        System.out);
                break;
            case "sql":
                SqlBenchmark.run(Integer.getInteger("sqlrows", 2_000_000), Integer.getInteger("warmups", 2),
                        Integer.getInteger("runs", 5), System.out);
                break;
            case "incremental":
                IncrementalBenchmark.run(Long.getLong("rows", 10_000_000L), Integer.getInteger("runs", 3), System.out);
                break;
            case "stream":
                StreamBenchmark.run(Integer.getInteger("streamrows", 1_000_000), Integer.getInteger("warmups", 2),
                        Integer.getInteger("runs", 5), System.out);
                break;
            case "metric":
                MetricBenchmark.run(System.out);
                break;
            case "asof":
                AsOfBenchmark.run(System.out);
                break;
            case "join":
                JoinBenchmark.run(System.out);
                break;
            case "memory":
                MemoryBenchmark.parent(System.out);
                break;
            case "memory-child":
                MemoryBenchmark.child(System.out);
                break;
            default:
                System.err.println("unknown benchmark '" + name + "'; use quality, scaling, kernels, memory, access, "
                        + "rest, restload, sql, incremental, metric, asof, join or stream");
                System.exit(2);
        }
    }
}
