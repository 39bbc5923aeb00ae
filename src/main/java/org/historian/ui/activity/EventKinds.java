package org.historian.ui.activity;

import java.util.EnumSet;
import java.util.Set;
import org.historian.model.EventType;

/** How the activity view names and groups the events of spec §9 and Historian's own. */
public final class EventKinds {
    /** The filter choices of the activity view. */
    public enum Category {
        ALL("All events", EnumSet.allOf(EventType.class)),
        ARCHIVES("Archive runs", EnumSet.of(EventType.CREATING_ARCHIVES, EventType.ARCHIVES_CREATED, EventType.NO_ARCHIVES_CREATED,
                EventType.RUN_RECOVERED)),
        SEEDING("Seeding and magnet links", EnumSet.of(EventType.ARCHIVES_SEEDING, EventType.ARCHIVES_UNSEEDED,
                EventType.MAGNET_PUBLISHED, EventType.MAGNET_RECORDED)),
        MESSAGES("Message intake", EnumSet.of(EventType.MESSAGES_SYNCED, EventType.WAITING_FOR_SOURCE)),
        FETCHING("Fetching as a member", EnumSet.of(EventType.DOWNLOADING_STARTED, EventType.ARCHIVE_DOWNLOADED,
                EventType.IMPORTING_MESSAGES, EventType.DOWNLOADING_FINISHED)),
        PROTOCOL("Protocol on and off", EnumSet.of(EventType.PROTOCOL_ENABLED, EventType.PROTOCOL_DISABLED)),
        ERRORS("Errors", EnumSet.of(EventType.ERROR));

        private final String label;
        private final Set<EventType> types;

        Category(String label, Set<EventType> types) {
            this.label = label;
            this.types = types;
        }

        public boolean includes(EventType type) {
            return types.contains(type);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private EventKinds() {
    }

    public static String title(EventType type) {
        return switch (type) {
            case PROTOCOL_ENABLED -> "Protocol turned on";
            case PROTOCOL_DISABLED -> "Protocol turned off";
            case CREATING_ARCHIVES -> "Archive run started";
            case ARCHIVES_CREATED -> "Archives created";
            case NO_ARCHIVES_CREATED -> "No archives created";
            case ARCHIVES_SEEDING -> "Seeding";
            case ARCHIVES_UNSEEDED -> "Seeding stopped";
            case DOWNLOADING_STARTED -> "Fetch started";
            case ARCHIVE_DOWNLOADED -> "Archive fetched";
            case IMPORTING_MESSAGES -> "Importing messages";
            case DOWNLOADING_FINISHED -> "Fetch finished";
            case MAGNET_PUBLISHED -> "Magnet link published";
            case MAGNET_RECORDED -> "Magnet link recorded, not published";
            case WAITING_FOR_SOURCE -> "Waiting for the store node";
            case MESSAGES_SYNCED -> "Missed messages fetched";
            case RUN_RECOVERED -> "Interrupted run recovered";
            case ERROR -> "Error";
        };
    }
}
