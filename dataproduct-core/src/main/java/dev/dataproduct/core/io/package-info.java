/**
 * Arrow IPC file reading and writing shared by the snapshot stores and the file ports: a streaming
 * {@link dev.dataproduct.core.io.ArrowIpcWriter} and a re-readable
 * {@link dev.dataproduct.core.io.ArrowIpcDataset}, whose record batches can also be taken as the stored
 * IPC messages ({@link dev.dataproduct.core.io.IpcBatches}) to pass on without decoding; and the {@link dev.dataproduct.core.io.JsonLinesFile}
 * that lineage events and service level history are appended to.
 *
 * <p>Arrow IPC bytes are checked by {@link dev.dataproduct.core.io.IpcFraming} before Arrow reads
 * them, in files and streams alike: every declared length and buffer against the bytes there, so a
 * damaged or hostile file is a {@link dev.dataproduct.api.error.PortException} naming the file and
 * byte offset, never an allocation of what a length claims nor a leak of Arrow memory.
 */
package dev.dataproduct.core.io;
