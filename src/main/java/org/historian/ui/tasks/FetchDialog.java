package org.historian.ui.tasks;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.historian.model.Community;
import org.historian.service.ArchiveFetcher;
import org.historian.service.ArchiveRow;
import org.historian.service.FetchFailedException;
import org.historian.service.FetchJob;
import org.historian.service.FetchProgress;
import org.historian.service.Format;

/**
 * The member side in the window: fetch a community's archives by magnet link (to take over a
 * history another control node made), the index first, then each missing archive, oldest first,
 * each with its own progress bar. Cancel keeps what completed.
 */
public final class FetchDialog {
    private final TaskLauncher launcher;
    private final Community community;
    private final ZoneId zone;
    private final java.util.function.Supplier<ArchiveFetcher> fetcher;
    private final java.util.function.Supplier<java.time.Duration> stallTimeout;
    private final Runnable afterAdoption;

    public FetchDialog(TaskLauncher launcher, Community community, ZoneId zone, java.util.function.Supplier<ArchiveFetcher> fetcher,
                       java.util.function.Supplier<java.time.Duration> stallTimeout, Runnable afterAdoption) {
        this.launcher = launcher;
        this.community = community;
        this.zone = zone;
        this.fetcher = fetcher;
        this.stallTimeout = stallTimeout;
        this.afterAdoption = afterAdoption;
    }

    /** One archive being fetched, as the list shows it. */
    record ArchiveProgress(ArchiveRow entry, double fraction) {
    }

    /** Checks the inputs; returns an error to show, or null when they are good. */
    static String validate(String magnet, String peers) {
        try {
            ArchiveFetcher.Source.checkMagnet(magnet.strip());
        } catch (IllegalArgumentException e) {
            return "Magnet link: " + e.getMessage();
        }
        for (String peer : peers.split("[,\\s]+")) {
            if (!peer.isBlank()) {
                try {
                    ArchiveFetcher.Source.checkPeer(peer);
                } catch (IllegalArgumentException e) {
                    return "Peer " + peer + ": " + e.getMessage();
                }
            }
        }
        return null;
    }

    /** Asks for the magnet link in a dialog, then fetches. */
    public TaskDialog open(TaskDialog dialog) {
        TextField magnet = new TextField();
        magnet.setPromptText("magnet:?xt=urn:btih:…");
        magnet.setAccessibleText("Magnet link");
        TextField peers = new TextField();
        peers.setPromptText("optional: host:port of a seeder, comma-separated");
        peers.setAccessibleText("Peers");
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        Button start = new Button("Fetch");
        start.setDefaultButton(true);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Magnet link"), magnet);
        form.addRow(1, new Label("Peers"), peers);
        GridPane.setHgrow(magnet, Priority.ALWAYS);
        magnet.textProperty().addListener(p -> error.setText(""));
        ListView<ArchiveProgress> archives = new ListView<>();
        archives.setPrefHeight(200);
        archives.setAccessibleText("Archives being fetched");
        archives.setCellFactory(list -> new ArchiveCell(zone));
        archives.setVisible(false);
        archives.setManaged(false);
        VBox box = new VBox(8, form, error, new HBox(start), archives);
        box.setPadding(new Insets(0));
        dialog.addExtra(box);
        dialog.report(0, "Fetching the history of " + community.name() + " from its seeders.");
        start.setOnAction(event -> {
            String problem = validate(magnet.getText(), peers.getText());
            if (problem != null) {
                error.setText(problem);
                return;
            }
            form.setDisable(true);
            start.setDisable(true);
            archives.setVisible(true);
            archives.setManaged(true);
            run(dialog, magnet.getText().strip(), peers.getText(), archives);
        });
        dialog.show();
        magnet.requestFocus();
        return dialog;
    }

