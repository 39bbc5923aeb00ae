package org.historian.app;

import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.historian.testing.PiecePlans;
import org.historian.model.Community;
import org.historian.service.CommunityStatus;
import org.historian.service.DemoCommunity;
import org.historian.torrent.BtTorrentEngine;
import org.historian.torrent.FetchRequest;
import org.historian.torrent.MagnetLink;
import org.historian.torrent.TorrentSettings;
import org.historian.ui.MainView;
import org.historian.ui.Theme;
import org.historian.ui.community.CommunityDetailViewModel;

/**
 * Makes the README's screenshots from the real app: three demo communities archived and seeding,
 * one of them fetched by a second torrent client over 127.0.0.1 so the seeding figures move.
 * Run with {@code mvn -B -Pscreenshots verify}; writes PNGs to {@code assets/screenshots}.
 */
public final class ReadmeScreenshots {
    private static final int WIDTH = 1360;
    private static final int HEIGHT = 860;

    private ReadmeScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
        Files.createDirectories(output);
        Path temp = Files.createTempDirectory("historian-screenshots");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(10, TimeUnit.SECONDS);

        org.historian.testing.FakeNwakuNode node = new org.historian.testing.FakeNwakuNode().storeWhatIsPublished();
        GuiFixture app = GuiFixture.open(temp.resolve("data"), historian -> {
            historian.settings().set(org.historian.service.Setting.WAKU_PUBLISH, "relay");
            historian.settings().set(org.historian.service.Setting.WAKU_NODE_URL, node.url().toString());
        });
        BtTorrentEngine member = new BtTorrentEngine(temp.resolve("member"), Clock.systemUTC());
        try {
            MainView view = GuiFixture.fx(() -> {
                Stage stage = new Stage();
                MainView shown = app.show(stage);
                stage.setWidth(WIDTH);
                stage.setHeight(HEIGHT);
                return shown;
            });
            Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Community first = app.session.demo.add(new DemoCommunity.Spec("Lisbon Cyclists", 11, now, 40), DemoCommunity.Listener.NONE);
            app.historian.keys().importKey(first.id(), org.historian.model.KeyKind.COMMUNITY, DemoCommunity.key(11),
                    "screenshot passphrase".toCharArray());
            app.session.demo.add(new DemoCommunity.Spec("Rust Learners", 12, now, 14), DemoCommunity.Listener.NONE);
            app.session.demo.add(new DemoCommunity.Spec("Night Sky Photography", 13, now, 6), DemoCommunity.Listener.NONE);
            await().atMost(Duration.ofMinutes(2)).until(() -> app.service().snapshot().communities().stream()
                    .allMatch(status -> status.activity() == CommunityStatus.Activity.SEEDING));

            // A member downloads the first community's archives: upload, peers and ratio become real figures.
            member.start(TorrentSettings.loopback(List.of()));
            MagnetLink link = MagnetLink.parse(app.historian.stores().archiveInfo().get(first.id()).lastMagnetUri())
                    .withPeers(List.of(new MagnetLink.PeerAddress("127.0.0.1", app.service().snapshot().engine().port())));
            member.fetch(FetchRequest.ofMagnet(first.id(), link, temp.resolve("member"), PiecePlans.all(), Duration.ofSeconds(30), null))
                    .result().get(2, TimeUnit.MINUTES);

            GuiFixture.fx(() -> {
                view.communities().selectedProperty().set(view.communities().row(first.id()));
                return null;
            });
            // The detail shows the community with its archives, its link and the upload just made.
            CommunityDetailViewModel detail = view.detail();
            await().atMost(Duration.ofSeconds(30)).until(() -> GuiFixture.fx(() -> first.name().equals(detail.nameProperty().get())
                    && !detail.magnetProperty().get().isEmpty() && !detail.timelineProperty().get().archives().isEmpty()
                    && detail.ratePointsProperty().get() != null
                    && Arrays.stream(detail.ratePointsProperty().get()).anyMatch(rate -> rate > 0)));
            save(view, output.resolve("communities.png"));

            // The publication card, after "Verify publication": the link read back as a member would.
            await().atMost(Duration.ofSeconds(30)).until(() -> GuiFixture.fx(() -> view.root().getScene().lookup("#publicationStatus")
                    instanceof javafx.scene.control.Label label && label.getText().startsWith("Published")));
            GuiFixture.fx(() -> {
                javafx.scene.Node card = view.root().getScene().lookup("#publicationStatus");
                javafx.scene.Node parent = card;
                while (!(parent instanceof javafx.scene.control.ScrollPane)) {
                    parent = parent.getParent();
                }
                ((javafx.scene.control.ScrollPane) parent).setVvalue(1.0);
                ((javafx.scene.control.Button) view.root().getScene().lookup("#verifyPublicationButton")).fire();
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> GuiFixture.fx(() -> view.root().getScene().lookup("#publicationResult")
                    instanceof javafx.scene.control.Label label && label.getText().startsWith("Members accept")));
            save(view, output.resolve("publication.png"));

            GuiFixture.fx(() -> {
                app.window().theme().apply(Theme.Mode.DARK);
                return null;
            });
            save(view, output.resolve("communities-dark.png"));

            GuiFixture.fx(() -> {
                app.window().theme().apply(Theme.Mode.LIGHT);
                view.pageProperty().set(MainView.Page.ACTIVITY);
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> GuiFixture.fx(() -> !view.activity().visibleRows().isEmpty()));
            save(view, output.resolve("activity.png"));

            GuiFixture.fx(() -> {
                view.pageProperty().set(MainView.Page.SETTINGS);
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> GuiFixture.fx(() -> view.root().getScene()
                    .lookup("#setting-torrent-port") instanceof TextField port && !port.getText().isEmpty()));
            save(view, output.resolve("settings.png"));
        } finally {
            member.close();
            app.close();
            node.close();
            Platform.exit();
        }
        System.out.println("screenshots written to " + output.toAbsolutePath());
    }

    private static void save(MainView view, Path file) throws Exception {
        BufferedImage image = GuiFixture.fx(() -> {
            Scene scene = view.root().getScene();
            WritableImage shot = scene.snapshot(null);
            int width = (int) shot.getWidth();
            int height = (int) shot.getHeight();
            int[] pixels = new int[width * height];
            shot.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
            BufferedImage converted = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            converted.setRGB(0, 0, width, height, pixels, 0, width);
            return converted;
        });
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        System.out.println("wrote " + file);
    }
}
