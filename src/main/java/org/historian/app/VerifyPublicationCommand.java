package org.historian.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.historian.model.CommunityId;
import org.historian.service.PublicationVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify-publication", description = {"Read the community's archive links back from a node's store (the universal",
        "chat, and the 2024-era magnet channel) and say whether current Status members would accept the newest link,",
        "and why not. Exit code 0 when they would, 1 when not."})
final class VerifyPublicationCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;
    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @Option(names = "--node", paramLabel = "URL", description = {"REST URL of an nwaku node with the store protocol",
            "(default: the setting waku.nodeUrl, else store.nodeUrl)."})
    String node;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            PublicationVerifier.Verification verification = historian.publicationVerifier().verify(id, Optional.ofNullable(node));
            PrintWriter out = spec.commandLine().getOut();
            out.println((verification.accepted() ? "ACCEPTED: " : "NOT ACCEPTED: ") + verification.summary());
            verification.details().forEach(detail -> out.println("  " + detail));
            return verification.accepted() ? 0 : 1;
        }
    }
}
