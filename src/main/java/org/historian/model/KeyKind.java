package org.historian.model;

/** The two keys of a community: the community's signing key, and its protected-shard key (spec §8). */
public enum KeyKind {
    COMMUNITY, SHARD
}
