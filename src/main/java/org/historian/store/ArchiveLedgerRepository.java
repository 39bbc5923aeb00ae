package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.CommunityId;

/** Every archive created per community, with message counts the index does not carry. */
public final class ArchiveLedgerRepository {
    private final Database database;

    public ArchiveLedgerRepository(Database database) {
        this.database = database;
    }

    /** Records archives; an archive already recorded is left as it is. */
    public void record(CommunityId community, List<LedgerEntry> entries) {
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO archives (community_id, archive_id, from_ts, "
                    + "to_ts, data_offset, size, padding, message_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (LedgerEntry entry : entries) {
                    insert.setString(1, community.hex());
                    insert.setString(2, entry.archiveId());
                    insert.setLong(3, entry.from());
                    insert.setLong(4, entry.to());
                    insert.setLong(5, entry.offset());
                    insert.setLong(6, entry.size());
                    insert.setLong(7, entry.padding());
                    insert.setLong(8, entry.messageCount());
                    insert.setLong(9, entry.createdAt());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The community's archives, in data order (oldest first). */
    public List<LedgerEntry> list(CommunityId community) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT archive_id, from_ts, to_ts, data_offset, size, padding, "
                    + "message_count, created_at FROM archives WHERE community_id = ? ORDER BY data_offset")) {
                select.setString(1, community.hex());
                List<LedgerEntry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new LedgerEntry(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                                rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8)));
                    }
                }
                return entries;
            }
        });
    }

    /** Forgets ledger entries no longer in the index (a folder restored or replaced by hand). */
    public void retainOnly(CommunityId community, List<String> archiveIds) {
        database.inTransaction(c -> {
            List<String> known = list(community).stream().map(LedgerEntry::archiveId).toList();
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM archives WHERE community_id = ? AND archive_id = ?")) {
                for (String id : known) {
                    if (!archiveIds.contains(id)) {
                        delete.setString(1, community.hex());
                        delete.setString(2, id);
                        delete.addBatch();
                    }
                }
                delete.executeBatch();
            }
            return null;
        });
    }
}
