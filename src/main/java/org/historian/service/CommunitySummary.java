package org.historian.service;

import org.historian.model.Community;

/**
 * What an overview shows of one community.
 *
 * @param lastArchiveEndDate unix seconds, or null before the first run
 * @param mirror             this node mirrors the community (the archives are the owner's, fetched)
 */
public record CommunitySummary(Community community, int archiveCount, long archiveBytes, long messagesArchived,
                               Long lastArchiveEndDate, boolean mirror) {
}
