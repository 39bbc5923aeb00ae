package org.historian.archive;

import org.historian.model.CommunityId;

/** Refusal to archive a token-gated community in plaintext (spec §8). */
public class EncryptedCommunityException extends ArchiveFormatException {
    public EncryptedCommunityException(CommunityId community) {
        super("community " + community + " is encrypted (token-gated): its archives must be encrypted with the community's "
                + "hash-ratchet keys, which Historian does not hold. Nothing was archived, so no plaintext can leak. "
                + "Archive this community from its Status control node instead.");
    }
}
