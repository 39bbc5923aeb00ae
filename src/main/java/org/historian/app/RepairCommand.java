package org.historian.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.historian.model.CommunityId;
import org.historian.service.IndexRepair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "repair", description = {"Rebuild a community's lost or damaged index from its data, when every archive the",
        "ledger lists parses at its place and gives the ledger's archive ID; then its torrent. Nothing is changed otherwise.",
        "The previous index, if any, is kept beside the folder."})
final class RepairCommand implements Callable<Integer> {
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
            IndexRepair.Result result = historian.runner().repairIndex(id);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Rebuilt the index of %s: %d archives, %d messages, each checked against the ledger.%n", id,
                    result.archives(), result.messages());
            if (result.previousIndex() != null) {
                out.printf("The previous index is kept as %s.%n", result.previousIndex());
            }
            return 0;
        }
    }
}
