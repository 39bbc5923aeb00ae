package org.historian.ui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Supplier;
import org.historian.service.ArchiveFetcher;
import org.historian.service.ArchiveService;
import org.historian.service.CommunityOverview;
import org.historian.service.DemoService;
import org.historian.service.EventLog;
import org.historian.service.HistorianSettings;
import org.historian.service.MessageExporter;
import org.historian.service.MessageImporter;
import org.historian.service.ViewPreferences;

/**
 * Everything the window works with, wired in {@code app}. The window reads and commands the
 * service layer only through these, and only off the FX thread ({@link BackgroundWork}).
 *
 * @param remembered    the view preferences, read before the window opened
 * @param dataDirectory the data directory in use
 * @param nextDataDirectory where the data directory for the next start is chosen
 */
public record UiContext(ArchiveService service, CommunityOverview overview, DemoService demo, MessageImporter importer,
                        MessageExporter exporter, Supplier<ArchiveFetcher> fetcher, HistorianSettings settings,
                        ViewPreferences preferences, Map<String, String> remembered, EventLog events, Clock clock, ZoneId zone,
                        Path dataDirectory, DataDirectoryChoice nextDataDirectory, org.historian.service.KeyVault keys,
                        org.historian.service.PublicationVerifier verifier) {

    /** The data directory of the next start, kept outside any data directory (it points at one). */
    public interface DataDirectoryChoice {
        /**
         * The directory chosen for the next start, or null when the default (or --data-dir) applies.
         *
         * @throws IllegalStateException when the record of the choice exists but cannot be used
         */
        Path chosen();

        /** Remembers {@code directory} for the next start; null forgets the choice. */
        void choose(Path directory) throws java.io.IOException;
    }
}
