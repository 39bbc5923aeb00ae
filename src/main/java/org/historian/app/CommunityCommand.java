package org.historian.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.service.CommunitySummary;
import java.nio.file.Path;
import org.historian.service.CommunityAdmin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "community", description = "Manage the communities this node controls.",
        subcommands = {CommunityCommand.Add.class, CommunityCommand.ListCommunities.class, CommunityCommand.Remove.class})
final class CommunityCommand {
    @picocli.CommandLine.Mixin
    DataDirOption data;

    @Command(name = "add", description = {"Add a community by its ID or share link; its universal chat (every message of",
            "current Status clients) is archived from then on. Topics and chat IDs of 2024-era channels are optional extras.",
            "Or from a JSON description: {\"id\", \"name\", \"topics\", \"chatIds\", \"encrypted\", \"pubsubTopic\"}."})
    static final class Add implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        How how;

        static final class How {
            @ArgGroup(exclusive = false)
            Fields fields;

            @Option(names = "--from-file", paramLabel = "FILE", description = "A JSON description of the community.")
            Path file;
        }

        static final class Fields {
            @Option(names = {"--id", "--link"}, required = true, paramLabel = "0x…|LINK",
                    description = "Community ID (0x + 66 hex digits, its compressed public key) or its share link from the "
                            + "Status app (https://status.app/c#zQ3…).")
            String id;

            @Option(names = "--name", description = "Display name (default: Community and the start of the ID).")
            String name;

            @Option(names = "--topic", paramLabel = "0x1a2b3c4d",
                    description = "Extra: the content topic (4 bytes) of a 2024-era channel, for its old history; repeatable.")
            List<String> topics = new ArrayList<>();

            @Option(names = "--chat-id", paramLabel = "0x…<channel id>",
                    description = "Extra: the chat ID of a 2024-era channel (the community ID and the channel's ID); repeatable.")
            List<String> chatIds = new ArrayList<>();

            @Option(names = "--encrypted", description = "The community is token-gated: its archives must be encrypted.")
            boolean encrypted;

            @Option(names = "--pubsub-topic", paramLabel = "TOPIC", description = "Its Waku pubsub topic (default /waku/2/rs/16/32).")
            String pubsubTopic;
        }

        @Override
        public Integer call() throws Exception {
            Community community = how.file != null ? fromFile(how.file) : fromFields(how.fields);
            try (Historian historian = data.open()) {
                historian.admin().add(community);
            }
            spec.commandLine().getOut().printf("Added community %s (%s). Archived topics: %s.%n", community.name(),
                    community.id(), TopicLabels.describe(community));
            return 0;
        }

        private Community fromFile(Path file) throws java.io.IOException {
            byte[] json = InputFiles.read(file, CommunityAdmin.MAX_DESCRIPTION_BYTES, "--from-file");
            return parse(() -> CommunityAdmin.parseDescription(json), file.toString());
        }

        private Community fromFields(Fields fields) {
            CommunityId communityId = parse(() -> CommunityId.parse(fields.id), "--id");
            List<ContentTopic> contentTopics = new ArrayList<>();
            for (String topic : fields.topics) {
                contentTopics.add(parse(() -> ContentTopic.parse(topic), "--topic"));
            }
            Map<ContentTopic, String> fromChats = parse(() -> Community.topicsOfChatIds(communityId, fields.chatIds), "--chat-id");
            contentTopics.addAll(fromChats.keySet());
            String pubsub = parse(() -> Community.validatePubsubTopic(fields.pubsubTopic), "--pubsub-topic");
            return parse(() -> new Community(communityId, fields.name, contentTopics, fromChats, fields.encrypted, true, null, pubsub,
                    false), "--name/--topic/--chat-id");
        }

        private <T> T parse(java.util.function.Supplier<T> parser, String option) {
            try {
                return parser.get();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "list", description = "List the communities with their topics and archives.")
    static final class ListCommunities implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<CommunitySummary> summaries;
            java.util.Set<org.historian.model.CommunityId> keyed;
            String publishing;
            try (Historian historian = data.open()) {
                summaries = historian.overview().summaries();
                keyed = historian.keys().stored().stream().filter(key -> key.kind()
                        == org.historian.model.KeyKind.COMMUNITY).map(key -> key.community())
                        .collect(java.util.stream.Collectors.toSet());
                publishing = historian.settings().publishingEnabled() ? ""
                        : "  links not published: publishing is off (waku.publish)";
            }
            PrintWriter out = spec.commandLine().getOut();
            if (summaries.isEmpty()) {
                out.println("No communities yet. Add one with: historian community add --id 0x… (or its share link)");
            }
            for (CommunitySummary summary : summaries) {
                Community community = summary.community();
                out.printf("%s  %s  topics=[%s]  archives=%d (%d bytes, %d messages)%s%s%s%s%n", community.id(), community.name(),
                        TopicLabels.describe(community), summary.archiveCount(), summary.archiveBytes(), summary.messagesArchived(),
                        community.encrypted() ? "  encrypted" : "", community.archiveSupport() ? "" : "  archiving off",
                        community.demo() ? "  [demo data]" : "", summary.mirror() ? "  [mirror: the owner's archives, fetched]"
                                : !publishing.isEmpty() ? publishing : keyed.contains(community.id())
                                ? "  community key stored" : "  links not published: no community key (historian key import)");
            }
            return 0;
        }
    }

    @Command(name = "remove", description = {"Remove a community from this node. Its messages, archives and torrent stay",
            "on disk unless --everything is given."})
    static final class Remove implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "0x…", description = "Community ID.")
        String id;

        @Option(names = "--everything", description = "Also delete its messages, archive folder, torrent and caches.")
        boolean everything;

        @Override
        public Integer call() throws Exception {
            CommunityId communityId = CommandLineSupport.communityId(spec, id);
            try (Historian historian = data.open()) {
                CommunityAdmin.Removal removal = historian.admin().remove(communityId, everything);
                spec.commandLine().getOut().printf("Removed %s%s.%n", removal.community().name(), removal.filesDeleted()
                        ? " with " + removal.messagesDeleted() + " messages and its archives" : "; its files stay in the data directory");
                return 0;
            }
        }
    }
}
