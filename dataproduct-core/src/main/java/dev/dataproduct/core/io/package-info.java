/**
 * Arrow IPC file reading and writing shared by the snapshot stores and the file ports: a streaming
 * {@link dev.dataproduct.core.io.ArrowIpcWriter} and a re-readable
 * {@link dev.dataproduct.core.io.ArrowIpcDataset}, whose record batches can also be taken as the stored
 * IPC messages ({@link dev.dataproduct.core.io.IpcBatches}) to pass on without decoding; and the {@link dev.dataproduct.core.io.JsonLinesFile}
 * that lineage events and service level history are appended to.
 */
package dev.dataproduct.core.io;
