package dev.berth.store;

/**
 * One stored value and its revisions, as etcd reports them.
 *
 * @param createRevision the revision at which this incarnation of the key was created
 * @param modRevision the revision of the last write to the key (the object's resourceVersion)
 * @param version writes to this incarnation, starting at 1
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {}
