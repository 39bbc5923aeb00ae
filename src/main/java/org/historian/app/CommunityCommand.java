package org.historian.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.model.ContentTopic;
import org.historian.service.CommunitySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "community", description = "Manage the communities this node controls.",
        subcommands = {CommunityCommand.Add.class, CommunityCommand.ListCommunities.class})
final class CommunityCommand {
    @picocli.CommandLine.Mixin
    DataDirOption data;

    @Command(name = "add", description = "Add a community by its ID, a display name and its content topics.")
    static final class Add implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "0x…",
                description = "Community ID: 0x + 66 hex digits (its compressed public key).")
        String id;

        @Option(names = "--name", required = true, description = "Display name.")
        String name;

        @Option(names = "--topic", required = true, paramLabel = "0x1a2b3c4d",
                description = "A content topic of the community (4 bytes); repeat for each channel.")
        List<String> topics;

        @Option(names = "--encrypted", description = "The community is token-gated: its archives must be encrypted.")
        boolean encrypted;

        @Override
        public Integer call() throws Exception {
            CommunityId communityId = parse(() -> CommunityId.parse(id), "--id");
            List<ContentTopic> contentTopics = new ArrayList<>();
            for (String topic : topics) {
                contentTopics.add(parse(() -> ContentTopic.parse(topic), "--topic"));
            }
            Community community = parse(() -> new Community(communityId, name, contentTopics, encrypted, true, null), "--name/--topic");
            try (Historian historian = data.open()) {
                historian.communities().add(community);
            }
            spec.commandLine().getOut().printf("Added community %s (%s) with %d content topics.%n", community.name(),
                    community.id(), community.topics().size());
            return 0;
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
            try (Historian historian = data.open()) {
                summaries = historian.overview().summaries();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (summaries.isEmpty()) {
                out.println("No communities yet. Add one with: historian community add --id 0x… --name NAME --topic 0x…");
            }
            for (CommunitySummary summary : summaries) {
                Community community = summary.community();
                out.printf("%s  %s  topics=%s  archives=%d (%d bytes, %d messages)%s%s%n", community.id(), community.name(),
                        community.topics(), summary.archiveCount(), summary.archiveBytes(), summary.messagesArchived(),
                        community.encrypted() ? "  encrypted" : "", community.archiveSupport() ? "" : "  archiving off");
            }
            return 0;
        }
    }
}
