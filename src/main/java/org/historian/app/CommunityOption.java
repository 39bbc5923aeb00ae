package org.historian.app;

import org.historian.model.CommunityId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --community 0x…}: the community a command works on; a malformed ID is a usage error of that command. */
final class CommunityOption {
    @Option(names = "--community", required = true, paramLabel = "0x…|LINK",
            description = "Community ID (0x + 66 hex digits) or its share link (https://status.app/c#zQ3…).")
    String community;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    CommunityId id() {
        return CommandLineSupport.communityId(command, community);
    }
}
