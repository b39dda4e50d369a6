package dev.dataproduct.core.odps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.descriptor.ProductDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * An ODPS document as the SDK read it: the typed view the SDK works with, what the SDK needed and
 * the document did not say, and the document itself, every field kept, so that writing it again
 * gives the same tree.
 *
 * <p>The {@link #descriptor() descriptor} of a document another tool wrote carries documented
 * defaults where SDK metadata is missing (see {@link OdpsCodec}); each default has a
 * {@link #notes() note}. Its {@link ProductDescriptor#address() address} is the product's SDK
 * address; {@link #id()} keeps the document's own id (a UUID or any string).
 *
 * @param id the document's {@code id}
 * @param apiVersion the ODPS version the document declares
 * @param descriptor the typed view, with defaults for missing SDK metadata
 * @param notes the SDK metadata the document lacks, one note per default taken; empty for a
 *     document the SDK wrote
 * @param tree the whole document
 */
public record OdpsDocument(String id, String apiVersion, ProductDescriptor descriptor, List<OdpsNote> notes,
                           ObjectNode tree) {
    /** Validates the components and keeps a copy of the tree, so later changes to it do not leak in. */
    public OdpsDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(descriptor, "descriptor");
        notes = notes == null ? List.of() : List.copyOf(notes);
        tree = Objects.requireNonNull(tree, "tree").deepCopy();
    }

    /** @return a copy of the whole document */
    @Override
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /** @return whether the document says everything the SDK needs, so that no default was taken */
    public boolean complete() {
        return notes.isEmpty();
    }
}
