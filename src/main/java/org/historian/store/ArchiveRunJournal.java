package org.historian.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.historian.model.CommunityId;

/**
 * Records each run before it touches files, so a run cut short by a crash is found at the next
 * start and either completed or rolled back.
 */
public final class ArchiveRunJournal {
    private final Database database;

    public ArchiveRunJournal(Database database) {
        this.database = database;
    }

    /** A run that began and has not finished. */
    public record OpenRun(long id, CommunityId community, long start, long end, long dataLengthBefore, long startedAt) {
    }

    public long begin(CommunityId community, long start, long end, long dataLengthBefore, long startedAt) {
        return database.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO archive_runs (community_id, range_start, range_end, "
                    + "data_length_before, started_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, community.hex());
                insert.setLong(2, start);
                insert.setLong(3, end);
                insert.setLong(4, dataLengthBefore);
                insert.setLong(5, startedAt);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    public void finish(long runId, String outcome, long finishedAt) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE archive_runs SET finished_at = ?, outcome = ? WHERE id = ?")) {
                update.setLong(1, finishedAt);
                update.setString(2, outcome);
                update.setLong(3, runId);
                update.executeUpdate();
            }
            return null;
        });
    }

    public List<OpenRun> unfinished() {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, community_id, range_start, range_end, "
                    + "data_length_before, started_at FROM archive_runs WHERE finished_at IS NULL ORDER BY id")) {
                List<OpenRun> runs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        runs.add(new OpenRun(rows.getLong(1), new CommunityId(rows.getString(2)), rows.getLong(3),
                                rows.getLong(4), rows.getLong(5), rows.getLong(6)));
                    }
                }
                return runs;
            }
        });
    }
}
