package org.historian.ui.activity;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import org.historian.model.HistorianEvent;
import org.historian.service.CommunityStatus;
import org.historian.service.ServiceSnapshot;
import org.historian.ui.BackgroundWork;
import org.historian.service.Format;
import org.historian.ui.UiContext;

/**
 * The event log, newest first: the last {@link #LOADED} events from the store at start, then
 * each new one as it happens (at most {@link #KEPT} in memory), filtered by kind, community and
 * text.
 */
public final class ActivityViewModel {
    static final int LOADED = 2_000;
    static final int KEPT = 10_000;
    /** The community filter's "any community" choice. */
    public static final String ALL_COMMUNITIES = "All communities";

    /** One event as a row. */
    public record EventRow(HistorianEvent event, String community, String text) {
        boolean matches(EventKinds.Category category, String communityFilter, String search) {
            if (!category.includes(event.type())) {
                return false;
            }
            if (communityFilter != null && !ALL_COMMUNITIES.equals(communityFilter) && !communityFilter.equals(community)) {
                return false;
            }
            return search == null || search.isBlank() || text.contains(search.strip().toLowerCase(Locale.ROOT));
        }
    }

    private final UiContext context;
    private final BackgroundWork work;
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final FilteredList<EventRow> visible = new FilteredList<>(rows, row -> true);
    private final ObjectProperty<EventKinds.Category> category = new SimpleObjectProperty<>(EventKinds.Category.ALL);
    private final StringProperty community = new SimpleStringProperty(ALL_COMMUNITIES);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<String> communityChoices = FXCollections.observableArrayList(ALL_COMMUNITIES);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final Map<CommunityId, String> names = new HashMap<>();
    private final List<HistorianEvent> arrivedWhileLoading = new ArrayList<>();
    private boolean loaded;

    public ActivityViewModel(UiContext context, BackgroundWork work) {
        this.context = context;
        this.work = work;
        category.addListener(p -> refilter());
        community.addListener(p -> refilter());
        search.addListener(p -> refilter());
    }

    /** Reads the newest events from the store, off the FX thread. */
    public void load() {
        work.run(() -> context.overview().recentEvents(LOADED, null), events -> {
            List<EventRow> loadedRows = new ArrayList<>(events.size() + arrivedWhileLoading.size());
            for (int i = arrivedWhileLoading.size() - 1; i >= 0; i--) {
                loadedRows.add(row(arrivedWhileLoading.get(i)));
            }
            for (HistorianEvent event : events) {
                if (!arrivedWhileLoading.contains(event)) {
                    loadedRows.add(row(event));
                }
            }
            arrivedWhileLoading.clear();
            loaded = true;
            rows.setAll(loadedRows);
            updateSummary();
        }, error -> summary.set("The event log could not be read: " + BackgroundWork.messageOf(error)));
    }

    /** New events, oldest first, on the FX thread. */
    public void add(List<HistorianEvent> events) {
        if (!loaded) {
            arrivedWhileLoading.addAll(events);
            return;
        }
        List<EventRow> newest = new ArrayList<>(events.size());
        for (int i = events.size() - 1; i >= 0; i--) {
            newest.add(row(events.get(i)));
        }
        rows.addAll(0, newest);
        if (rows.size() > KEPT) {
            rows.remove(KEPT, rows.size());
        }
        updateSummary();
    }

    /** Keeps community names current (for rows and the community filter). */
    public void apply(ServiceSnapshot snapshot) {
        boolean changed = snapshot.communities().size() != names.size();
        for (CommunityStatus status : snapshot.communities()) {
            String before = names.put(status.community().id(), status.community().name());
            changed |= !status.community().name().equals(before);
        }
        if (changed) {
            List<String> choices = new ArrayList<>();
            choices.add(ALL_COMMUNITIES);
            snapshot.communities().forEach(s -> choices.add(s.community().name()));
            // Replacing the choices clears the combo box's value; the filter stays as chosen.
            String chosen = community.get();
            communityChoices.setAll(choices);
            community.set(choices.contains(chosen) ? chosen : ALL_COMMUNITIES);
            // Events that arrived before their community was known show its name from now on.
            rows.replaceAll(row -> row.event().community() != null
                    && !row.community().equals(names.get(row.event().community())) ? row(row.event()) : row);
        }
    }

    private EventRow row(HistorianEvent event) {
        String name = event.community() == null ? "" : names.getOrDefault(event.community(), event.community().shortForm());
        String text = (EventKinds.title(event.type()) + " " + event.type().signal() + " " + name + " "
                + (event.community() == null ? "" : event.community().hex()) + " " + event.detail()).toLowerCase(Locale.ROOT);
        return new EventRow(event, name, text);
    }

    private void refilter() {
        EventKinds.Category chosen = category.get();
        String who = community.get();
        String text = search.get();
        visible.setPredicate(row -> row.matches(chosen, who, text));
        updateSummary();
    }

    private void updateSummary() {
        summary.set(visible.size() == rows.size() ? Format.count(rows.size()) + " events"
                : Format.count(visible.size()) + " of " + Format.count(rows.size()) + " events");
    }

    /** "2024-03-04 12:00 – 2024-03-11 12:00", or empty for events without a range. */
    public static String range(HistorianEvent event, ZoneId zone) {
        return event.from() == null || event.to() == null ? "" : Format.range(event.from(), event.to(), zone);
    }

    public ObservableList<EventRow> visibleRows() { return visible; }
    public ObjectProperty<EventKinds.Category> categoryProperty() { return category; }
    public StringProperty communityProperty() { return community; }
    public StringProperty searchProperty() { return search; }
    public ObservableList<String> communityChoices() { return communityChoices; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
