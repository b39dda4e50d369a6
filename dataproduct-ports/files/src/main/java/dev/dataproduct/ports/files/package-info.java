/**
 * What the file delivery ports share: {@link dev.dataproduct.ports.files.FileSetOutput}, the base
 * of every file port, writes each snapshot as its audience may read it into a new set of files and
 * switches a pointer to it atomically, so that readers ({@link dev.dataproduct.ports.files.FileSet})
 * never see the data file of one snapshot beside the manifest of another; superseded sets are kept
 * for a grace period for the readers still on them. {@link dev.dataproduct.ports.files.AtomicFiles}
 * replaces a single file atomically. The formats are in {@code ports.arrow} (Arrow IPC),
 * {@code ports.csv} (CSV) and {@code ports.jsonl} (JSON Lines).
 */
package dev.dataproduct.ports.files;
