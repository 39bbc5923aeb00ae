package org.historian.store;

/**
 * One archive in the ledger.
 *
 * @param from      partition start, unix seconds
 * @param to        partition end (exclusive), unix seconds
 * @param createdAt unix ms
 */
public record LedgerEntry(String archiveId, long from, long to, long offset, long size, long padding, long messageCount,
                          long createdAt) {
}
