package org.historian.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.historian.archive.DiskFileSystem;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.store.CommunityRepository;
import org.historian.store.DownloadedArchiveRepository;
import org.historian.store.MessageRepository;
import org.historian.store.PieceHashRepository;

/** Adding communities (also from a JSON description) and removing them with everything they own. */
public final class CommunityAdmin {
    /** Largest description file read. */
    public static final int MAX_DESCRIPTION_BYTES = 1024 * 1024;
    /** A field given twice is refused, as import refuses repeated fields: a last-wins "id" would add another community. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FIELDS = Set.of("id", "name", "topics", "chatIds", "encrypted", "pubsubTopic");

    private final CommunityRepository communities;
    private final MessageRepository messages;
    private final PieceHashRepository pieceHashes;
    private final DownloadedArchiveRepository downloads;
    private final Path archiveRoot;
    private final TorrentService torrents;

    public CommunityAdmin(CommunityRepository communities, MessageRepository messages, PieceHashRepository pieceHashes,
                          DownloadedArchiveRepository downloads, Path archiveRoot, TorrentService torrents) {
        this.communities = communities;
        this.messages = messages;
        this.pieceHashes = pieceHashes;
        this.downloads = downloads;
        this.archiveRoot = archiveRoot;
        this.torrents = torrents;
    }

    public Optional<Community> find(CommunityId id) {
        return communities.find(id);
    }

    public List<Community> list() {
        return communities.list();
    }

    /**
     * Adds a community.
     *
     * @throws IllegalStateException when this node has it already
     */
    public void add(Community community) {
        communities.add(community);
    }

    /** Every message stored for the community's topics. */
    public long messageCount(Community community) {
        return messages.count(community.topics(), 0, Long.MAX_VALUE);
    }

    /** Adds the demo community of the spec, filled with generated messages, unless this node has it already. */
    public Community addDemo(DemoCommunity.Spec demo) {
        Community community = DemoCommunity.community(demo);
        if (communities.find(community.id()).isEmpty()) {
            communities.add(community);
            DemoCommunity.generate(demo, messages, DemoCommunity.Listener.NONE);
        }
        return community;
    }

    /**
     * Reads a community description:
     * {@code {"id": "0x…", "name": "…", "topics": ["0x1a2b3c4d"], "chatIds": ["0x…<uuid>"],
     * "encrypted": false, "pubsubTopic": "/waku/2/rs/16/32"}}. Only {@code id} is needed (the ID or
     * the share link): the universal chat's topic comes from it. Topics and chat IDs are extras for
     * the history of 2024-era channels; chat IDs give their topics as status-go derives them.
     *
     * @throws IllegalArgumentException naming the field and the problem
     */
    public static Community parseDescription(byte[] json) {
        if (json.length > MAX_DESCRIPTION_BYTES) {
            throw new IllegalArgumentException("the description is larger than " + MAX_DESCRIPTION_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(org.historian.model.Utf8Text.withoutBom(json));
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field '")) {
                String field = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
                throw new IllegalArgumentException(field + ": is given twice; give each field once", e);
            }
            throw new IllegalArgumentException("the description is not valid JSON: " + message, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the description is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the description cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the description must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"; known fields: " + FIELDS.stream().sorted().toList());
            }
        }
        CommunityId id = field("id", () -> CommunityId.parse(text(root, "id")));
        String name = root.has("name") ? field("name", () -> Community.validateName(text(root, "name"))) : null;
        Set<ContentTopic> topics = new LinkedHashSet<>();
        List<JsonNode> topicList = list(root, "topics");
        for (int i = 0; i < topicList.size(); i++) {
            JsonNode topic = topicList.get(i);
            ContentTopic parsed = field("topics[" + i + "]", () -> ContentTopic.parse(textOf(topic)));
            if (!topics.add(parsed)) {
                throw new IllegalArgumentException("topics[" + i + "]: " + parsed + " is given twice");
            }
        }
        java.util.Map<ContentTopic, String> fromChats = new java.util.LinkedHashMap<>();
        List<JsonNode> chatIds = list(root, "chatIds");
        for (int i = 0; i < chatIds.size(); i++) {
            JsonNode node = chatIds.get(i);
            String chatId = field("chatIds[" + i + "]", () -> {
                String text = textOf(node);
                Community.requireChannelChatId(id, text);
                return text;
            });
            ContentTopic topic = ContentTopic.ofChatId(chatId);
            if (fromChats.put(topic, chatId) != null || !topics.add(topic)) {
                throw new IllegalArgumentException("chatIds[" + i + "]: " + chatId + " is given twice, or its topic " + topic
                        + " is also in topics");
            }
        }
        JsonNode encrypted = root.get("encrypted");
        if (encrypted != null && !encrypted.isBoolean()) {
            throw new IllegalArgumentException("encrypted: must be true or false");
        }
        String pubsubTopic = root.has("pubsubTopic") ? field("pubsubTopic", () -> Community.validatePubsubTopic(
                text(root, "pubsubTopic"))) : Community.DEFAULT_PUBSUB_TOPIC;
        return field("topics", () -> new Community(id, name, new ArrayList<>(topics), fromChats, encrypted != null
                && encrypted.asBoolean(), true, null, pubsubTopic, false));
    }

    /** The elements of an optional list field. */
    private static List<JsonNode> list(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + ": must be a list");
        }
        List<JsonNode> elements = new ArrayList<>();
        node.forEach(elements::add);
        return elements;
    }

    private static String text(JsonNode root, String field) {
        return textOf(root.get(field));
    }

    private static String textOf(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("is missing");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("must be a string");
        }
        return node.asText();
    }

    private static <T> T field(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith(field + ":") ? message : field + ": " + message, e);
        }
    }

    /** What a removal deleted. */
    public record Removal(Community community, long messagesDeleted, boolean filesDeleted) {
    }

    /**
     * Removes a community. With {@code everything}, also its messages (of topics no other
     * community uses), its archive folder, torrent, cached hashes and fetch records; without, those
     * stay where they are and the community can be added again later.
     */
    public Removal remove(CommunityId id, boolean everything) throws IOException {
        Community community = communities.find(id).orElseThrow(() -> new IllegalArgumentException("no community " + id));
        communities.remove(id);
        if (!everything) {
            return new Removal(community, 0, false);
        }
        Set<ContentTopic> shared = new LinkedHashSet<>();
        communities.list().forEach(other -> shared.addAll(other.topics()));
        List<ContentTopic> own = community.topics().stream().filter(topic -> !shared.contains(topic)).toList();
        long deleted = messages.delete(own);
        pieceHashes.delete(id);
        downloads.deleteAll(id);
        DiskFileSystem.deleteRecursively(archiveRoot.resolve(id.hex()));
        Files.deleteIfExists(torrents.torrentFile(id));
        return new Removal(community, deleted, true);
    }
}
