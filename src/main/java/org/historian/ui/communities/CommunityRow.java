package org.historian.ui.communities;

import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.historian.model.CommunityId;
import org.historian.service.CommunityStatus;
import org.historian.service.SeedingFigures;

/**
 * One community as the window shows it: the latest {@link CommunityStatus} and a revision that
 * changes with it, so a cell redraws once per update rather than once per field.
 */
public final class CommunityRow {
    private final CommunityId id;
    private final ObjectProperty<CommunityStatus> status;
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private String searchText;

    public CommunityRow(CommunityStatus initial) {
        this.id = initial.community().id();
        this.status = new SimpleObjectProperty<>(initial);
        this.searchText = searchTextOf(initial);
    }

    public CommunityId id() {
        return id;
    }

    public CommunityStatus status() {
        return status.get();
    }

    public ReadOnlyObjectProperty<CommunityStatus> statusProperty() {
        return status;
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    /** Takes a new status; returns whether anything the window shows changed. */
    boolean update(CommunityStatus next) {
        if (next.equals(status.get())) {
            return false;
        }
        status.set(next);
        searchText = searchTextOf(next);
        revision.set(revision.get() + 1);
        return true;
    }

    /** Matches a filter against the name, the ID and the state, case-insensitively. */
    boolean matches(String filter) {
        return filter == null || filter.isBlank() || searchText.contains(filter.strip().toLowerCase(Locale.ROOT));
    }

    private static String searchTextOf(CommunityStatus status) {
        return (status.community().name() + " " + status.community().id().hex() + " " + Badges.label(status)).toLowerCase(Locale.ROOT);
    }

    public String name() {
        return status().community().name();
    }

    public Instant nextRun() {
        return status().nextRun();
    }

    public int peers() {
        SeedingFigures seeding = status().seeding();
        return seeding == null ? 0 : seeding.peers();
    }
}
