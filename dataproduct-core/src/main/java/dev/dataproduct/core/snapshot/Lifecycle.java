package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.product.ProductAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a snapshot's life that every store keeps alike, whatever holds the bytes: the state
 * of a snapshot in the list, tag names, which snapshot a rollback, publication or discard may
 * take, the manifest of a commit that shares another snapshot's rows, and what retention keeps.
 */
final class Lifecycle {
    /** The names of tags and attachments. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private Lifecycle() {
    }

    /**
     * @param all every retained snapshot, staged ones included
     * @param committed the committed ones, oldest first
     * @param current the current snapshot's id, empty for none
     * @param tags tag name to snapshot id
     * @return the snapshot list: the committed snapshots and the staged ones, with states and tags
     */
    static List<SnapshotEntry> entries(List<SnapshotManifest> all, List<SnapshotManifest> committed, String current,
                                       Map<String, String> tags) {
        List<SnapshotEntry> out = new ArrayList<>();
        for (SnapshotManifest m : all) {
            if (!m.staged() && !committed.contains(m)) {
                continue;
            }
            out.add(new SnapshotEntry(m, state(m, current, all), tags.entrySet().stream()
                    .filter(e -> e.getValue().equals(m.id())).map(Map.Entry::getKey).sorted().toList()));
        }
        return out;
    }

    static SnapshotState state(SnapshotManifest m, String current, List<SnapshotManifest> all) {
        if (m.id().equals(current)) {
            return SnapshotState.CURRENT;
        }
        if (m.staged()) {
            boolean published = all.stream().anyMatch(p -> p.operation() == SnapshotManifest.Operation.PUBLISH
                    && p.source().equals(m.id()));
            return published ? SnapshotState.PUBLISHED : SnapshotState.STAGED;
        }
        boolean rolledBack = all.stream().anyMatch(r -> !r.staged()
                && r.operation() == SnapshotManifest.Operation.ROLLBACK
                && sequenceOf(r.source()) < m.sequence() && m.sequence() < r.sequence());
        return rolledBack ? SnapshotState.ROLLED_BACK : SnapshotState.PUBLISHED;
    }

