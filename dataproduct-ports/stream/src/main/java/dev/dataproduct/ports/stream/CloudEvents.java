package dev.dataproduct.ports.stream;

/**
 * The names of the headers of the CloudEvents envelope the stream ports write and read: the
 * CloudEvents 1.0 Kafka protocol binding in binary content mode, where each context attribute is a
 * header named {@code ce_<attribute>} whose value is the attribute as UTF-8 text, and the content
 * type is the {@code content-type} header. The record's value is the event's data.
 */
public final class CloudEvents {
    /** The CloudEvents version every record declares. */
    public static final String SPEC_VERSION_VALUE = "1.0";
    /** {@code specversion}. */
    public static final String SPEC_VERSION = "ce_specversion";
    /**
     * {@code id}: unique within the source; here the snapshot and its commit time (see
     * {@link #snapshotEvent}), the dataset and the row, so that a redelivery of a snapshot repeats
     * its ids and nothing else does.
     */
    public static final String ID = "ce_id";
    /** {@code source}: the product's address. */
    public static final String SOURCE = "ce_source";
    /**
     * {@code type}: what happened, {@value #ROW_TYPE} for a row of a delivered snapshot,
     * {@value #DELETED_TYPE} for a deleted row's tombstone.
     */
    public static final String TYPE = "ce_type";
    /** {@code time}: the snapshot's commit time, RFC 3339. */
    public static final String TIME = "ce_time";
    /** {@code dataschema}: the contract version the value follows. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** {@code subject}: the dataset, and the row's key where the audience may see it. */
    public static final String SUBJECT = "ce_subject";
    /** The extension attribute {@code snapshot}: the id of the snapshot the row belongs to. */
    public static final String SNAPSHOT = "ce_snapshot";
    /**
     * The extension attribute {@code delivery}: unique per delivery of a snapshot, so that the
     * records of one delivery can be told from those of a redelivery or of a rebuilt product.
     */
    public static final String DELIVERY = "ce_delivery";
    /** The content type of the value ({@code datacontenttype} in binary mode). */
    public static final String CONTENT_TYPE = "content-type";
    /** The type of a row of a delivered snapshot. */
    public static final String ROW_TYPE = "dev.dataproduct.snapshot.row";
    /**
     * The type of a tombstone: the key of a row an incremental snapshot deleted (or that left the
     * audience's view), with no value.
     */
    public static final String DELETED_TYPE = "dev.dataproduct.snapshot.row.deleted";
    /**
     * The type of the record that closes each delivery on a topic's deliveries topic (see
     * {@link StreamOutput#DELIVERIES_TOPIC_SUFFIX}): which snapshot and delivery, whether it holds
     * the snapshot whole or its changes only, and how many records it wrote.
     */
    public static final String DELIVERED_TYPE = "dev.dataproduct.snapshot.delivered";
    /** The type of the record that publishes a product's contract on a topic's contract topic. */
    public static final String CONTRACT_TYPE = "dev.dataproduct.contract";

    private CloudEvents() {
    }

    /**
     * The first part of the ids of the events of one snapshot: its id and its commit time, since a
     * snapshot id alone is reused by a product rebuilt in a new store, which numbers its snapshots
     * from 1 again, and CloudEvents consumers take a repeated source and id for the same event.
     *
     * @param snapshotId the snapshot's id
     * @param committedAt its commit time
     * @return {@code <snapshot>@<commit time, RFC 3339>}
     */
    public static String snapshotEvent(String snapshotId, java.time.Instant committedAt) {
        return snapshotId + "@" + committedAt;
    }

    /**
     * @param productAddress the product's address
     * @param contractVersion the contract version
     * @return the {@code dataschema} URI of that contract version
     */
    public static String dataSchema(String productAddress, String contractVersion) {
        return productAddress + ":contract:" + contractVersion;
    }
}
