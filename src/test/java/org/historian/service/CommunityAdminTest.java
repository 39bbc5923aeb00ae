package org.historian.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.historian.archive.RunListener;
import org.historian.model.Community;
import org.historian.model.ContentTopic;
import org.historian.store.DownloadedArchiveRepository;
import org.historian.store.PieceHashRepository;
import org.historian.testing.FixtureStore;
import org.historian.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommunityAdminTest {
    private static final String ID = TestData.communityId(80).hex();

    @TempDir
    Path temp;

    private static Community parse(String json) {
        return CommunityAdmin.parseDescription(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDescriptionGivesTopicsDirectlyOrAsStatusChatIds() {
        String chatId = ID + "8c2e4b5a-1111-2222-3333-444455556666";
        Community community = parse("{\"id\":\"" + ID + "\",\"name\":\" Mine \",\"topics\":[\"0x1A2B3C4D\"],\"chatIds\":[\""
                + chatId + "\"],\"encrypted\":true,\"pubsubTopic\":\"/waku/2/rs/16/64\"}");
        assertThat(community.name()).isEqualTo("Mine");
        ContentTopic fromChat = ContentTopic.ofChatId(chatId);
        assertThat(community.topics()).containsExactly(community.id().universalTopic(), TestData.TOPIC, fromChat);
        assertThat(community.topicChatIds()).containsExactly(java.util.Map.entry(fromChat, chatId));
        assertThat(community.encrypted()).isTrue();
        assertThat(community.pubsubTopic()).isEqualTo("/waku/2/rs/16/64");
        assertThat(parse("{\"id\":\"" + ID + "\",\"name\":\"x\",\"topics\":[\"0x1a2b3c4d\"]}").pubsubTopic())
                .isEqualTo(Community.DEFAULT_PUBSUB_TOPIC);
    }

    @Test
    void theIdOrTheShareLinkAloneDescribesACommunity() {
        Community community = parse("{\"id\":\"" + ID + "\"}");
        assertThat(community.topics()).containsExactly(community.id().universalTopic());
        assertThat(community.name()).isEqualTo(Community.defaultName(community.id()));
        Community fromLink = parse("{\"id\":\"https://status.app/c#zQ3shVc2UkAfJCdc1TR8E66J85h48P43r93q8jGPkPpjF9Ef9\"}");
        assertThat(fromLink.id().hex()).isEqualTo("0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    }

    @Test
    void eachProblemNamesTheField() {
        assertThatThrownBy(() -> parse("[]")).hasMessage("the description must be a JSON object");
        assertThatThrownBy(() -> parse("{oops")).hasMessageStartingWith("the description is not valid JSON");
        assertThatThrownBy(() -> parse("{\"name\":\"x\",\"topics\":[\"0x1a2b3c4d\"]}")).hasMessage("id: is missing");
        assertThatThrownBy(() -> parse("{\"id\":\"0x12\",\"name\":\"x\"}")).hasMessage("id: community ID must be 33 bytes (66 hex digits), got 1 bytes");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"name\":5,\"topics\":[]}")).hasMessage("name: must be a string");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"name\":\"x\",\"topics\":[\"0x1a2b3c4d\",7]}"))
                .hasMessage("topics[1]: must be a string");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"name\":\"x\",\"topics\":\"0x1a2b3c4d\"}")).hasMessage("topics: must be a list");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"name\":\"x\",\"chatIds\":[\"0xother\"]}"))
                .hasMessageStartingWith("chatIds[0]: a channel's chat ID is the community ID followed by the channel's ID");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"chatIds\":[\"" + ID + "-memberUpdate\"]}"))
                .hasMessageContaining("chatIds[0]").hasMessageContaining("is the universal chat, archived always");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"topics\":[\"0x1a2b3c4d\",\"0x1a2b3c4d\"]}"))
                .hasMessage("topics[1]: 0x1a2b3c4d is given twice");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"name\":\"x\",\"topics\":[\"0x1a2b3c4d\"],\"encrypted\":\"no\"}"))
                .hasMessage("encrypted: must be true or false");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"name\":\"x\",\"topics\":[\"0x1a2b3c4d\"],\"pubsubTopic\":\"a b\"}"))
                .hasMessageStartingWith("pubsubTopic: pubsub topic must start with /");
        assertThatThrownBy(() -> parse("{\"id\":\"" + ID + "\",\"name\":\"x\",\"topics\":[\"0x1a2b3c4d\"],\"colour\":1}"))
                .hasMessageStartingWith("unknown field \"colour\"");
    }

    @Test
    void removingEverythingDeletesItsMessagesFilesAndCachesButNotSharedTopics() throws Exception {
        FixtureStore store = new FixtureStore(temp);
        Community gone = TestData.community(81, TestData.TOPIC, TestData.OTHER_TOPIC);
        Community stays = TestData.community(82, TestData.OTHER_TOPIC);
        store.communities.add(gone);
        store.communities.add(stays);
        store.messages.insert(List.of(TestData.message(TestData.JAN_1_2020 + 1, new byte[]{1}),
                TestData.message(TestData.JAN_1_2020 + 2, TestData.OTHER_TOPIC, new byte[]{2})));
        store.runner.run(gone, TestData.JAN_1_2020, TestData.JAN_1_2020 + TestData.WEEK, TestData.WEEK, RunListener.NONE);
        PieceHashRepository hashes = new PieceHashRepository(store.database);
        assertThat(hashes.load(gone.id())).isPresent();
        CommunityAdmin admin = new CommunityAdmin(store.communities, store.messages, hashes,
                new DownloadedArchiveRepository(store.database), store.archiveRoot(), store.torrents);

        CommunityAdmin.Removal removal = admin.remove(gone.id(), true);

        assertThat(removal.messagesDeleted()).isEqualTo(1);
        assertThat(store.messages.count(List.of(TestData.OTHER_TOPIC), 0, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(store.runner.folder(gone.id()).directory()).doesNotExist();
        assertThat(store.torrents.torrentFile(gone.id())).doesNotExist();
        assertThat(hashes.load(gone.id())).isEmpty();
        assertThat(store.ledger.list(gone.id())).isEmpty();
        assertThat(store.communities.find(gone.id())).isEmpty();
    }

    @Test
    void removingOnlyTheCommunityKeepsItsFiles() throws Exception {
        FixtureStore store = new FixtureStore(temp);
        Community community = TestData.community(83, TestData.TOPIC);
        store.communities.add(community);
        store.messages.insert(List.of(TestData.message(TestData.JAN_1_2020 + 1, new byte[]{1})));
        store.runner.run(community, TestData.JAN_1_2020, TestData.JAN_1_2020 + TestData.WEEK, TestData.WEEK, RunListener.NONE);
        CommunityAdmin admin = new CommunityAdmin(store.communities, store.messages, new PieceHashRepository(store.database),
                new DownloadedArchiveRepository(store.database), store.archiveRoot(), store.torrents);
        admin.remove(community.id(), false);
        assertThat(Files.exists(store.runner.folder(community.id()).data())).isTrue();
        assertThat(store.messages.count(community.topics(), 0, Long.MAX_VALUE)).isEqualTo(1);
        assertThatThrownBy(() -> admin.remove(community.id(), false)).hasMessageContaining("no community");
    }
}
