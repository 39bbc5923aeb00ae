package org.historian.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.historian.model.LocalFiles;
import org.historian.model.CommunityId;
import org.historian.service.ArchiveService;
import org.historian.service.CommunityStatus;
import org.historian.service.ExecutorTaskScheduler;
import org.historian.service.ServiceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive service without a window, for an always-on machine: logs to
 * {@code <data>/logs/historian.log} (rotated), stops cleanly, unseeding every torrent, on Ctrl-C
 * or SIGTERM.
 */
final class HeadlessMode {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessMode.class);
    private static final int SCHEDULER_THREADS = 3;

    private HeadlessMode() {
    }

    static int run(Historian historian, PrintWriter out) throws IOException, InterruptedException {
        Path logFile = logToFile(historian.dataDirectory().logs());
        CountDownLatch stopped = new CountDownLatch(1);
        ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(SCHEDULER_THREADS, historian.clock());
        ArchiveService service = historian.archiveService(scheduler);
        service.addListener(new StateLogger());
        Thread shutdown = new Thread(() -> {
            LOG.info("stopping: unseeding every torrent");
            service.close();
            scheduler.close();
            LOG.info("stopped");
            stopped.countDown();
        }, "historian-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        service.start();
        ServiceSnapshot snapshot = service.snapshot();
        int count = snapshot.communities().size();
        out.printf("Historian is running without a window: %d communit%s, protocol %s%s.%n", count, count == 1 ? "y" : "ies",
                snapshot.protocol().name().toLowerCase(java.util.Locale.ROOT),
                snapshot.protocolMessage().isEmpty() ? "" : " (" + snapshot.protocolMessage() + ")");
        out.printf("Data in %s, log in %s (torrent client: torrent.log beside it). Stop with Ctrl-C.%n",
                historian.dataDirectory().root(), logFile);
        out.flush();
        LOG.info("started headless with {} communities", snapshot.communities().size());
        stopped.await();
        return 0;
    }

    /**
     * Adds rotating log files (10 MB, 5 files each): Historian's own events at INFO in
     * {@code historian.log}; the torrent library's warnings in {@code torrent.log}, one line each
     * without stack traces (a tracker that does not answer is reported at every announce).
     */
    private static Path logToFile(Path logs) throws IOException {
        LocalFiles.ensurePrivateDirectory(logs);
        Path file = logs.resolve("historian.log");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(rollingFile(context, file, "FILE", ""));
        ch.qos.logback.classic.Logger torrent = context.getLogger("bt");
        torrent.addAppender(rollingFile(context, logs.resolve("torrent.log"), "TORRENT_FILE", "%nopex"));
        // Unattended, the console (often the system journal) keeps Historian's own warnings only.
        torrent.detachAppender("STDERR_ONE_LINE");
        context.getLogger("org.historian").setLevel(Level.INFO);
        return file;
    }

    /** Log files are owner-only (0600) like everything in the data directory, the one rotation makes too. */
    private static final class PrivateRollingFileAppender<E> extends RollingFileAppender<E> {
        @Override
        public void openFile(String fileName) throws IOException {
            LocalFiles.ensurePrivateFile(Path.of(fileName));
            super.openFile(fileName);
        }
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path file, String name, String suffix) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n" + suffix);
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new PrivateRollingFileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        String base = file.getFileName().toString().replace(".log", "");
        rolling.setFileNamePattern(file.resolveSibling(base + ".%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** The magnet link's fate, without the time of the attempt (a line per change, not per retry). */
    private static String publication(org.historian.service.Publication publication) {
        return switch (publication.state()) {
            case NOTHING_YET -> "";
            case PUBLISHED -> "; link published";
            case SENDING -> ""; // a line when it went out or failed, not one more per attempt
            case RECORDED_ONLY, FAILED -> "; link not published: " + publication.detail();
        };
    }

    /** Logs each community's activity when it changes, not every snapshot. */
    private static final class StateLogger implements java.util.function.Consumer<ServiceSnapshot> {
        private final Map<CommunityId, String> last = new HashMap<>();

        @Override
        public synchronized void accept(ServiceSnapshot snapshot) {
            for (CommunityStatus status : snapshot.communities()) {
                String line = status.isMirror()
                        ? "mirror " + status.mirror().state().name().toLowerCase(java.util.Locale.ROOT)
                        + (status.mirror().detail().isEmpty() ? "" : ": " + status.mirror().detail())
                        + (status.infoHash() == null ? "" : "; seeding " + status.infoHash())
                        : status.activity().name().toLowerCase(java.util.Locale.ROOT)
                        + (status.message().isEmpty() ? "" : ": " + status.message())
                        + (status.nextRun() == null ? "" : "; next run " + status.nextRun())
                        + publication(status.publication());
                if (!line.equals(last.put(status.community().id(), line))) {
                    LOG.info("{} ({}): {}", status.community().name(), status.community().id().shortForm(), line);
                }
            }
        }
    }
}
