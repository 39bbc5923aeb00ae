package org.historian.model;

/** The events of spec §9 (status-go signal names), plus Historian's own. */
public enum EventType {
    PROTOCOL_ENABLED("community.historyArchivesProtocolEnabled"),
    PROTOCOL_DISABLED("community.historyArchivesProtocolDisabled"),
    CREATING_ARCHIVES("community.creatingHistoryArchives"),
    ARCHIVES_CREATED("community.historyArchivesCreated"),
    NO_ARCHIVES_CREATED("community.noHistoryArchivesCreated"),
    ARCHIVES_SEEDING("community.historyArchivesSeeding"),
    ARCHIVES_UNSEEDED("community.historyArchivesUnseeded"),
    DOWNLOADING_STARTED("community.downloadingHistoryArchivesStarted"),
    ARCHIVE_DOWNLOADED("community.historyArchiveDownloaded"),
    IMPORTING_MESSAGES("community.importingHistoryArchiveMessages"),
    DOWNLOADING_FINISHED("community.downloadingHistoryArchivesFinished"),
    /** A magnet link was sent to the Waku network. */
    MAGNET_PUBLISHED("historian.magnetLinkPublished"),
    /** A magnet link was recorded only: publishing is off, so members do not learn of it. */
    MAGNET_RECORDED("historian.magnetLinkRecorded"),
    /** The message source cannot be reached; the service waits and tries again. */
    WAITING_FOR_SOURCE("historian.waitingForMessageSource"),
    /** Missed messages were fetched from the message source. */
    MESSAGES_SYNCED("historian.messagesSynced"),
    /** An archive run interrupted by a crash was rolled back or completed at start-up. */
    RUN_RECOVERED("historian.archiveRunRecovered"),
    /** Something failed; the event's detail says what and what to do. */
    ERROR("historian.error");

    private final String signal;

    EventType(String signal) {
        this.signal = signal;
    }

    public String signal() {
        return signal;
    }

    public static EventType fromSignal(String signal) {
        for (EventType type : values()) {
            if (type.signal.equals(signal)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event signal " + signal);
    }
}