    private static long sequenceOf(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * @return the attachment name
     * @throws IllegalArgumentException if it is not one
     */
    static String attachmentName(String name) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("attachment name '" + name + "' must be 1 to 128 letters, digits, "
                    + "'.', '_' or '-'");
        }
        return name;
    }

    /** @throws IllegalArgumentException if the tag is not a tag name */
    static void checkTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (!NAME.matcher(tag).matches()) {
            throw new IllegalArgumentException("'" + tag + "' is not a tag name: use 1 to 128 letters, digits, '.', "
                    + "'_' or '-', such as release-2026-q4");
        }
    }

    static SnapshotManifest require(ProductAddress product, String id, List<SnapshotManifest> all) {
        return all.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("snapshot " + id + " of " + product
                        + " is not in the store (never written, discarded, or removed by retention)"));
    }

    /** A staged snapshot never published, or why it cannot be one. */
    static SnapshotManifest staged(ProductAddress product, String id, List<SnapshotManifest> all) {
        SnapshotManifest m = require(product, id, all);
        if (!m.staged()) {
            throw new IllegalStateException("snapshot " + id + " of " + product + " is committed, not staged");
        }
        if (all.stream().anyMatch(p -> p.operation() == SnapshotManifest.Operation.PUBLISH
                && p.source().equals(id))) {
            throw new IllegalStateException("staged snapshot " + id + " of " + product + " was published already");
        }
        return m;
    }

    /** A staged snapshot that may be discarded: never published and not tagged. */
    static SnapshotManifest discardable(ProductAddress product, String id, List<SnapshotManifest> all,
                                        Map<String, String> tags) {
        SnapshotManifest m = staged(product, id, all);
        if (tags.containsValue(id)) {
            throw new IllegalStateException("staged snapshot " + id + " of " + product + " is tagged; "
                    + "remove its tags before discarding it");
        }
        return m;
    }

    /** @throws IllegalStateException for a discard of a staged snapshot a reader holds */
    static IllegalStateException beingRead(ProductAddress product, String id) {
        return new IllegalStateException("staged snapshot " + id + " of " + product + " is being read; "
                + "discard it when its readers are done");
    }

    /** The committed snapshot a rollback makes current again, or why it cannot. */
    static SnapshotManifest rollbackTarget(ProductAddress product, String id, List<SnapshotManifest> committed) {
        SnapshotManifest target = committed.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot roll " + product + " back to snapshot "
                        + id + ": it is not a retained committed snapshot; the list of snapshots says which are"));
        if (committed.get(committed.size() - 1).id().equals(id)) {
            throw new IllegalArgumentException("snapshot " + id + " of " + product + " is current already");
        }
        return target;
    }

    /** @throws IllegalStateException if the staged snapshot was built on another than the current one */
    static void checkPublishable(ProductAddress product, SnapshotManifest staged, Optional<SnapshotManifest> current) {
        if (!staged.parent().equals(current.map(SnapshotManifest::id).orElse(""))) {
            throw new IllegalStateException("staged snapshot " + staged.id() + " of " + product + " was built on "
                    + (staged.parent().isEmpty() ? "no snapshot" : "snapshot " + staged.parent())
                    + ", but the current one is now " + current.map(SnapshotManifest::id).orElse("none")
                    + "; publishing it would drop what was committed since: discard it and run again");
        }
    }

    /** The manifest of a commit that shares every file of another snapshot: a rollback or a publication. */
    static SnapshotManifest shared(ProductAddress product, SnapshotManifest source, Optional<SnapshotManifest> parent,
                                   long sequence, SnapshotManifest.Operation op, String reason, Instant at) {
        Map<String, List<DataFile>> files = new LinkedHashMap<>();
        source.datasets().keySet().forEach(name -> files.put(name, source.filesOf(name)));
        Map<String, String> quarantineFiles = new LinkedHashMap<>();
        source.quarantine().keySet().forEach(name -> quarantineFiles.put(name, source.quarantineFileOf(name)));
        return new SnapshotManifest(SnapshotManifest.idOf(sequence), sequence,
                parent.map(SnapshotManifest::id).orElse(""), at, product.urn(), source.productVersion(),
                source.datasets(), source.quarantine(), source.upstreamSnapshots(), files, quarantineFiles, op,
                source.id(), reason, false, source.inputPositions());
    }

    /** What retention keeps by rule, before pins: decided once for the whole list. */
    static final class Retention {
        private final RetentionPolicy policy;
        private final String current;
        private final Set<String> tagged;
        private final Instant now;
        private final Set<String> lastN = new HashSet<>();

        Retention(RetentionPolicy policy, List<SnapshotManifest> committed, String current, Map<String, String> tags,
                  Instant now) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.current = current;
            this.tagged = new HashSet<>(tags.values());
            this.now = Objects.requireNonNull(now, "now");
            policy.keepLast().ifPresent(n -> committed.subList(Math.max(0, committed.size() - n), committed.size())
                    .forEach(m -> lastN.add(m.id())));
        }

        /** @return whether the rules keep the snapshot: current, tagged, or kept by the policy */
        boolean keeps(SnapshotManifest m) {
            Duration age = Duration.between(m.committedAt(), now);
            if (m.id().equals(current) || tagged.contains(m.id())) {
                return true;
            }
            if (m.staged()) {
                return age.compareTo(policy.expireStagedAfter()) < 0;
            }
            if (policy.keepLast().isEmpty() && policy.keepYoungerThan().isEmpty()) {
                return true;
            }
            return lastN.contains(m.id()) || policy.keepYoungerThan().map(d -> age.compareTo(d) < 0).orElse(false);
        }
    }
}
