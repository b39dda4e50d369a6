/**
 * Stream ports: products delivered to and read from event streams (Apache Kafka, or an in-memory
 * stream for tests).
 */
package dev.dataproduct.ports.stream;
