package org.historian.ui.communities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.historian.model.CommunityId;
import org.historian.service.CommunityStatus;
import org.historian.service.ServiceSnapshot;
import org.historian.service.Format;

/**
 * The communities list: one row per community in the service's order (by name), filtered by
 * the search text. A snapshot updates rows in place; the list itself changes only when
 * communities come or go, so selection and scroll position stay put.
 */
public final class CommunitiesViewModel {
    private final ObservableList<CommunityRow> rows = FXCollections.observableArrayList();
    private final FilteredList<CommunityRow> visible = new FilteredList<>(rows, row -> true);
    private final Map<CommunityId, CommunityRow> byId = new HashMap<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObjectProperty<CommunityRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private CommunityId preferred;
    private boolean selectedOnce;

    public CommunitiesViewModel() {
        filter.addListener((p, before, after) -> {
            visible.setPredicate(row -> row.matches(after));
            updateSummary();
        });
    }

    public ObservableList<CommunityRow> visibleRows() {
        return visible;
    }

    public ObservableList<CommunityRow> allRows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** "12 of 1,000 communities" */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "26 archives · 3.1 MB" over all communities. */
    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ObjectProperty<CommunityRow> selectedProperty() {
        return selected;
    }

    /** The community to select when the list first fills (the one selected when the window last closed). */
    public void preferSelection(CommunityId id) {
        this.preferred = id;
    }

    public CommunityRow row(CommunityId id) {
        return byId.get(id);
    }

    /** Applies a snapshot on the FX thread. */
    public void apply(ServiceSnapshot snapshot) {
        List<CommunityStatus> statuses = snapshot.communities();
        boolean sameMembers = statuses.size() == rows.size();
        for (int i = 0; sameMembers && i < statuses.size(); i++) {
            sameMembers = rows.get(i).id().equals(statuses.get(i).community().id());
        }
        boolean filtering = !filter.get().isBlank();
        boolean refilter = false;
        if (sameMembers) {
            for (int i = 0; i < statuses.size(); i++) {
                CommunityRow row = rows.get(i);
                boolean matchedBefore = filtering && row.matches(filter.get());
                if (row.update(statuses.get(i)) && filtering && matchedBefore != row.matches(filter.get())) {
                    refilter = true;
                }
            }
        } else {
            List<CommunityRow> next = new ArrayList<>(statuses.size());
            Map<CommunityId, CommunityRow> seen = new HashMap<>();
            for (CommunityStatus status : statuses) {
                CommunityRow row = byId.get(status.community().id());
                if (row == null) {
                    row = new CommunityRow(status);
                } else {
                    row.update(status);
                }
                next.add(row);
                seen.put(row.id(), row);
            }
            byId.clear();
            byId.putAll(seen);
            CommunityRow keep = selected.get();
            rows.setAll(next);
            if (keep != null) {
                selected.set(byId.get(keep.id()));
            }
            if (selected.get() == null && !rows.isEmpty() && !selectedOnce) {
                // First time communities appear: show one rather than an empty detail.
                selected.set(preferred != null && byId.containsKey(preferred) ? byId.get(preferred) : rows.get(0));
            }
            selectedOnce |= !rows.isEmpty();
        }
        if (refilter) {
            visible.setPredicate(row -> row.matches(filter.get()));
        }
        updateSummary();
        long archives = 0;
        long bytes = 0;
        for (CommunityStatus status : statuses) {
            archives += status.archiveCount();
            bytes += status.archiveBytes();
        }
        totals.set(Format.count(archives) + " archives · " + Format.bytes(bytes));
    }

    private void updateSummary() {
        int all = rows.size();
        String noun = all == 1 ? "community" : "communities";
        summary.set(visible.size() == all ? Format.count(all) + " " + noun : Format.count(visible.size()) + " of " + Format.count(all) + " " + noun);
    }
}
