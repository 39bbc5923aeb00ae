package org.historian.ui.tasks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.stage.Window;
import org.historian.model.Community;
import org.historian.service.DemoCommunity;
import org.historian.service.MessageExporter;
import org.historian.service.MessageImporter;
import org.historian.ui.BackgroundWork;
import org.historian.service.Format;
import org.historian.ui.Theme;
import org.historian.ui.UiContext;

/**
 * Long work started from the window (import, export, the demo community), each in a
 * {@link TaskDialog} with progress and Cancel, each on its own thread.
 */
public final class TaskLauncher {
    private final UiContext context;
    private final Theme theme;
    private final Supplier<Window> owner;
    private final Runnable afterwards;

    /** @param afterwards runs on the FX thread after each task (to refresh what the window shows) */
    public TaskLauncher(UiContext context, Theme theme, Supplier<Window> owner, Runnable afterwards) {
        this.context = context;
        this.theme = theme;
        this.owner = owner;
        this.afterwards = afterwards;
    }

    /** Worker code that may fail; its failure is shown in the dialog. */
    @FunctionalInterface
    interface Work {
        void run(TaskDialog dialog) throws Exception;
    }

    /** Runs {@code work} on its own thread with {@code dialog} shown. */
    void start(TaskDialog dialog, String threadName, Work work) {
        dialog.show();
        Thread thread = new Thread(() -> {
            try {
                work.run(dialog);
            } catch (Throwable e) {
                Platform.runLater(() -> dialog.finish("Failed: " + BackgroundWork.messageOf(e), TaskDialog.Outcome.ERROR, null));
            } finally {
                Platform.runLater(afterwards);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Imports an NDJSON file (spec §11) into the store, with progress by bytes read. */
    public TaskDialog importMessages(Path file) {
        TaskDialog dialog = new TaskDialog(owner.get(), "Import messages", "Importing " + file.getFileName() + "…", theme);
        start(dialog, "ui-import", d -> {
            long size = Math.max(1, Files.size(file));
            MessageImporter.Report report;
            try (InputStream input = Files.newInputStream(file)) {
                report = context.importer().importNdjson(input, new MessageImporter.Listener() {
                    @Override
                    public void progress(long bytesRead, long linesRead, long imported) {
                        d.report((double) bytesRead / size, Format.count(linesRead) + " lines read, " + Format.count(imported)
                                + " messages stored (" + Format.bytes(bytesRead) + " of " + Format.bytes(size) + ")");
                    }

                    @Override
                    public boolean cancelled() {
                        return d.isCancelled();
                    }
                });
            }
            MessageImporter.Report done = report;
            String summary = (done.cancelled() ? "Cancelled after " : "Imported ") + Format.count(done.imported()) + " new messages"
                    + (done.duplicates() > 0 ? ", " + Format.count(done.duplicates()) + " already stored" : "")
                    + (done.errorCount() > 0 ? "; " + Format.count(done.errorCount()) + " lines had errors" : "") + ".";
            String details = done.errors().stream().map(e -> file.getFileName() + ":" + e.line() + ": " + e.reason())
                    .collect(Collectors.joining("\n"));
            if (done.errorCount() > done.errors().size()) {
                details += "\n… and " + Format.count(done.errorCount() - done.errors().size()) + " more";
            }
            String shownDetails = details;
            TaskDialog.Outcome kind = done.errorCount() > 0 || done.cancelled() ? TaskDialog.Outcome.WARNING : TaskDialog.Outcome.OK;
            Platform.runLater(() -> d.finish(summary + (done.cancelled() ? " What was stored before the cancel stays." : ""), kind,
                    shownDetails));
        });
        return dialog;
    }

    /** Exports a community's messages as NDJSON; the file appears only when complete. */
    public TaskDialog exportMessages(Community community, Path target) {
        TaskDialog dialog = new TaskDialog(owner.get(), "Export messages", "Exporting " + community.name() + "…", theme);
        start(dialog, "ui-export", d -> {
            // The file chooser has asked before replacing a file; the data directory is refused all the same.
            MessageExporter.FileExport export = context.exporter().exportToFile(community, 0, Long.MAX_VALUE, target, true,
                    new MessageExporter.Listener() {
                        @Override
                        public void progress(long exported) {
                            d.report(-1, Format.count(exported) + " messages written");
                        }

                        @Override
                        public boolean cancelled() {
                            return d.isCancelled();
                        }
                    });
            if (export.cancelled()) {
                Platform.runLater(() -> d.finish("Export cancelled; no file was written.", TaskDialog.Outcome.WARNING, null));
                return;
            }
            long written = export.messages();
            long count = written;
            Platform.runLater(() -> d.finish("Exported " + Format.count(count) + " messages to " + target, TaskDialog.Outcome.OK, null));
        });
        return dialog;
    }

    /** Generates and adds the demo community; it is archived at once when the protocol is on. */
    public TaskDialog addDemo() {
        TaskDialog dialog = new TaskDialog(owner.get(), "Demo community", "Generating 26 weeks of demo messages…", theme);
        start(dialog, "ui-demo", d -> {
            DemoCommunity.Spec spec = DemoCommunity.Spec.defaults(context.clock().instant());
            Community community;
            try {
                community = context.demo().add(spec, (generated, fraction) -> {
                    if (d.isCancelled()) {
                        throw new java.util.concurrent.CancellationException();
                    }
                    d.report(fraction, Format.count(generated) + " messages generated");
                });
            } catch (java.util.concurrent.CancellationException e) {
                Platform.runLater(() -> d.finish("Cancelled; no demo community was added.", TaskDialog.Outcome.WARNING, null));
                return;
            }
            Platform.runLater(() -> d.finish("Added " + community.name() + ". It is marked as demo data; remove it from the "
                    + "communities menu.", TaskDialog.Outcome.OK, null));
        });
        return dialog;
    }
}
