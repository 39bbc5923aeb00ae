package org.historian.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.historian.service.ArchiveRow;
import org.historian.service.ArchiveRunner;
import org.historian.model.CommunityId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "inspect", description = {
        "Print a community's index as JSON (every archive's ID, from, to, offset, size, padding, message count),",
        "then verify index against data. Exit code 1 on any mismatch."})
final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            return inspect(historian, id);
        }
    }

    private int inspect(Historian historian, CommunityId id) throws Exception {
        ArchiveRunner.FolderReport result = historian.runner().inspect(id);
        ObjectNode report = JSON.createObjectNode();
        report.put("community", id.hex());
        report.put("folder", result.folder().toString());
        if (result.dataBytes() >= 0) {
            report.put("dataBytes", result.dataBytes());
        }
        ArrayNode archives = report.putArray("archives");
        result.archives().forEach(archive -> archives.add(describe(archive)));
        ObjectNode verification = JSON.createObjectNode();
        ArrayNode problems = verification.putArray("problems");
        result.problems().forEach(problems::add);
        verification.put("ok", result.ok());
        report.set("verification", verification);
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(report));
        return result.ok() ? 0 : 1;
    }

    private static ObjectNode describe(ArchiveRunner.InspectedArchive archive) {
        ArchiveRow row = archive.row();
        ObjectNode node = JSON.createObjectNode();
        node.put("id", row.archiveId());
        node.put("from", row.from());
        node.put("to", row.to());
        node.put("fromTime", TimeArgument.format(row.from()));
        node.put("toTime", TimeArgument.format(row.to()));
        node.put("offset", row.offset());
        node.put("size", row.size());
        node.put("padding", row.padding());
        node.put("messageCount", row.messageCount());
        ArrayNode topics = node.putArray("contentTopics");
        archive.contentTopics().forEach(topics::add);
        return node;
    }
}
