package org.historian.waku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.historian.testing.FakeNwakuNode;
import org.historian.testing.FakeNwakuNode.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing through nwaku's REST API, against a local server that checks each request exactly. */
class WakuPublishClientTest {
    private static final WakuPublishClient.Options FAST = new WakuPublishClient.Options(Duration.ofSeconds(2), Duration.ofMillis(600),
            3, Duration.ofMillis(10), Duration.ofMillis(40));
    private FakeNwakuNode node;

    @BeforeEach
    void start() throws Exception {
        node = new FakeNwakuNode();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private WakuPublishClient client(WakuPublishClient.Mode mode) {
        return new WakuPublishClient(node.url(), mode, FAST);
    }

    @Test
    void relayPostsTheMessageToTheUrlEncodedPubsubTopic() throws Exception {
        WakuMessage message = ArchiveLinkMessageTest.build(Optional.empty());
        client(WakuPublishClient.Mode.RELAY).publish(message);

        assertThat(node.requests).extracting(URI::getPath).containsExactly("/health", "/relay/v1/messages//waku/2/rs/16/32");
        FakeNwakuNode.Posted post = node.posts.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.rawPath()).isEqualTo("/relay/v1/messages/%2Fwaku%2F2%2Frs%2F16%2F32");
        assertThat(post.contentType()).isEqualTo("application/json");
        JsonNode json = post.json();
        assertThat(json.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("payload", "contentTopic", "version", "timestamp");
        assertThat(Base64.getDecoder().decode(json.get("payload").asText())).isEqualTo(message.payload());
        assertThat(json.get("contentTopic").asText()).isEqualTo(ArchiveLinkMessageTest.Golden.CONTENT_TOPIC);
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(json.get("timestamp").asLong()).isEqualTo(ArchiveLinkMessageTest.NANOS);
    }

    @Test
    void lightpushWrapsTheMessageWithItsPubsubTopicAndMetaWhenSigned() throws Exception {
        WakuMessage message = ArchiveLinkMessageTest.build(Optional.of(ArchiveLinkMessageTest.OTHER_KEY));
        client(WakuPublishClient.Mode.LIGHTPUSH).publish(message);

        FakeNwakuNode.Posted post = node.posts.get(0);
        assertThat(post.rawPath()).isEqualTo("/lightpush/v1/message");
        assertThat(post.json().get("pubsubTopic").asText()).isEqualTo("/waku/2/rs/16/32");
        assertThat(Base64.getDecoder().decode(post.message().get("meta").asText())).isEqualTo(message.meta()).hasSize(64);
        assertThat(Base64.getDecoder().decode(post.message().get("payload").asText())).isEqualTo(message.payload());
    }

    @Test
    void aRefusalIsNotRetriedAndNamesTheNodesReason() {
        node.thenOnPublish(Answer.status(400, "Failed to publish: NoPeersToPublish"));
        assertThatThrownBy(() -> client(WakuPublishClient.Mode.RELAY).publish(ArchiveLinkMessageTest.build(Optional.empty())))
                .isInstanceOf(MagnetPublishException.class)
                .hasMessageContaining("refused the message: 400 Failed to publish: NoPeersToPublish");
        assertThat(node.requests).hasSize(2);
        assertThat(node.posts).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        node.thenOnPublish(Answer.status(503, "busy")).thenOnPublish(Answer.status(500, "still busy"));
        client(WakuPublishClient.Mode.RELAY).publish(ArchiveLinkMessageTest.build(Optional.empty()));
        assertThat(node.requests).hasSize(4);
        assertThat(node.posts).hasSize(1);
    }

    @Test
    void aSlowNodeTimesOutWithAClearError() {
        node.thenOnPublish(Answer.hanging()).thenOnPublish(Answer.hanging()).thenOnPublish(Answer.hanging());
        assertThatThrownBy(() -> client(WakuPublishClient.Mode.RELAY).publish(ArchiveLinkMessageTest.build(Optional.empty())))
                .hasMessageContaining("did not take the message: no answer within 0.6 s (at ");
        assertThat(node.requests).as("the health check and one post: a post not answered in time is not sent again").hasSize(2);
    }

    @Test
    void anUnhealthyOrAbsentNodeIsReportedBeforeAnythingIsSent() {
        node.health(Answer.json("{\"nodeHealth\":\"Initializing\"}"));
        assertThatThrownBy(() -> client(WakuPublishClient.Mode.RELAY).publish(ArchiveLinkMessageTest.build(Optional.empty())))
                .hasMessageContaining("reports its health as \"Initializing\"");
        assertThat(node.posts).isEmpty();
        WakuPublishClient nobody = new WakuPublishClient(URI.create("http://127.0.0.1:1"), WakuPublishClient.Mode.RELAY, FAST);
        assertThatThrownBy(() -> nobody.publish(ArchiveLinkMessageTest.build(Optional.empty()))).hasMessageContaining("cannot be reached");
        assertThat(List.of(WakuPublishClient.Mode.parse(" Lightpush "))).containsExactly(WakuPublishClient.Mode.LIGHTPUSH);
        assertThatThrownBy(() -> WakuPublishClient.Mode.parse("gossip")).hasMessageContaining("not relay or lightpush");
    }
}