    private void run(TaskDialog dialog, String magnetLink, String peerText, ListView<ArchiveProgress> list) {
        List<String> peerAddresses = new ArrayList<>();
        for (String peer : peerText.split("[,\\s]+")) {
            if (!peer.isBlank()) {
                peerAddresses.add(peer);
            }
        }
        ArchiveFetcher.Source source = ArchiveFetcher.Source.ofMagnet(magnetLink, peerAddresses);
        Map<String, Double> fractions = new ConcurrentHashMap<>();
        AtomicReference<List<ArchiveRow>> wanted = new AtomicReference<>(List.of());
        Timeline refresh = new Timeline(new KeyFrame(Duration.millis(250), e -> {
            List<ArchiveProgress> rows = new ArrayList<>();
            for (ArchiveRow entry : wanted.get()) {
                rows.add(new ArchiveProgress(entry, fractions.getOrDefault(entry.archiveId(), 0.0)));
            }
            if (!rows.equals(list.getItems())) {
                list.getItems().setAll(rows);
            }
        }));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        AtomicReference<FetchJob> handle = new AtomicReference<>();
        dialog.onCancel(() -> {
            FetchJob running = handle.get();
            if (running != null) {
                running.cancel();
            }
        });
        launcher.start(dialog, "ui-fetch", d -> {
            d.report(-1, "Asking peers for the torrent's metadata (up to 40 s)…");
            ArchiveFetcher.Outcome outcome;
            try {
                outcome = fetcher.get().fetch(community.id(), source, stallTimeout.get(),
                        new FetchProgress() {
                            @Override
                            public void metadataReceived(String infoHash, long dataBytes, long indexBytes) {
                                d.report(-1, "Metadata received (" + infoHash + "); fetching the index…");
                            }

                            @Override
                            public void indexReceived(int archivesInIndex, List<ArchiveRow> archivesWanted) {
                                wanted.set(List.copyOf(archivesWanted));
                                d.report(0, archivesInIndex + " archives in the index, " + archivesWanted.size() + " to fetch");
                            }

                            @Override
                            public void archiveProgress(ArchiveRow archive, long piecesDone, long piecesTotal) {
                                fractions.put(archive.archiveId(), piecesTotal == 0 ? 1.0 : (double) piecesDone / piecesTotal);
                            }

                            @Override
                            public void archiveDownloaded(ArchiveRow archive) {
                                fractions.put(archive.archiveId(), 1.0);
                                long done = fractions.values().stream().filter(f -> f >= 1.0).count();
                                int total = Math.max(1, wanted.get().size());
                                d.report((double) done / total, done + " of " + total + " archives fetched");
                            }
                        }, handle::set);
            } catch (FetchFailedException e) {
                if (e.reason() != FetchFailedException.Reason.CANCELLED) {
                    throw e;
                }
                Platform.runLater(() -> d.finish("Fetch cancelled; the archives fetched so far stay and are not fetched again.",
                        TaskDialog.Outcome.WARNING, null));
                return;
            } finally {
                Platform.runLater(refresh::stop);
            }
            ArchiveFetcher.Outcome result = outcome;
            String summary = "Fetched " + result.downloaded().size() + " archives ("
                    + Format.bytes(result.bytesDownloaded()) + "), imported " + Format.count(result.messagesImported())
                    + " messages" + (result.adopted() ? "; this node now continues the community's history." : ".");
            Platform.runLater(() -> {
                java.util.List<String> problems = new java.util.ArrayList<>(result.importFailures());
                if (!result.notAdopted().isEmpty()) {
                    problems.add(0, result.notAdopted());
                }
                d.finish(summary, problems.isEmpty() ? TaskDialog.Outcome.OK : TaskDialog.Outcome.WARNING, String.join("\n", problems));
                if (result.adopted()) {
                    afterAdoption.run();
                }
            });
        });
    }

    /** An archive's range and a progress bar. */
    private static final class ArchiveCell extends ListCell<ArchiveProgress> {
        private final Label range = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final HBox box = new HBox(8, range, bar);
        private final ZoneId zone;

        ArchiveCell(ZoneId zone) {
            this.zone = zone;
            HBox.setHgrow(bar, Priority.ALWAYS);
            bar.setMaxWidth(Double.MAX_VALUE);
        }

        @Override
        protected void updateItem(ArchiveProgress item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            range.setText(Format.range(item.entry().from(), item.entry().to(), zone));
            bar.setProgress(item.fraction());
            setAccessibleText("Archive " + range.getText() + ", " + Format.percent(item.fraction()));
            setGraphic(box);
        }
    }
}
