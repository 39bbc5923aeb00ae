package org.historian.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.historian.archive.ArchiveFolder;
import org.historian.archive.ArchiveIndexEntry;
import org.historian.archive.ArchiveReader;
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
        ArchiveFolder folder = historian.runner().folder(id);
        ObjectNode report = JSON.createObjectNode();
        report.put("community", id.hex());
        report.put("folder", folder.directory().toString());
        ArrayNode archives = report.putArray("archives");
        ObjectNode verification = JSON.createObjectNode();
        ArrayNode problems = verification.putArray("problems");
        boolean ok;
        try {
            ArchiveReader.Verification result = historian.reader().verify(folder);
            report.put("dataBytes", result.dataLength());
            for (ArchiveReader.ArchiveCheck check : result.archives()) {
                archives.add(describe(check));
                check.problems().forEach(problem -> problems.add(check.entry().archiveId() + ": " + problem));
            }
            result.folderProblems().forEach(problems::add);
            ok = result.ok();
        } catch (IOException e) {
            problems.add(e.getMessage());
            ok = false;
        }
        verification.put("ok", ok);
        report.set("verification", verification);
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(report));
        return ok ? 0 : 1;
    }

    private static ObjectNode describe(ArchiveReader.ArchiveCheck check) {
        ArchiveIndexEntry entry = check.entry();
        ObjectNode node = JSON.createObjectNode();
        node.put("id", entry.archiveId());
        node.put("from", entry.from());
        node.put("to", entry.to());
        node.put("fromTime", TimeArgument.format(entry.from()));
        node.put("toTime", TimeArgument.format(entry.to()));
        node.put("offset", entry.offset());
        node.put("size", entry.size());
        node.put("padding", entry.padding());
        node.put("messageCount", check.messageCount());
        ArrayNode topics = node.putArray("contentTopics");
        entry.contentTopicsHex().forEach(topics::add);
        return node;
    }
}
