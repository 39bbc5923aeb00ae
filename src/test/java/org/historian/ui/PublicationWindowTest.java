package org.historian.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.historian.app.Historian;
import org.historian.model.Community;
import org.historian.model.Hex;
import org.historian.model.SigningKey;
import org.historian.service.Setting;
import org.historian.testing.WakuNetwork;
import org.historian.testing.TestData;
import org.historian.waku.ArchiveLinkMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The publication card over a real Waku network (go-waku nodes on a protected shard, whose relays
 * take only messages signed with the shard key): a community without a key says so; importing
 * both keys publishes; verification reads the link back from the store node.
 */
class PublicationWindowTest extends WindowTest {
    private static final long SEED = 777;
    private static final SigningKey SHARD_KEY = TestData.communityKey(SEED + 1);
    private final Community community = new Community(TestData.communityId(SEED), "Published Community", List.of(TestData.TOPIC),
            false, true, null);
    private WakuNetwork network;

    @Start
    void start(Stage stage) throws Exception {
        network = WakuNetwork.startProtected(temp.resolve("waku-" + System.nanoTime()),
                Hex.encodeBare(SHARD_KEY.uncompressedPublicKey()));
        open(stage);
    }

    @Override
    void setUp(Historian historian) {
        long now = Instant.now().getEpochSecond();
        historian.stores().communities().add(community);
        historian.stores().messages().insert(List.of(TestData.message(now - TestData.DAY, new byte[]{1, 2, 3})));
        historian.stores().archiveInfo().setLastArchiveEndDate(community.id(), now - 10 * TestData.DAY);
        historian.settings().set(Setting.WAKU_PUBLISH, "relay");
        historian.settings().set(Setting.WAKU_NODE_URL, network.store().rest().toString());
    }

    @AfterEach
    void stopNetwork() {
        network.close();
    }

    private void press(FxRobot robot, String button) {
        // Fired as a click would; the card may lie below the scrolled area.
        Platform.runLater(() -> robot.lookup(button).queryAs(Button.class).fire());
    }

    @Test
    void importingTheKeyPublishesTheLinkAndVerificationReadsItBack(FxRobot robot) throws Exception {
        clickCommunity(robot, "Published Community");
        await().atMost(Duration.ofSeconds(60)).until(() -> text(robot, "#publicationStatus")
                .contains("Not published: no community key has been imported"));
        assertThat(text(robot, "#publicationKey")).startsWith("No community key imported");
        assertThat(links()).isEmpty();

        press(robot, "#importKeyButton");
        // Present is not yet clickable: the dialog's window may still be on its way to the screen.
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#importKeyField").tryQuery()
                .filter(field -> field.isVisible() && field.getScene() != null && field.getScene().getWindow() != null
                        && field.getScene().getWindow().isShowing()).isPresent());
        robot.clickOn("#importKeyField").write(Hex.encodeBare(TestData.communityKey(SEED).privateKeyBytes()));
        robot.clickOn("#importShardKeyField").write(Hex.encodeBare(SHARD_KEY.privateKeyBytes()));
        robot.clickOn("#importPassphraseField").write("window passphrase");
        robot.clickOn("#importPassphraseAgainField").write("window passphrase");
        robot.clickOn("OK");

        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "#publicationStatus")
                .startsWith("Published to the Waku network via " + network.store().rest() + " (relay) on /waku/2/rs/16/32"));
        assertThat(text(robot, "#publicationKey")).isEqualTo("Community key imported and unlocked for this session. "
                + "Protected-shard key imported: messages carry its signature in meta.");
        // The shard key was there before the first publication: the protected shard's relays took it into the store.
        await().atMost(Duration.ofSeconds(30)).until(() -> links().size() == 1);
        ArchiveLinkMessage.Received received = links().get(0);
        assertThat(received.magnetUri()).isEqualTo(app.historian.stores().archiveInfo().get(community.id()).lastMagnetUri());

        press(robot, "#verifyPublicationButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "#publicationResult")
                .startsWith("Members accept the newest link on the universal chat: signed by the community, clock " + received.clock()));
    }

    /** The archive links in the store node, read as a member reads them. */
    private List<ArchiveLinkMessage.Received> links() throws Exception {
        List<ArchiveLinkMessage.Received> links = new java.util.ArrayList<>();
        var stored = network.storedMessages(org.historian.waku.LinkChat.UNIVERSAL.wireContentTopic(community.id()));
        if (stored != null && stored.path("messages").isArray()) {
            for (var message : stored.get("messages")) {
                links.add(ArchiveLinkMessage.read(community.id(), message.get("contentTopic").asText(),
                        Base64.getDecoder().decode(message.get("payload").asText())));
            }
        }
        return links;
    }
}
